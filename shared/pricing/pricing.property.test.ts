import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { money } from '../money';
import type { TaxJurisdiction } from '../tax';
import { type CartLineInput, type Discount, type Promotion, priceCart } from './index';

const juris = (mode: 'exclusive' | 'inclusive', rounding: 'line' | 'invoice'): TaxJurisdiction => ({
  code: 'J',
  mode,
  rounding,
  roundingMode: 'half-even',
  rates: [
    { code: 'A', name: 'A', percent: '6.25', categories: ['general'] },
    { code: 'B', name: 'B', percent: '2.125', categories: ['general', 'food'] },
  ],
});

const promotions: Promotion[] = [
  { id: 'bogo', name: 'bogo', kind: 'buy-x-get-y', categories: ['c0'], buy: 1, get: 1, percentOff: '100' },
  { id: 'pct', name: 'pct', kind: 'category-percent', categories: ['c1', 'c0'], percentOff: '33.3' },
  {
    id: 'phone-case',
    name: 'pc',
    kind: 'buy-x-get-y',
    skus: ['s1'],
    getSkus: ['s2', 's1'],
    buy: 2,
    get: 1,
    percentOff: '50',
  },
  { id: 'thr', name: 'thr', kind: 'threshold', minSubtotal: 3000, percentOff: '10' },
  { id: 'thr2', name: 'thr2', kind: 'threshold', minSubtotal: 1000, amountOff: 700, categories: ['c2'] },
];

const lineArb = fc.record({
  sku: fc.constantFrom('s0', 's1', 's2', 's3'),
  category: fc.constantFrom('c0', 'c1', 'c2'),
  taxCategory: fc.constantFrom('general', 'food', 'none'),
  quantity: fc.integer({ min: 1, max: 5 }),
  unit: fc.integer({ min: 0, max: 20_000 }),
  weightGrams: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
  discountPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
});

describe('priceCart invariants', () => {
  it('property: every figure is derived from the lines, nothing goes negative, tax by rate adds up', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 12 }),
        fc.constantFrom<'exclusive' | 'inclusive'>('exclusive', 'inclusive'),
        fc.constantFrom<'line' | 'invoice'>('line', 'invoice'),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        (raw, mode, rounding, orderPct) => {
          const lines: CartLineInput[] = raw.map((l, i) => ({
            key: `k${i}`,
            sku: l.sku,
            category: l.category,
            taxCategory: l.taxCategory,
            unitPrice: money(l.unit, 'USD'),
            quantity: l.weightGrams !== undefined ? 1 : l.quantity,
            ...(l.weightGrams !== undefined ? { weightGrams: l.weightGrams } : {}),
            ...(l.discountPercent !== undefined
              ? { discounts: [{ kind: 'percent', percent: String(l.discountPercent), reason: 'r' } as Discount] }
              : {}),
          }));
          const t = priceCart({
            currency: 'USD',
            lines,
            promotions,
            jurisdiction: juris(mode, rounding),
            ...(orderPct !== undefined
              ? { orderDiscount: { kind: 'percent', percent: String(orderPct), reason: 'o' } }
              : {}),
          });
          for (const l of t.lines) {
            expect(l.discounted).toBeGreaterThanOrEqual(0);
            expect(l.extended - l.lineDiscount - (l.promotion?.amount ?? 0) - l.orderDiscount).toBe(l.discounted);
            expect(l.tax).toBe(l.taxComponents.reduce((s, c) => s + c.amount, 0));
            expect(l.total).toBe(mode === 'exclusive' ? l.discounted + l.tax : l.discounted);
          }
          expect(t.subtotal.amount).toBe(t.lines.reduce((s, l) => s + l.extended, 0));
          expect(t.grandTotal.amount).toBe(t.lines.reduce((s, l) => s + l.total, 0));
          expect(t.taxTotal.amount).toBe(t.taxByRate.reduce((s, r) => s + r.amount.amount, 0));
          expect(t.orderDiscounts.reduce((s, d) => s + d.amount, 0)).toBe(
            t.lines.reduce((s, l) => s + l.orderDiscount, 0),
          );
          expect(
            priceCart({ currency: 'USD', lines, promotions, jurisdiction: juris(mode, rounding) }).grandTotal.amount,
          ).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
