// A jurisdiction built from HQ's tax rule documents (one per jurisdiction and tax category, each
// with its components in ppm). The same component (authority or name, and rate) on several
// categories becomes one rate, so reports show "NY State 4%" once, not once per category.
import { DomainError } from '../errors';
import { type RoundingMode, ppmToPercentString } from '../money';
import type { ConfigOf } from '../schemas';
import { TaxError } from './errors';
import type { TaxJurisdiction, TaxRateDef } from './rates';

export function jurisdictionFromConfig(
  code: string,
  docs: readonly ConfigOf<'tax_rule'>[],
  roundingMode: RoundingMode = 'half-up',
): TaxJurisdiction {
  const rules = docs
    .filter((d) => d.kind === 'tax_rule' && d.active && d.payload.jurisdiction === code)
    .map((d) => d.payload);
  const first = rules[0];
  if (!first) {
    throw new DomainError(
      TaxError.UNKNOWN_JURISDICTION,
      `No tax rules are set up for ${code}. Ask HQ to publish them; sales cannot be taxed until then.`,
      { code },
    );
  }
  if (rules.some((r) => r.mode !== first.mode || r.rounding !== first.rounding)) {
    throw new DomainError(
      TaxError.INVALID_CONFIG,
      `The tax rules of ${code} mix inclusive and exclusive prices or rounding settings. Ask HQ to make them agree.`,
      { code },
    );
  }
  const rates = new Map<string, TaxRateDef & { categories: string[] }>();
  for (const r of rules) {
    for (const c of r.components) {
      const id = `${code}:${c.authority ?? c.name}:${c.ratePpm}`;
      const existing = rates.get(id);
      if (existing) {
        if (!existing.categories.includes(r.taxCategory)) existing.categories.push(r.taxCategory);
      } else {
        rates.set(id, { code: id, name: c.name, percent: ppmToPercentString(c.ratePpm), categories: [r.taxCategory] });
      }
    }
  }
  return { code, mode: first.mode, rounding: first.rounding, roundingMode, rates: [...rates.values()] };
}
