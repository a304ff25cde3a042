import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { money } from '../money';
import { priceCart } from '../pricing';
import type { TaxJurisdiction } from '../tax';
import {
  type ReturnPolicy,
  type SoldLine,
  ReturnError,
  planRefund,
  quoteRefund,
  returnability,
  settleExchange,
} from './index';
import { codeOf } from '../../test/support/error-code';

const nyc: TaxJurisdiction = {
  code: 'US-NY-NYC',
  mode: 'exclusive',
  rounding: 'line',
  roundingMode: 'half-up',
  rates: [
    { code: 'NY-STATE', name: 'NY State', percent: '4', categories: ['general'] },
    { code: 'NYC', name: 'New York City', percent: '4.5', categories: ['general'] },
    { code: 'MCTD', name: 'MCTD', percent: '0.375', categories: ['general'] },
  ],
};

function sale(lines: { key: string; unit: number; qty: number }[], orderPercent: string): SoldLine[] {
  const t = priceCart({
    currency: 'USD',
    jurisdiction: nyc,
    lines: lines.map((l) => ({
      key: l.key,
      sku: l.key,
      category: 'c',
      taxCategory: 'general',
      quantity: l.qty,
      unitPrice: money(l.unit, 'USD'),
    })),
    orderDiscount: { kind: 'percent', percent: orderPercent, reason: 'promo' },
  });
  return t.lines.map((l) => ({
    lineId: l.key,
    sku: l.sku,
    quantity: l.quantity,
    net: l.total - l.tax,
    tax: l.tax,
    taxComponents: l.taxComponents,
  }));
}

