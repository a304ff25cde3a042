// Splits an amount across weights (line totals, tender amounts) so that the parts always sum to
// the whole. Largest-remainder method; equal remainders go to the lower index, so the result is
// deterministic and does not depend on sort stability or floating point.
import { DomainError } from '../errors';
import { MoneyError } from './errors';
import { type Money, assertMoney, money } from './money';
import { RoundingMode, divideRounded, toSafeInteger } from './rounding';

export function allocateInteger(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) {
    throw new DomainError(
      MoneyError.INVALID_AMOUNT,
      `Cannot allocate ${String(total)}: not a whole number of minor units.`,
    );
  }
  if (weights.length === 0) {
    throw new DomainError(
      MoneyError.INVALID_WEIGHTS,
      'Cannot allocate an amount across no lines. This is a program error; report it.',
    );
  }
  for (const w of weights) {
    if (typeof w !== 'number' || !Number.isSafeInteger(w) || w < 0) {
      throw new DomainError(
        MoneyError.INVALID_WEIGHTS,
        `Allocation weight ${String(w)} is invalid: weights must be whole numbers of zero or more.`,
      );
    }
  }
  return allocateBigint(
    BigInt(total),
    weights.map((w) => BigInt(w)),
  ).map((p) => {
    const v = toSafeInteger(p);
    return v === 0 ? 0 : v;
  });
}

/**
 * The same rule over bigints, for weights that are exact fractions scaled to a common
 * denominator (tax shares); callers validate that weights are non-negative.
 */
export function allocateBigint(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0 || weights.some((w) => w < 0n)) {
    throw new DomainError(
      MoneyError.INVALID_WEIGHTS,
      'Allocation weights must be a non-empty list of values of zero or more.',
    );
  }
  const weightSum = weights.reduce((s, w) => s + w, 0n);
  if (weightSum === 0n) {
    if (total === 0n) return weights.map(() => 0n);
    throw new DomainError(
      MoneyError.INVALID_WEIGHTS,
      'Cannot allocate a non-zero amount across lines that are all zero.',
    );
  }
  // Work on the magnitude and restore the sign, so a refund splits exactly like the sale did.
  const sign = total < 0n ? -1n : 1n;
  const abs = total * sign;
  const parts: bigint[] = [];
  const remainders: { index: number; rem: bigint }[] = [];
  let allocated = 0n;
  weights.forEach((w, index) => {
    const share = abs * w;
    const floor = share / weightSum;
    parts.push(floor);
    allocated += floor;
    remainders.push({ index, rem: share % weightSum });
  });
  let left = abs - allocated; // fewer than the number of non-zero remainders
  remainders.sort((a, b) => (a.rem === b.rem ? a.index - b.index : a.rem > b.rem ? -1 : 1));
  for (const r of remainders) {
    if (left === 0n || r.rem === 0n) break;
    parts[r.index] = (parts[r.index] as bigint) + 1n;
    left -= 1n;
  }
  return parts.map((p) => p * sign);
}

/**
 * The share of `total` that belongs to units (from, to] out of `whole`, computed as the
 * difference of rounded cumulative shares. Successive partial returns therefore never add up to
 * more than the total, and returning every unit gives back exactly the total.
 */
export function cumulativeShare(total: number, whole: number, from: number, to: number): number {
  if (!Number.isSafeInteger(total)) {
    throw new DomainError(
      MoneyError.INVALID_AMOUNT,
      `Cannot share ${String(total)}: not a whole number of minor units.`,
    );
  }
  for (const q of [whole, from, to]) {
    if (!Number.isSafeInteger(q) || q < 0) {
      throw new DomainError(
        MoneyError.INVALID_QUANTITY,
        `The quantity ${String(q)} is not valid. Quantities are whole numbers of zero or more.`,
      );
    }
  }
  if (whole === 0 || from > to || to > whole) {
    throw new DomainError(MoneyError.INVALID_QUANTITY, `Cannot take units ${from}–${to} out of ${whole}.`, {
      whole,
      from,
      to,
    });
  }
  const at = (k: number): bigint => divideRounded(BigInt(total) * BigInt(k), BigInt(whole), RoundingMode.HALF_UP);
  const v = toSafeInteger(at(to) - at(from));
  return v === 0 ? 0 : v;
}

export function allocate(total: Money, weights: readonly number[]): Money[] {
  assertMoney(total);
  return allocateInteger(total.amount, weights).map((a) => money(a, total.currency));
}
