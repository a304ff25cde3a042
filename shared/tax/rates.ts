// Tax configuration: which rates apply to a tax category in a store's jurisdiction. Rates are
// kept as percent strings in documents ("8.875") and turned into exact ratios here.
import { DomainError } from '../errors';
import { type Ratio, type RoundingMode, compareRatios, percent, ratio } from '../money';
import { TaxError } from './errors';

export const TaxMode = {
  EXCLUSIVE: 'exclusive', // US sales tax: shelf price is net, tax is added on top
  INCLUSIVE: 'inclusive', // VAT/GST: shelf price already contains the tax
} as const;
export type TaxMode = (typeof TaxMode)[keyof typeof TaxMode];

export const TaxRounding = {
  LINE: 'line', // round each line's tax; the invoice total is the sum of rounded lines
  INVOICE: 'invoice', // round each rate's invoice total once, then allocate it back to lines
} as const;
export type TaxRounding = (typeof TaxRounding)[keyof typeof TaxRounding];

export interface TaxRateDef {
  code: string; // stable id printed in reports, e.g. "US-NY-STATE"
  name: string; // shown on receipts, e.g. "NY State"
  percent: string; // exact decimal percent, e.g. "4" or "4.5"
  categories: readonly string[]; // tax categories it applies to; "*" = every category
}

export interface TaxJurisdiction {
  code: string; // a store's config points at one of these
  mode: TaxMode;
  rounding: TaxRounding;
  roundingMode: RoundingMode;
  rates: readonly TaxRateDef[];
}

export interface ResolvedRate {
  code: string;
  name: string;
  percent: string;
  ratio: Ratio;
}

const HUNDRED_PERCENT = ratio(1n, 1n);

/** Parses and checks a percent: a negative rate or one above 100% is a configuration mistake. */
export function parseTaxPercent(text: string, code = '?'): Ratio {
  let r: Ratio;
  try {
    r = percent(text);
  } catch {
    throw new DomainError(
      TaxError.INVALID_RATE,
      `Tax rate ${code} has the value "${text}", which is not a number. Fix the tax configuration.`,
      { code, percent: text },
    );
  }
  if (r.num < 0n || compareRatios(r, HUNDRED_PERCENT) > 0) {
    throw new DomainError(
      TaxError.INVALID_RATE,
      `Tax rate ${code} is ${text}%; a rate must be between 0% and 100%. Fix the tax configuration.`,
      {
        code,
        percent: text,
      },
    );
  }
  return r;
}

export function validateJurisdiction(j: TaxJurisdiction): void {
  if (!Object.values(TaxMode).includes(j.mode) || !Object.values(TaxRounding).includes(j.rounding)) {
    throw new DomainError(
      TaxError.INVALID_CONFIG,
      `Tax jurisdiction ${j.code} has an unknown mode or rounding setting. Fix the tax configuration.`,
      {
        code: j.code,
      },
    );
  }
  const seen = new Set<string>();
  for (const r of j.rates) {
    if (seen.has(r.code)) {
      throw new DomainError(
        TaxError.INVALID_CONFIG,
        `Tax rate ${r.code} appears twice in ${j.code}. Give each rate its own code.`,
        { code: r.code },
      );
    }
    seen.add(r.code);
    parseTaxPercent(r.percent, r.code);
  }
}

export function findJurisdiction(all: readonly TaxJurisdiction[], code: string): TaxJurisdiction {
  const j = all.find((x) => x.code === code);
  if (!j) {
    throw new DomainError(
      TaxError.UNKNOWN_JURISDICTION,
      `No tax settings exist for jurisdiction "${code}". Ask an administrator to set up this store's tax.`,
      {
        code,
      },
    );
  }
  validateJurisdiction(j);
  return j;
}

/** Every rate of the jurisdiction that applies to the category, in configuration order. */
export function ratesFor(j: TaxJurisdiction, category: string): ResolvedRate[] {
  return j.rates
    .filter((r) => r.categories.includes('*') || r.categories.includes(category))
    .map((r) => ({ code: r.code, name: r.name, percent: r.percent, ratio: parseTaxPercent(r.percent, r.code) }));
}