describe('refund of a partial return of a discounted line', () => {
  const sold = sale(
    [
      { key: 'shirt', unit: 1999, qty: 3 },
      { key: 'hat', unit: 1250, qty: 1 },
    ],
    '15',
  );

  it('refunds the line’s share of the order discount and exactly its tax', () => {
    // 15% of 72.47 = 10.87, allocated 9.00 to the shirts and 1.87 to the hat.
    expect(sold.map((l) => [l.net, l.tax])).toEqual([
      [5097, 452],
      [1063, 95],
    ]);
    const first = quoteRefund(sold, [], [{ lineId: 'shirt', quantity: 1 }]);
    expect(first.lines[0]).toMatchObject({ quantity: 1, net: 1699, tax: 150, total: 1849 });
    expect(first.lines[0]?.taxComponents.map((c) => c.amount)).toEqual([68, 76, 6]);
    const rest = quoteRefund(
      sold,
      [{ returnId: 'r1', lines: [{ lineId: 'shirt', quantity: 1 }] }],
      [{ lineId: 'shirt', quantity: 2 }],
    );
    expect([rest.net, rest.tax]).toEqual([5097 - 1699, 452 - 150]);
  });

  it('counts returns from every store once and refuses returning more than is left', () => {
    const prior = [
      { returnId: 'r1', lines: [{ lineId: 'shirt', quantity: 2 }] },
      { returnId: 'r1', lines: [{ lineId: 'shirt', quantity: 2 }] }, // replicated twice
    ];
    expect(returnability(sold, prior).get('shirt')).toEqual({
      lineId: 'shirt',
      bought: 3,
      returned: 2,
      returnable: 1,
      overReturned: 0,
    });
    expect(codeOf(() => quoteRefund(sold, prior, [{ lineId: 'shirt', quantity: 2 }]))).toBe(ReturnError.OVER_RETURN);
    expect(codeOf(() => quoteRefund(sold, [], [{ lineId: 'sock', quantity: 1 }]))).toBe(ReturnError.UNKNOWN_LINE);
    expect(codeOf(() => quoteRefund(sold, [], [{ lineId: 'shirt', quantity: -1 }]))).toBe(ReturnError.INVALID_QUANTITY);
    const offlineClash = [
      { returnId: 'a', lines: [{ lineId: 'hat', quantity: 1 }] },
      { returnId: 'b', lines: [{ lineId: 'hat', quantity: 1 }] },
    ];
    expect(returnability(sold, offlineClash).get('hat')).toMatchObject({ returnable: 0, overReturned: 1 });
  });

  it('property: any sequence of partial returns refunds at most the sale, and all of it when everything is back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ unit: fc.integer({ min: 1, max: 30_000 }), qty: fc.integer({ min: 1, max: 6 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 })), { maxLength: 15 }),
        (ls, pct, steps) => {
          const s = sale(
            ls.map((l, i) => ({ key: `l${i}`, ...l })),
            String(pct),
          );
          const prior: { returnId: string; lines: { lineId: string; quantity: number }[] }[] = [];
          let refundedTax = 0;
          let refunded = 0;
          const saleTax = s.reduce((a, l) => a + l.tax, 0);
          const saleTotal = s.reduce((a, l) => a + l.net + l.tax, 0);
          for (const [pick, q] of steps) {
            const line = s[pick % s.length] as SoldLine;
            const left = returnability(s, prior).get(line.lineId)?.returnable ?? 0;
            if (left === 0) continue;
            const quantity = Math.min(q, left);
            const quote = quoteRefund(s, prior, [{ lineId: line.lineId, quantity }]);
            refunded += quote.total;
            refundedTax += quote.tax;
            prior.push({ returnId: `r${prior.length}`, lines: [{ lineId: line.lineId, quantity }] });
            expect(refundedTax).toBeLessThanOrEqual(saleTax);
            expect(refunded).toBeLessThanOrEqual(saleTotal);
          }
          const state = returnability(s, prior);
          const final = quoteRefund(
            s,
            prior,
            s.map((l) => ({ lineId: l.lineId, quantity: state.get(l.lineId)?.returnable ?? 0 })),
          );
          expect(refundedTax + final.tax).toBe(saleTax);
          expect(refunded + final.total).toBe(saleTotal);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('refund tender plan', () => {
  const policy: ReturnPolicy = {
    returnWindowDays: 30,
    afterWindow: 'store_credit_with_approval',
    receiptlessCap: 5000,
    receiptlessNeedsApproval: true,
    cashRefundApprovalOver: 2000,
    approverRole: 'manager',
    selfApprovingRoles: ['manager'],
  };
  const tenders = [
    { paymentId: 'p-cash', method: 'cash' as const, amount: 3000, refunded: 0 },
    { paymentId: 'p-card', method: 'card' as const, amount: 4000, refunded: 0, token: 'tok_abc', last4: '4242' },
  ];
  const base = {
    currency: 'USD',
    withReceipt: true,
    saleAt: '2026-11-20T10:00:00Z',
    now: '2026-11-27T10:00:00Z',
    originalTenders: tenders,
    policy,
    actorRole: 'clerk' as const,
  };

  it('goes back to the card token first, then to cash, asking approval for a big cash refund', () => {
    const plan = planRefund({ ...base, refundTotal: 6500 });
    expect(plan.allocations).toEqual([
      { method: 'card', amount: 4000, paymentId: 'p-card', token: 'tok_abc', last4: '4242' },
      { method: 'cash', amount: 2500, paymentId: 'p-cash' },
    ]);
    expect(plan.approvals.map((a) => a.kind)).toEqual(['cash_refund']);
    expect(plan.approvals[0]?.reason).toBe('Cash refund of $25.00 is over the limit of $20.00.');
    expect(planRefund({ ...base, refundTotal: 6500, actorRole: 'manager' }).approvals).toEqual([]);
    expect(planRefund({ ...base, refundTotal: 1000 }).allocations).toEqual([
      { method: 'card', amount: 1000, paymentId: 'p-card', token: 'tok_abc', last4: '4242' },
    ]);
  });

  it('skips what earlier returns already refunded', () => {
    const plan = planRefund({
      ...base,
      refundTotal: 1500,
      originalTenders: [{ ...tenders[1]!, refunded: 3000 }, tenders[0]!],
    });
    expect(plan.allocations.map((a) => [a.method, a.amount])).toEqual([
      ['card', 1000],
      ['cash', 500],
    ]);
  });

  it('receipt-less returns are capped, paid as store credit and need approval', () => {
    const plan = planRefund({ ...base, withReceipt: false, refundTotal: 4000 });
    expect(plan).toEqual({
      allocations: [{ method: 'store_credit', amount: 4000 }],
      approvals: [expect.objectContaining({ kind: 'receiptless_return' })],
    });
    expect(codeOf(() => planRefund({ ...base, withReceipt: false, refundTotal: 5001 }))).toBe(
      ReturnError.RECEIPTLESS_OVER_CAP,
    );
  });

  it('after the window: store credit with approval, or refused', () => {
    const late = { ...base, saleAt: '2026-10-01T10:00:00Z', refundTotal: 1000 };
    expect(planRefund(late).allocations).toEqual([{ method: 'store_credit', amount: 1000 }]);
    expect(planRefund(late).approvals.map((a) => a.kind)).toEqual(['return_outside_window']);
    expect(codeOf(() => planRefund({ ...late, policy: { ...policy, afterWindow: 'refuse' } }))).toBe(
      ReturnError.OUTSIDE_WINDOW,
    );
    expect(codeOf(() => planRefund({ ...late, saleAt: 'yesterday' }))).toBe(ReturnError.INVALID_DATE);
  });

  it('settles an exchange either way', () => {
    expect(settleExchange(1849, 2500)).toEqual({ direction: 'customer-pays', amount: 651 });
    expect(settleExchange(1849, 1000)).toEqual({ direction: 'refund-customer', amount: 849 });
    expect(settleExchange(1000, 1000)).toEqual({ direction: 'even', amount: 0 });
    expect(codeOf(() => settleExchange(Number.NaN, 1))).toBe(ReturnError.INVALID_QUANTITY);
  });
});
