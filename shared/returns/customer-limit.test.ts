import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/support/error-code';
import { customerLimitExceeded, customerLimitSince, planRefund, ReturnError, type ReturnPolicy } from './index';

const limit = { periodDays: 30, maxReturns: 2, maxAmount: 10_000 };
const NOW = '2026-12-03T12:00:00.000Z';
const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();

describe('return limit per customer per period', () => {
  it('counts returns and amounts inside the period only, each return once', () => {
    const history = [
      { returnId: 'a', at: daysAgo(1), refundTotal: 3000 },
      { returnId: 'a', at: daysAgo(1), refundTotal: 3000 }, // replicated twice
      { returnId: 'old', at: daysAgo(31), refundTotal: 9000 },
      { returnId: 'bad', at: 'not a date', refundTotal: 9000 },
    ];
    expect(customerLimitExceeded(limit, history, 7000, NOW, 'USD')).toBeUndefined();
    expect(customerLimitExceeded(limit, history, 7001, NOW, 'USD')).toMatch(
      /refunded \$30\.00 .* over the limit of \$100\.00/,
    );
    const two = [...history, { returnId: 'b', at: daysAgo(29), refundTotal: 100 }];
    expect(customerLimitExceeded(limit, two, 1, NOW, 'USD')).toBe(
      'This customer has made 2 returns in the last 30 days; the limit is 2.',
    );
    expect(customerLimitSince(limit, NOW)).toBe(daysAgo(30));
    expect(codeOf(() => customerLimitSince(limit, 'yesterday'))).toBe(ReturnError.INVALID_DATE);
  });

  it('makes planRefund ask for a manager, with or without a receipt, unless the clerk may approve', () => {
    const policy: ReturnPolicy = {
      returnWindowDays: 30,
      afterWindow: 'refuse',
      receiptlessCap: 50_000,
      receiptlessNeedsApproval: false,
      cashRefundApprovalOver: 100_000,
      approverRole: 'manager',
      selfApprovingRoles: ['manager'],
      customerLimit: { ...limit, maxReturns: 1 },
    };
    const customerReturns = [{ returnId: 'a', at: daysAgo(2), refundTotal: 500 }];
    const base = { currency: 'USD', refundTotal: 1000, now: NOW, policy, actorRole: 'clerk' as const, customerReturns };
    const withReceipt = planRefund({
      ...base,
      withReceipt: true,
      saleAt: daysAgo(3),
      originalTenders: [{ paymentId: 'p', method: 'cash', amount: 1000, refunded: 0 }],
    });
    expect(withReceipt.approvals.map((a) => a.kind)).toEqual(['return_limit']);
    const receiptless = planRefund({ ...base, withReceipt: false, originalTenders: [] });
    expect(receiptless.approvals.map((a) => a.kind)).toEqual(['return_limit']);
    expect(planRefund({ ...base, actorRole: 'manager', withReceipt: false, originalTenders: [] }).approvals).toEqual(
      [],
    );
    expect(planRefund({ ...base, customerReturns: [], withReceipt: false, originalTenders: [] }).approvals).toEqual([]);
    const { customerLimit: _none, ...noLimit } = policy;
    expect(planRefund({ ...base, policy: noLimit, withReceipt: false, originalTenders: [] }).approvals).toEqual([]);
  });
});
