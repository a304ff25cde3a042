import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/support/error-code';
import { money } from '../money';
import type { ConfigOf } from '../schemas';
import { TaxError, computeTax, jurisdictionFromConfig } from './index';

const T = '2026-11-01T00:00:00.000Z';
function rule(
  category: string,
  components: { name: string; ratePpm: number }[],
  mode: 'exclusive' | 'inclusive' = 'exclusive',
): ConfigOf<'tax_rule'> {
  return {
    id: `00000000-0000-7000-8000-00000000000${category.length}`,
    key: `US-NY-NYC:${category}`,
    kind: 'tax_rule',
    active: true,
    updatedAt: T,
    payload: { jurisdiction: 'US-NY-NYC', taxCategory: category, components, mode, rounding: 'line' },
  };
}
const nycGeneral = [
  { name: 'NY State', ratePpm: 40_000 },
  { name: 'New York City', ratePpm: 45_000 },
  { name: 'MCTD', ratePpm: 3_750 },
];

describe('jurisdiction from tax rule documents', () => {
  it('merges the same component across categories into one rate', () => {
    const j = jurisdictionFromConfig('US-NY-NYC', [
      rule('general', nycGeneral),
      rule('clothing', [{ name: 'NY State', ratePpm: 40_000 }]),
    ]);
    expect(j.rates.map((r) => [r.name, r.percent, r.categories])).toEqual([
      ['NY State', '4', ['general', 'clothing']],
      ['New York City', '4.5', ['general']],
      ['MCTD', '0.375', ['general']],
    ]);
    const r = computeTax(
      [
        { key: 'a', amount: money(1000, 'USD'), category: 'general' },
        { key: 'b', amount: money(1000, 'USD'), category: 'clothing' },
      ],
      j,
      'USD',
    );
    expect(r.byRate.map((b) => [b.name, b.taxable.amount, b.amount.amount])).toEqual([
      ['NY State', 2000, 80],
      ['New York City', 1000, 45],
      ['MCTD', 1000, 4],
    ]);
  });

  it('refuses a jurisdiction without rules or with mixed modes', () => {
    expect(codeOf(() => jurisdictionFromConfig('US-CA', [rule('general', nycGeneral)]))).toBe(
      TaxError.UNKNOWN_JURISDICTION,
    );
    expect(
      codeOf(() =>
        jurisdictionFromConfig('US-NY-NYC', [rule('general', nycGeneral), rule('food', nycGeneral, 'inclusive')]),
      ),
    ).toBe(TaxError.INVALID_CONFIG);
  });
});
