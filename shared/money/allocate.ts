// Splits an amount across weights (line totals, tender amounts) so that the parts always sum to
// the whole. Largest-remainder method; equal remainders go to the lower index, so the result is
// deterministic and does not depend on sort stability or floating point.
import { DomainError } from '../errors';
import { MoneyError } from './errors';
import { type Money, assertMoney, money } from './money';
import { toSafeInteger } from './rounding';

export function allocateInteger(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) {
    throw new DomainError(MoneyError.INVALID_AMOUNT, `Cannot allocate ${String(total)}: not a whole number of minor units.`);
  }
  if (weights.length === 0) {
    throw new DomainError(MoneyError.INVALID_WEIGHTS, 'Cannot allocate an amount across no lines. This is a program error; report it.');
  }
  for (const w of weights) {
    if (typeof w !== 'number' || !Number.isSafeInteger(w) || w < 0) {
      throw new DomainError(MoneyError.INVALID_WEIGHTS, `Allocation weight ${String(w)} is invalid: weights must be whole numbers of zero or more.`);
    }
  }
  const weightSum = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (weightSum === 0n) {
    if (total === 0) return weights.map(() => 0);
    throw new DomainError(MoneyError.INVALID_WEIGHTS, 'Cannot allocate a non-zero amount across lines that are all zero.');
  }
  // Work on the magnitude and restore the sign, so a refund splits exactly like the sale did.
  const sign = total < 0 ? -1n : 1n;
  const abs = BigInt(total) * sign;
  const parts: bigint[] = [];
  const remainders: { index: number; rem: bigint }[] = [];
  let allocated = 0n;
  weights.forEach((w, index) => {
    const share = abs * BigInt(w);
    const floor = share / weightSum;
    parts.push(floor);
    allocated += floor;
    remainders.push({ index, rem: share % weightSum });
  });
  let left = abs - allocated; // always < weights.length
  remainders.sort((a, b) => (a.rem === b.rem ? a.index - b.index : a.rem > b.rem ? -1 : 1));
  for (const r of remainders) {
    if (left === 0n) break;
    if (r.rem === 0n) break;
    parts[r.index] = (parts[r.index] as bigint) + 1n;
    left -= 1n;
  }
  return parts.map((p) => {
    const v = toSafeInteger(p * sign);
    return v === 0 ? 0 : v;
  });
}

export function allocate(total: Money, weights: readonly number[]): Money[] {
  assertMoney(total);
  return allocateInteger(total.amount, weights).map((a) => money(a, total.currency));
}
