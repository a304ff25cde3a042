import { describe, expect, it } from 'vitest';
import { money } from '../money';
import type { ConfigOf } from '../schemas';
import type { TaxJurisdiction } from '../tax';
import { type CartLineInput, priceCart, promotionsFromConfig } from './index';

const noTax: TaxJurisdiction = { code: 'X', mode: 'exclusive', rounding: 'line', roundingMode: 'half-up', rates: [] };
const T = '2026-11-01T00:00:00.000Z';
let n = 0;
function promo(
  code: string,
  rule: ConfigOf<'promotion'>['payload']['rule'],
  extra: Partial<ConfigOf<'promotion'>['payload']> = {},
): ConfigOf<'promotion'> {
  n += 1;
  return {
    id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    key: code,
    kind: 'promotion',
    active: true,
    updatedAt: T,
    payload: { code, name: code, rule, priority: 10, stackable: false, startsAt: T, active: true, ...extra },
  };
}
const line = (key: string, unit: number, quantity: number, extra: Partial<CartLineInput> = {}): CartLineInput => ({
  key,
  sku: key,
  category: 'misc',
  taxCategory: 'general',
  quantity,
  unitPrice: money(unit, 'USD'),
  ...extra,
});

describe('promotions from HQ config', () => {
  it('maps buy-a-phone-get-a-case-half-off with distinct buy and get SKUs', () => {
    const { promotions, rejected } = promotionsFromConfig(
      [
        promo('CASE50', {
          type: 'buy_x_get_y',
          buySkus: ['PHONE'],
          buyQuantity: 1,
          getSkus: ['CASE'],
          getQuantity: 1,
          getDiscountPpm: 500_000,
        }),
      ],
      'store-1',
    );
    expect(rejected).toEqual([]);
    const t = priceCart({
      currency: 'USD',
      jurisdiction: noTax,
      promotions,
      lines: [line('PHONE', 49_900, 1), line('CASE', 2_999, 3)],
    });
    // one phone earns one case at half price (rounded half-up)
    expect(t.lines.map((l) => l.promotion?.amount ?? 0)).toEqual([0, 1500]);
  });

  it('maps percent-off by department and threshold rules, orders by priority and filters by store', () => {
    const docs = [
      promo('SHOES20', { type: 'percent_off', departments: ['SHOES'], discountPpm: 200_000 }, { priority: 5 }),
      promo('TEN-OFF-50', { type: 'threshold', minSubtotal: 5000, discountAmount: 1000 }, { priority: 1 }),
      promo(
        'OTHER-STORE',
        { type: 'threshold', minSubtotal: 0, discountAmount: 99 },
        { storeIds: ['00000000-0000-7000-8000-999999999999'] },
      ),
      promo('OFF', { type: 'threshold', minSubtotal: 0, discountAmount: 99 }, { active: false }),
    ];
    const { promotions } = promotionsFromConfig(docs, 'store-1');
    expect(promotions.map((p) => p.name)).toEqual(['TEN-OFF-50', 'SHOES20']);
    const t = priceCart({
      currency: 'USD',
      jurisdiction: noTax,
      promotions,
      lines: [line('boot', 8000, 1, { category: 'boots', department: 'SHOES' })],
    });
    expect(t.lines[0]?.promotion?.amount).toBe(1600);
    expect(t.orderDiscounts.map((d) => d.amount)).toEqual([1000]);
    expect(t.grandTotal.amount).toBe(8000 - 1600 - 1000);
  });

  it('sets aside a badly configured promotion and says why, without stopping the others', () => {
    const { promotions, rejected } = promotionsFromConfig(
      [
        promo('BAD', { type: 'threshold', minSubtotal: 100 }),
        promo('GOOD', { type: 'percent_off', skus: ['A'], discountPpm: 100_000 }),
      ],
      'store-1',
    );
    expect(promotions.map((p) => p.name)).toEqual(['GOOD']);
    expect(rejected).toEqual([
      expect.objectContaining({
        code: 'BAD',
        message: expect.stringContaining('either an amount off or a percent off') as unknown,
      }),
    ]);
  });
});
