// Exact decimal rates (tax rates, discount percents, weights) as reduced bigint fractions, so that
// 8.875% is exactly 8875/100000 and no binary floating-point drift ever reaches a cent.
import { DomainError } from '../errors';
import { MoneyError } from './errors';

export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function ratio(num: bigint, den: bigint): Ratio {
  if (den === 0n)
    throw new DomainError(MoneyError.INVALID_RATE, 'A rate cannot have a zero denominator. Check the configured rate.');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses an exact decimal ("0.08875", "8.875", "1e-3") into a ratio. Numbers are read through
 * their shortest decimal form, which is what a person typed, not their binary value.
 */
export function decimal(value: string | number): Ratio {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new DomainError(
      MoneyError.INVALID_RATE,
      `The rate ${String(value)} is not a finite number. Enter a decimal such as 8.875.`,
    );
  }
  const text = String(value).trim();
  const m = DECIMAL.exec(text);
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) {
    throw new DomainError(
      MoneyError.INVALID_RATE,
      `"${text}" is not a decimal number. Enter a rate such as 8.875 or 0.2.`,
      { value: text },
    );
  }
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  const exp = Number(m[4] ?? '0');
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 30) {
    throw new DomainError(MoneyError.INVALID_RATE, `The rate "${text}" is out of range.`, { value: text });
  }
  let num = BigInt((intPart || '0') + frac);
  if (m[1] === '-') num = -num;
  const scale = exp - frac.length;
  return scale >= 0 ? ratio(num * 10n ** BigInt(scale), 1n) : ratio(num, 10n ** BigInt(-scale));
}

/** A percentage ("8.875" → 0.08875). */
export function percent(value: string | number): Ratio {
  const r = decimal(value);
  return ratio(r.num, r.den * 100n);
}

export const ONE_RATIO: Ratio = { num: 1n, den: 1n };

export function addRatios(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function compareRatios(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Rendered as a percent string for receipts and documents ("8.875"). */
function ratioToPercentString(r: Ratio, maxDigits = 6): string {
  const scaled = r.num * 100n * 10n ** BigInt(maxDigits);
  const q = scaled / r.den;
  const neg = q < 0n;
  const abs = (neg ? -q : q).toString().padStart(maxDigits + 1, '0');
  const intPart = abs.slice(0, abs.length - maxDigits);
  const frac = abs.slice(abs.length - maxDigits).replace(/0+$/, '');
  return `${neg ? '-' : ''}${intPart}${frac ? `.${frac}` : ''}`;
}

const PPM = 1_000_000n;

/** Parts per million, the integer rate form stored in documents (88 750 ppm = 8.875%). */
export function fromPpm(ppm: number): Ratio {
  if (!Number.isSafeInteger(ppm)) {
    throw new DomainError(
      MoneyError.INVALID_RATE,
      `A rate of ${String(ppm)} ppm is not a whole number. Fix the configured rate.`,
    );
  }
  return ratio(BigInt(ppm), PPM);
}

/** 88 750 → "8.875", exactly. */
export function ppmToPercentString(ppm: number): string {
  return ratioToPercentString(fromPpm(ppm), 4);
}

/** "8.875" → 88 750; refuses a percent that ppm cannot hold exactly (more than 4 decimals). */
export function percentToPpm(percentText: string): number {
  const r = percent(percentText);
  const scaled = r.num * PPM;
  if (scaled % r.den !== 0n) {
    throw new DomainError(
      MoneyError.INVALID_RATE,
      `The rate ${percentText}% has more decimals than can be stored (4 at most).`,
      { percent: percentText },
    );
  }
  const v = scaled / r.den;
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DomainError(MoneyError.INVALID_RATE, `The rate ${percentText}% is out of range.`);
  }
  return Number(v);
}
