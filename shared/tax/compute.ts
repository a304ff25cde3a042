// Tax for a set of lines in one jurisdiction, exclusive (US) or inclusive (VAT), rounded per line
// or per invoice. Every line keeps its own integer tax per rate so a return can refund exactly
// what was charged, and the invoice figures are always the sum of the lines.
import { DomainError } from '../errors';
import {
  type Money,
  type Ratio,
  ONE_RATIO,
  addRatios,
  allocateBigint,
  assertMoney,
  divideRounded,
  money,
  ratio,
  toSafeInteger,
} from '../money';
import { TaxError } from './errors';
import { type ResolvedRate, type TaxJurisdiction, TaxMode, TaxRounding, ratesFor, validateJurisdiction } from './rates';

export interface TaxableLine {
  key: string;
  /** What the line sells for after discounts: net in exclusive mode, tax-included in inclusive mode. */
  amount: Money;
  category: string;
}

export interface TaxExemption {
  /** Every category is exempt (e.g. a charity with a certificate). */
  all?: boolean;
  categories?: readonly string[];
  certificate?: string;
}

export interface TaxComponent {
  code: string;
  name: string;
  percent: string;
  amount: number; // minor units
}

export interface TaxedLine {
  key: string;
  net: Money;
  tax: Money;
  gross: Money;
  exempt: boolean;
  components: TaxComponent[];
}

export interface TaxRateTotal {
  code: string;
  name: string;
  percent: string;
  taxable: Money; // sum of the nets of the lines this rate applied to
  amount: Money;
}

export interface TaxResult {
  mode: TaxMode;
  rounding: TaxRounding;
  lines: TaxedLine[];
  byRate: TaxRateTotal[];
  net: Money;
  tax: Money;
  gross: Money;
}

function isExempt(category: string, exemption: TaxExemption | undefined): boolean {
  if (!exemption) return false;
  return exemption.all === true || (exemption.categories ?? []).includes(category);
}

function sumRates(rates: readonly ResolvedRate[]): Ratio {
  return rates.reduce((acc, r) => addRatios(acc, r.ratio), ratio(0n, 1n));
}

/** The exact (unrounded) tax of one rate on one line. */
function exactShare(amount: number, rate: Ratio, total: Ratio, mode: TaxMode): Ratio {
  // Left unreduced on purpose: rounding does not need lowest terms, and gcd on every line of a
  // big basket is the slowest part of pricing it.
  if (mode === TaxMode.EXCLUSIVE) return { num: BigInt(amount) * rate.num, den: rate.den };
  // Inclusive: the price is net × (1 + R), so rate i's part is price × r_i / (1 + R).
  const onePlus = addRatios(ONE_RATIO, total);
  return { num: BigInt(amount) * rate.num * onePlus.den, den: rate.den * onePlus.num };
}

/** Scales fractions to a common denominator so they can serve as integer allocation weights. */
function toWeights(shares: readonly Ratio[]): bigint[] {
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
  const lcm = shares.reduce((l, s) => (l / gcd(l, s.den)) * s.den, 1n);
  return shares.map((s) => s.num * (lcm / s.den));
}

function roundRatio(r: Ratio, j: TaxJurisdiction): number {
  return toSafeInteger(divideRounded(r.num, r.den, j.roundingMode), 'tax');
}

interface Work {
  line: TaxableLine;
  exempt: boolean;
  rates: ResolvedRate[];
  shares: Ratio[];
  amounts: number[];
}

