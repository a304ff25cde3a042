import { describe, expect, it } from 'vitest';
import { auditOrderReturns, type AuditedReturn, type SoldLine } from './index';

const sold: SoldLine[] = [{ lineId: 'a', sku: 'TEE', quantity: 2, net: 2000, tax: 0, taxComponents: [] }];
const ret = (
  returnId: string,
  storeId: string,
  quantity: number,
  status: AuditedReturn['status'] = 'completed',
  lineId = 'a',
): AuditedReturn => ({ returnId, storeId, registerId: `reg-${storeId}`, status, lines: [{ lineId, quantity }] });

describe('auditOrderReturns', () => {
  it('names every return of a line returned more often than bought, counting a replicated return once', () => {
    const f = auditOrderReturns(sold, [ret('r1', 'S1', 2), ret('r2', 'S2', 1), ret('r2', 'S2', 1)], []);
    expect(f).toEqual([
      {
        kind: 'over_return',
        lineId: 'a',
        sku: 'TEE',
        bought: 2,
        returned: 3,
        returns: [
          { returnId: 'r1', storeId: 'S1', registerId: 'reg-S1', quantity: 2 },
          { returnId: 'r2', storeId: 'S2', registerId: 'reg-S2', quantity: 1 },
        ],
      },
    ]);
  });

  it('ignores voided returns and finds lines the order never had', () => {
    expect(auditOrderReturns(sold, [ret('r1', 'S1', 2), ret('r2', 'S2', 1, 'voided')], [])).toEqual([]);
    expect(auditOrderReturns(sold, [ret('r3', 'S1', 1, 'completed', 'zzz')], []).map((x) => x.kind)).toEqual([
      'unknown_line',
    ]);
  });

  it('flags refunds above what was paid, counting only payments that moved value', () => {
    const payments = [
      { paymentId: 'sale', kind: 'sale' as const, counts: true, amount: 2000 },
      { paymentId: 'r1', kind: 'refund' as const, counts: true, amount: 1500 },
      { paymentId: 'r2', kind: 'refund' as const, counts: false, amount: 1500 },
    ];
    expect(auditOrderReturns(sold, [], payments)).toEqual([]);
    expect(
      auditOrderReturns(sold, [], [...payments, { paymentId: 'r3', kind: 'refund', counts: true, amount: 501 }]),
    ).toEqual([{ kind: 'over_refund', paid: 2000, refunded: 2001, paymentIds: ['r1', 'r3'] }]);
  });
});
