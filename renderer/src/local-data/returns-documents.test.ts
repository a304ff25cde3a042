// Property tests over the documents the register writes for returns: for random sales (line and
// order discounts, three tax rates, split cash + card) and random sequences of partial returns
// planned under the policy, every return document passes the schema, the refunds never add up to
// more than was paid, tax refunded never exceeds the tax charged per rate, and returning
// everything gives back exactly the sale and exactly its tax. The server's audit agrees.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { money, percentToPpm } from '../../../shared/money';
import { priceCart } from '../../../shared/pricing';
import {
  auditOrderReturns,
  planRefund,
  priorReturnsFor,
  returnability,
  soldLinesFromOrder,
  type ReturnPolicy,
} from '../../../shared/returns';
import { parseDocument } from '../../../shared/schemas/validate';
import type { Order, Return } from '../../../shared/schemas';
import type { TaxJurisdiction } from '../../../shared/tax';
import { buildReturnDocuments, type ExecutedRefund } from './returns-documents';

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
const policy: ReturnPolicy = {
  returnWindowDays: 30,
  afterWindow: 'store_credit_with_approval',
  receiptlessCap: 5000,
  receiptlessNeedsApproval: true,
  cashRefundApprovalOver: 1_000_000,
  approverRole: 'manager',
  selfApprovingRoles: ['manager'],
};
const STORE = '0193a000-0000-7000-8000-0000000000aa';
const REGISTER = '0193a000-0000-7000-8000-0000000000bb';
const STAFF = '0193a000-0000-7000-8000-0000000000cc';
const AT = '2026-12-01T10:00:00.000Z';

let counter = 0;
const newId = (): string => `0193a000-0000-7000-8000-${(++counter).toString(16).padStart(12, '0')}`;

function order(lines: { unit: number; qty: number }[], orderPercent: number): Order {
  const t = priceCart({
    currency: 'USD',
    jurisdiction: nyc,
    lines: lines.map((l, i) => ({
      key: newId(),
      sku: `SKU-${i}`,
      category: 'c',
      taxCategory: 'general',
      quantity: l.qty,
      unitPrice: money(l.unit, 'USD'),
    })),
    orderDiscount: { kind: 'percent', percent: String(orderPercent), reason: 'promo' },
  });
  return {
    id: newId(),
    orderNumber: 'S001-R01-000001-T',
    channel: 'pos',
    status: 'completed',
    storeId: STORE,
    currency: 'USD',
    priceBookId: newId(),
    taxJurisdiction: 'US-NY-NYC',
    taxMode: 'exclusive',
    taxRounding: 'line',
    taxExempt: false,
    lines: t.lines.map((l) => ({
      id: l.key,
      productId: newId(),
      sku: l.sku,
      name: l.sku,
      taxCategory: 'general',
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discounts:
        l.orderDiscount > 0
          ? [{ id: newId(), kind: 'percent' as const, amount: l.orderDiscount, reason: 'promo' }]
          : [],
      taxes: l.taxComponents.map((c) => ({
        jurisdiction: 'US-NY-NYC',
        name: c.name,
        ratePpm: percentToPpm(c.percent),
        taxableAmount: l.discounted,
        amount: c.amount,
      })),
      fulfillment: 'carry_out' as const,
    })),
    orderDiscounts: [],
    totals: {
      subtotal: t.subtotal.amount,
      discountTotal: t.discountTotal.amount,
      taxTotal: t.taxTotal.amount,
      total: t.grandTotal.amount,
    },
    fulfillment: { method: 'carry_out' },
    createdAt: AT,
    completedAt: AT,
    updatedAt: AT,
  };
}