export function computeTax(
  lines: readonly TaxableLine[],
  jurisdiction: TaxJurisdiction,
  currency: string,
  exemption?: TaxExemption,
): TaxResult {
  validateJurisdiction(jurisdiction);
  const zeroMoney = money(0, currency);
  // Rates parsed once per category, not once per line: a big basket has few categories.
  const rateCache = new Map<string, { rates: ResolvedRate[]; total: Ratio }>();
  const ratesOf = (category: string): { rates: ResolvedRate[]; total: Ratio } => {
    let entry = rateCache.get(category);
    if (!entry) {
      const rates = ratesFor(jurisdiction, category);
      entry = { rates, total: sumRates(rates) };
      rateCache.set(category, entry);
    }
    return entry;
  };
  const work: Work[] = lines.map((line) => {
    assertMoney(line.amount);
    if (line.amount.currency !== currency) {
      throw new DomainError(
        TaxError.INVALID_CONFIG,
        `Line ${line.key} is in ${line.amount.currency} but the sale is in ${currency}.`,
        { key: line.key },
      );
    }
    if (line.amount.amount < 0) {
      throw new DomainError(
        TaxError.NEGATIVE_BASE,
        `Line ${line.key} has a negative amount; ring returns up as a return, not a negative sale line.`,
        {
          key: line.key,
        },
      );
    }
    const exempt = isExempt(line.category, exemption);
    const { rates, total } = ratesOf(line.category);
    const shares = rates.map((r) => exactShare(line.amount.amount, r.ratio, total, jurisdiction.mode));
    return { line, exempt, rates, shares, amounts: rates.map(() => 0) };
  });

  const lineRounded = (w: Work): number[] => {
    if (w.rates.length === 0) return [];
    if (jurisdiction.mode === TaxMode.EXCLUSIVE) return w.shares.map((s) => roundRatio(s, jurisdiction));
    // Inclusive: round the line's whole included tax once, then split it across its rates, so
    // net + tax is always exactly the shelf price.
    const whole = roundRatio(
      w.shares.reduce((a, b) => addRatios(a, b), ratio(0n, 1n)),
      jurisdiction,
    );
    return allocateBigint(BigInt(whole), toWeights(w.shares)).map((v) => toSafeInteger(v, 'tax'));
  };

  if (jurisdiction.rounding === TaxRounding.LINE) {
    for (const w of work) if (!w.exempt) w.amounts = lineRounded(w);
  } else {
    // Per rate: round the invoice total once, then hand it back to the lines in proportion to
    // their exact shares (largest remainder), so lines still carry integer tax for returns.
    for (const def of jurisdiction.rates) {
      const holders = work.filter((w) => !w.exempt && w.rates.some((r) => r.code === def.code));
      if (holders.length === 0) continue;
      const shares = holders.map((w) => w.shares[w.rates.findIndex((r) => r.code === def.code)] as Ratio);
      const exactTotal = shares.reduce((a, b) => addRatios(a, b), ratio(0n, 1n));
      const parts = allocateBigint(BigInt(roundRatio(exactTotal, jurisdiction)), toWeights(shares));
      holders.forEach((w, i) => {
        w.amounts[w.rates.findIndex((r) => r.code === def.code)] = toSafeInteger(parts[i] as bigint, 'tax');
      });
    }
  }

  const taxedLines: TaxedLine[] = work.map((w) => {
    const tax = w.amounts.reduce((a, b) => a + b, 0);
    const price = w.line.amount.amount;
    let net: number;
    let gross: number;
    if (jurisdiction.mode === TaxMode.EXCLUSIVE) {
      net = price;
      gross = price + tax;
    } else if (w.exempt) {
      // An exempt buyer in a VAT country pays the shelf price without the tax it contains.
      net = price - lineRounded(w).reduce((a, b) => a + b, 0);
      gross = net;
    } else {
      net = price - tax;
      gross = price;
    }
    return {
      key: w.line.key,
      net: money(net, currency),
      tax: money(tax, currency),
      gross: money(gross, currency),
      exempt: w.exempt,
      components: w.exempt
        ? []
        : w.rates.map((r, i) => ({ code: r.code, name: r.name, percent: r.percent, amount: w.amounts[i] as number })),
    };
  });

  const byRate: TaxRateTotal[] = [];
  for (const def of jurisdiction.rates) {
    let taxable = 0;
    let amount = 0;
    let used = false;
    for (const l of taxedLines) {
      const c = l.components.find((x) => x.code === def.code);
      if (!c) continue;
      used = true;
      taxable += l.net.amount;
      amount += c.amount;
    }
    if (used)
      byRate.push({
        code: def.code,
        name: def.name,
        percent: def.percent,
        taxable: money(taxable, currency),
        amount: money(amount, currency),
      });
  }
  const total = (pick: (l: TaxedLine) => Money): Money =>
    money(
      taxedLines.reduce((s, l) => s + pick(l).amount, zeroMoney.amount),
      currency,
    );
  return {
    mode: jurisdiction.mode,
    rounding: jurisdiction.rounding,
    lines: taxedLines,
    byRate,
    net: total((l) => l.net),
    tax: total((l) => l.tax),
    gross: total((l) => l.gross),
  };
}
