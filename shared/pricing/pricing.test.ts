import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { money } from '../money';
import type { TaxJurisdiction } from '../tax';
import {
  type CartInput,
  type CartLineInput,
  type DiscountPolicy,
  type PriceBook,
  type Promotion,
  PricingError,
  approvalForVoid,
  approvalsForCart,
  missingApprovals,
  priceCart,
  resolvePrice,
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
const noTax: TaxJurisdiction = { ...nyc, rates: [] };
const usd = (n: number) => money(n, 'USD');
const line = (key: string, unit: number, quantity = 1, extra: Partial<CartLineInput> = {}): CartLineInput => ({
  key,
  sku: key,
  category: 'misc',
  taxCategory: 'general',
  quantity,
  unitPrice: usd(unit),
  ...extra,
});
const cart = (lines: CartLineInput[], extra: Partial<CartInput> = {}): CartInput => ({
  currency: 'USD',
  lines,
  jurisdiction: nyc,
  ...extra,
});

describe('order discount', () => {
  it('15% off an order of odd-cent lines is allocated by largest remainder and taxed per line', () => {
    const t = priceCart(
      cart([line('a', 333), line('b', 667), line('c', 101)], {
        orderDiscount: { kind: 'percent', percent: '15', reason: 'staff' },
      }),
    );
    expect(t.orderDiscounts).toEqual([{ source: 'manual', id: 'manual', name: 'staff', amount: 165 }]);
    expect(t.lines.map((l) => l.orderDiscount)).toEqual([50, 100, 15]);
    expect(t.lines.map((l) => l.discounted)).toEqual([283, 567, 86]);
    expect(t.lines.map((l) => l.tax)).toEqual([25, 51, 7]);
    expect([t.subtotal.amount, t.discountTotal.amount, t.taxTotal.amount, t.grandTotal.amount]).toEqual([
      1101, 165, 83, 1019,
    ]);
  });

  it('property: totals are always derived from the lines and discounts never exceed the price', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ unit: fc.integer({ min: 0, max: 20_000 }), qty: fc.integer({ min: 1, max: 5 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 0, max: 100 }),
        (ls, pct) => {
          const t = priceCart(
            cart(
              ls.map((l, i) => line(`l${i}`, l.unit, l.qty)),
              { orderDiscount: { kind: 'percent', percent: String(pct), reason: 'x' } },
            ),
          );
          expect(t.lines.reduce((s, l) => s + l.total, 0)).toBe(t.grandTotal.amount);
          expect(t.subtotal.amount - t.discountTotal.amount + t.taxTotal.amount).toBe(t.grandTotal.amount);
          for (const l of t.lines) expect(l.discounted).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('line prices and discounts', () => {
  it('prices a weighed line from grams and applies line discounts in order', () => {
    const t = priceCart(
      cart(
        [
          line('cheese', 1299, 1, { weightGrams: 734 }),
          line('wine', 2000, 2, {
            discounts: [
              { kind: 'percent', percent: '10', reason: 'case' },
              { kind: 'amount', amount: 100, reason: 'dent' },
            ],
          }),
        ],
        {
          jurisdiction: noTax,
        },
      ),
    );
    expect(t.lines.map((l) => [l.extended, l.lineDiscount, l.discounted])).toEqual([
      [953, 0, 953],
      [4000, 500, 3500],
    ]);
  });

  it('refuses negative quantities, a zero weight, discounts over the price and bad percentages', () => {
    expect(codeOf(() => priceCart(cart([line('a', 100, -1)])))).toBe('MONEY_INVALID_QUANTITY');
    expect(codeOf(() => priceCart(cart([line('a', 100, 1, { weightGrams: 0 })])))).toBe(PricingError.INVALID_LINE);
    expect(
      codeOf(() => priceCart(cart([line('a', 100, 1, { discounts: [{ kind: 'amount', amount: 101, reason: '' }] })]))),
    ).toBe(PricingError.DISCOUNT_EXCEEDS_AMOUNT);
    expect(
      codeOf(() =>
        priceCart(cart([line('a', 100, 1, { discounts: [{ kind: 'percent', percent: '120', reason: '' }] })])),
      ),
    ).toBe(PricingError.INVALID_DISCOUNT);
    expect(codeOf(() => priceCart(cart([line('a', 100, 1, { unitPrice: money(100, 'EUR') })])))).toBe(
      PricingError.CURRENCY_MISMATCH,
    );
  });

  it('resolves the price from the store’s first price book that has the SKU', () => {
    const books: PriceBook[] = [
      { id: 'chain', name: 'Chain', currency: 'USD', prices: { A: 500, B: 700 } },
      {
        id: 'sale',
        name: 'Summer sale',
        currency: 'USD',
        validFrom: '2026-06-01',
        validTo: '2026-08-31',
        prices: { A: 399 },
      },
    ];
    const store = { storeId: 's1', currency: 'USD', priceBookIds: ['sale', 'chain'] };
    expect(resolvePrice('A', store, books, '2026-07-01')).toEqual({ unitPrice: usd(399), priceBookId: 'sale' });
    expect(resolvePrice('A', store, books, '2026-11-27').priceBookId).toBe('chain');
    expect(resolvePrice('B', store, books).unitPrice.amount).toBe(700);
    expect(codeOf(() => resolvePrice('C', store, books))).toBe(PricingError.NO_PRICE);
  });
});

describe('promotions', () => {
  const bogo: Promotion = {
    id: 'bogo',
    name: 'Socks: buy 2 get 1 free',
    kind: 'buy-x-get-y',
    categories: ['socks'],
    buy: 2,
    get: 1,
    percentOff: '100',
  };
  const tenOff50: Promotion = { id: 't', name: '$10 off $50', kind: 'threshold', minSubtotal: 5000, amountOff: 1000 };
  const socks20: Promotion = {
    id: 'cat',
    name: '20% off socks',
    kind: 'category-percent',
    categories: ['socks'],
    percentOff: '20',
  };

  it('buy 2 get 1 free gives the cheapest unit of each group of three', () => {
    const t = priceCart(
      cart([line('wool', 1200, 2, { category: 'socks' }), line('cotton', 500, 2, { category: 'socks' })], {
        promotions: [bogo],
        jurisdiction: noTax,
      }),
    );
    // units 1200,1200,500 | 500 → one 500 free
    expect(t.lines.map((l) => l.promotion?.amount ?? 0)).toEqual([0, 500]);
    expect(t.grandTotal.amount).toBe(2 * 1200 + 500);
  });

  it('item promotions do not stack: the one saving the customer most wins', () => {
    const lines = [line('wool', 1200, 3, { category: 'socks' })];
    const t = priceCart(cart(lines, { promotions: [socks20, bogo], jurisdiction: noTax }));
    expect(t.lines[0]?.promotion).toEqual({ promotionId: 'bogo', name: bogo.name, amount: 1200 }); // 1200 > 20% of 3600 = 720
    const t2 = priceCart(
      cart([line('wool', 1200, 2, { category: 'socks' })], { promotions: [socks20, bogo], jurisdiction: noTax }),
    );
    expect(t2.lines[0]?.promotion?.promotionId).toBe('cat');
  });

  it('a hand-discounted line gets no item promotion; a threshold applies after item promotions, then the manual order discount', () => {
    const t = priceCart(
      cart(
        [
          line('wool', 1200, 3, { category: 'socks', discounts: [{ kind: 'amount', amount: 100, reason: 'x' }] }),
          line('coat', 4000),
        ],
        {
          promotions: [bogo, tenOff50],
          orderDiscount: { kind: 'amount', amount: 500, reason: 'loyal' },
          jurisdiction: noTax,
        },
      ),
    );
    expect(t.lines[0]?.promotion).toBeUndefined();
    expect(t.orderDiscounts.map((d) => [d.id, d.amount])).toEqual([
      ['t', 1000],
      ['manual', 500],
    ]);
    expect(t.grandTotal.amount).toBe(3600 - 100 + 4000 - 1000 - 500);
    expect(t.lines.reduce((s, l) => s + l.orderDiscount, 0)).toBe(1500);
  });

  it('best for the customer: a threshold alone beats an item promotion that pulls the basket under it', () => {
    const coat10: Promotion = {
      id: 'c10',
      name: '10% off coats',
      kind: 'category-percent',
      categories: ['coats'],
      percentOff: '10',
    };
    // $52 coat: 10% off saves $5.20 and leaves $46.80, under $50; $10 off $50 alone saves more.
    const t = priceCart(
      cart([line('coat', 5200, 1, { category: 'coats' })], { promotions: [coat10, tenOff50], jurisdiction: noTax }),
    );
    expect(t.lines[0]?.promotion).toBeUndefined();
    expect(t.orderDiscounts.map((d) => d.id)).toEqual(['t']);
    expect(t.grandTotal.amount).toBe(4200);
    // $120 coat: 10% ($12) plus $10 off the remaining $108 beats $10 alone.
    const big = priceCart(
      cart([line('coat', 12000, 1, { category: 'coats' })], { promotions: [coat10, tenOff50], jurisdiction: noTax }),
    );
    expect(big.grandTotal.amount).toBe(12000 - 1200 - 1000);
  });

  it('a threshold promotion does not apply below its minimum, nor outside its dates', () => {
    const dated: Promotion = { ...tenOff50, startsAt: '2026-12-01' };
    expect(priceCart(cart([line('a', 4999)], { promotions: [tenOff50], jurisdiction: noTax })).orderDiscounts).toEqual(
      [],
    );
    expect(
      priceCart(cart([line('a', 6000)], { promotions: [dated], at: '2026-11-27', jurisdiction: noTax })).orderDiscounts,
    ).toEqual([]);
    expect(
      priceCart(cart([line('a', 6000)], { promotions: [dated], at: '2026-12-02', jurisdiction: noTax })).grandTotal
        .amount,
    ).toBe(5000);
  });

  it('refuses a badly configured promotion', () => {
    const bad: Promotion = { ...bogo, buy: 0 };
    expect(codeOf(() => priceCart(cart([line('a', 100)], { promotions: [bad] })))).toBe(PricingError.INVALID_PROMOTION);
  });
});

describe('approvals', () => {
  const policy: DiscountPolicy = {
    maxLineDiscountPercent: '10',
    maxOrderDiscountPercent: '10',
    maxOrderDiscountAmount: 2000,
    allowPriceIncreaseWithoutApproval: true,
    voidLineNeedsApproval: false,
    voidSaleNeedsApproval: true,
    approverRole: 'manager',
    selfApprovingRoles: ['manager', 'admin'],
  };

  it('lists what a manager must approve and clears once granted', () => {
    const t = priceCart(
      cart(
        [
          line('a', 1000, 1, { discounts: [{ kind: 'percent', percent: '25', reason: 'damaged' }] }),
          line('b', 1000, 1, { priceOverride: { unitPrice: usd(800), reason: 'match' } }),
          line('c', 1000, 1, { discounts: [{ kind: 'percent', percent: '10', reason: 'ok' }] }),
        ],
        {
          orderDiscount: { kind: 'percent', percent: '15', reason: 'vip' },
        },
      ),
    );
    const required = approvalsForCart(t, policy, 'clerk');
    expect(required.map((r) => [r.kind, r.subject])).toEqual([
      ['line_discount', 'a'],
      ['price_override', 'b'],
      ['order_discount', 'order'],
    ]);
    expect(required[1]?.reason).toBe('Price of b changed from $10.00 to $8.00.');
    expect(approvalsForCart(t, policy, 'manager')).toEqual([]);
    const granted = required.map((r) => ({
      kind: r.kind,
      subject: r.subject,
      approverId: 'm1',
      approverRole: 'manager' as const,
    }));
    expect(missingApprovals(required, granted.slice(1))).toEqual([required[0]]);
    expect(
      missingApprovals(
        required,
        granted.map((g) => ({ ...g, approverRole: 'supervisor' as const })),
      ),
    ).toHaveLength(3);
    expect(missingApprovals(required, granted)).toEqual([]);
    expect(approvalForVoid('void_sale', 'o1', policy, 'clerk')).toHaveLength(1);
    expect(approvalForVoid('void_line', 'a', policy, 'clerk')).toHaveLength(0);
  });
});