describe('return documents (property)', () => {
  it('refund never exceeds what was paid, tax refunded mirrors tax charged per rate, and every document is valid', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ unit: fc.integer({ min: 1, max: 20_000 }), qty: fc.integer({ min: 1, max: 5 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 })), { maxLength: 10 }),
        (lines, pct, cashShare, steps) => {
          const o = order(lines, pct);
          const paid = o.totals!.total;
          const cash = Math.floor((paid * cashShare) / 100);
          const tenders = [
            { paymentId: newId(), method: 'cash' as const, amount: cash, refunded: 0 },
            {
              paymentId: newId(),
              method: 'card' as const,
              amount: paid - cash,
              refunded: 0,
              token: 'tok_x',
              last4: '4242',
            },
          ].filter((t) => t.amount > 0);
          const returns: Return[] = [];
          const refunds: { amount: number; paymentId?: string }[] = [];
          const sold = soldLinesFromOrder(o);
          const returnAll = steps.length === 0 ? [] : [[0, 99] as [number, number]];
          for (const [pick, q] of [...steps, ...returnAll]) {
            const state = returnability(sold, priorReturnsFor(o.id, returns));
            const targets = pick === 0 && q === 99 ? sold : [sold[pick % sold.length]!];
            const ask = targets
              .map((l) => ({ lineId: l.lineId, quantity: Math.min(q, state.get(l.lineId)!.returnable) }))
              .filter((l) => l.quantity > 0);
            if (ask.length === 0) continue;
            const docsFor = (executed: ExecutedRefund[]) =>
              buildReturnDocuments({
                returnId: newId(),
                order: o,
                priorReturns: returns,
                lines: ask.map((a) => ({
                  ...a,
                  reason: 'changed_mind',
                  condition: 'sellable',
                  disposition: 'back_to_stock',
                })),
                refunds: executed,
                approvals: [],
                storeId: STORE,
                registerId: REGISTER,
                deviceId: 'reg-1',
                shiftId: undefined,
                staffId: STAFF,
                now: AT,
                newId,
              });
            const quoteTotal = docsFor([]).ret.refundTotal;
            const plan = planRefund({
              currency: 'USD',
              refundTotal: quoteTotal,
              withReceipt: true,
              saleAt: AT,
              now: AT,
              policy,
              actorRole: 'clerk',
              originalTenders: tenders.map((t) => ({
                ...t,
                refunded: refunds.filter((r) => r.paymentId === t.paymentId).reduce((s, r) => s + r.amount, 0),
              })),
            });
            const docs = docsFor(
              plan.allocations.map((a) => ({
                paymentId: newId(),
                allocation: a,
                method: a.method,
                status: 'approved',
              })),
            );
            parseDocument('returns', docs.ret);
            for (const p of docs.payments) parseDocument('payments', p);
            for (const m of docs.movements) parseDocument('inventory_movements', m);
            returns.push(docs.ret);
            refunds.push(
              ...docs.payments.map((p) => ({
                amount: p.amount,
                ...(p.refundsPaymentId ? { paymentId: p.refundsPaymentId } : {}),
              })),
            );
            // Never more than paid in total, nor more than each original tender took.
            expect(refunds.reduce((s, r) => s + r.amount, 0)).toBeLessThanOrEqual(paid);
            for (const t of tenders)
              expect(
                refunds.filter((r) => r.paymentId === t.paymentId).reduce((s, r) => s + r.amount, 0),
              ).toBeLessThanOrEqual(t.amount);
          }
          const byRate = (taxes: { name: string; amount: number }[]) =>
            taxes.reduce<Record<string, number>>((acc, t) => ({ ...acc, [t.name]: (acc[t.name] ?? 0) + t.amount }), {});
          const charged = byRate(o.lines.flatMap((l) => l.taxes));
          const refundedTax = byRate(returns.flatMap((r) => r.lines.flatMap((l) => l.taxes)));
          for (const [name, amount] of Object.entries(refundedTax))
            expect(amount).toBeLessThanOrEqual(charged[name] ?? 0);
          if (returnAll.length > 0) {
            const nonZero = (m: Record<string, number>) =>
              Object.fromEntries(Object.entries(m).filter(([, v]) => v > 0));
            expect(nonZero(refundedTax)).toEqual(nonZero(charged));
            expect(refunds.reduce((s, r) => s + r.amount, 0)).toBe(paid);
          }
          const audit = auditOrderReturns(
            sold,
            returns.map((r) => ({
              returnId: r.id,
              storeId: r.storeId,
              registerId: r.registerId,
              status: r.status,
              lines: r.lines.map((l) => ({ lineId: l.originalLineId!, quantity: l.quantity })),
            })),
            [
              { paymentId: 'sale', kind: 'sale', counts: true, amount: paid },
              ...refunds.map((r, i) => ({
                paymentId: `r${i}`,
                kind: 'refund' as const,
                counts: true,
                amount: r.amount,
              })),
            ],
          );
          expect(audit).toEqual([]);
        },
      ),
      { numRuns: 120 },
    );
  });
});
