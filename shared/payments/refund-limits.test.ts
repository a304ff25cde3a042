import { describe, expect, it } from 'vitest';
import {
  offlineRefundAmount,
  offlineRefundIssue,
  receiptlessIssue,
  refundLimitsOf,
  type ApproverRecord,
  type ReturnForLimits,
} from './refund-limits';

const STORE = 'store-a';
const limits = { receiptlessCap: 5_000, receiptlessNeedsApproval: true, offlineRefundCap: 3_000 };
const manager: ApproverRecord = { role: 'manager', active: true, allStores: false, storeIds: [STORE] };
const staff: Record<string, ApproverRecord> = {
  manager,
  clerk: { ...manager, role: 'clerk' },
  elsewhere: { ...manager, storeIds: ['store-b'] },
  gone: { ...manager, active: false },
  admin: { ...manager, role: 'admin', storeIds: [], allStores: true },
};
const receiptless = (amount: number, approvedBy?: string, method = 'store_credit'): ReturnForLimits => ({
  storeId: STORE,
  receiptless: true,
  refundTotal: amount,
  tenders: [{ method, amount }],
  approvals: approvedBy ? [{ action: 'receiptless_return', approvedBy }] : [],
});
const check = (ret: ReturnForLimits) => receiptlessIssue(ret, limits, (id) => staff[id])?.code ?? null;

describe('refund limits', () => {
  it('lets a receipt-less return within the cap through with a manager or admin of the store', () => {
    expect(check(receiptless(5_000, 'manager'))).toBeNull();
    expect(check(receiptless(1, 'admin'))).toBeNull();
  });

  it('refuses it over the cap, in cash, or without a valid approver', () => {
    expect(check(receiptless(5_001, 'manager'))).toBe('SYNC_RECEIPTLESS_OVER_CAP');
    expect(check(receiptless(100, 'manager', 'cash'))).toBe('SYNC_RECEIPTLESS_OVER_CAP');
    for (const who of [undefined, 'clerk', 'elsewhere', 'gone', 'nobody'])
      expect(check(receiptless(100, who)), String(who)).toBe('SYNC_APPROVAL_MISSING');
    expect(
      receiptlessIssue(receiptless(100), { ...limits, receiptlessNeedsApproval: false }, () => undefined),
    ).toBeNull();
  });

  it('counts cash, or the whole receipt-less refund, against the offline cap', () => {
    expect(
      offlineRefundAmount({
        receiptless: false,
        refundTotal: 900,
        tenders: [
          { method: 'card', amount: 400 },
          { method: 'cash', amount: 500 },
        ],
      }),
    ).toBe(500);
    expect(offlineRefundAmount(receiptless(700))).toBe(700);
    expect(offlineRefundIssue(2_000, 1_000, limits)).toBeNull();
    expect(offlineRefundIssue(2_000, 1_001, limits)?.code).toBe('SYNC_OFFLINE_REFUND_CAP');
    expect(offlineRefundIssue(9_999, 0, limits)).toBeNull();
  });

  it('is strict without a policy and falls back to the offline card cap', () => {
    expect(refundLimitsOf(undefined)).toEqual({
      receiptlessCap: 0,
      receiptlessNeedsApproval: true,
      offlineRefundCap: 0,
    });
    const policy = {
      returns: { receiptlessCap: 10, receiptlessNeedsApproval: false },
      offlineCard: { perRegisterCap: 77 },
    };
    expect(refundLimitsOf(policy).offlineRefundCap).toBe(77);
    expect(refundLimitsOf({ ...policy, returns: { ...policy.returns, offlineRefundCap: 5 } }).offlineRefundCap).toBe(5);
  });
});
