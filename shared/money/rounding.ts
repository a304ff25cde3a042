// Integer division with an explicit rounding mode; every money figure that is not a plain sum
// passes through here so the rounding rule is visible and testable in one place.
import { DomainError } from '../errors';
import { MoneyError } from './errors';

export const RoundingMode = {
  HALF_UP: 'half-up', // halves away from zero: 0.5 → 1, -0.5 → -1 (usual shelf/receipt rounding)
  HALF_EVEN: 'half-even', // banker's rounding: 0.5 → 0, 1.5 → 2 (some VAT authorities)
  UP: 'up', // away from zero
  DOWN: 'down', // toward zero
} as const;
export type RoundingMode = (typeof RoundingMode)[keyof typeof RoundingMode];

export function divideRounded(num: bigint, den: bigint, mode: RoundingMode): bigint {
  if (den === 0n) throw new DomainError(MoneyError.INVALID_RATE, 'Cannot divide an amount by zero.');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const q = num / den; // truncates toward zero
  const r = num % den;
  if (r === 0n) return q;
  const away = num < 0n ? q - 1n : q + 1n;
  const twice = (r < 0n ? -r : r) * 2n;
  switch (mode) {
    case RoundingMode.DOWN:
      return q;
    case RoundingMode.UP:
      return away;
    case RoundingMode.HALF_UP:
      return twice >= den ? away : q;
    case RoundingMode.HALF_EVEN:
      if (twice > den) return away;
      if (twice < den) return q;
      return q % 2n === 0n ? q : away;
    default: {
      const never: never = mode;
      throw new DomainError(MoneyError.INVALID_RATE, `Unknown rounding mode ${String(never)}.`);
    }
  }
}

/** Converts a bigint result back to a safe JS integer, refusing anything that would lose precision. */
export function toSafeInteger(value: bigint, what = 'amount'): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DomainError(MoneyError.OVERFLOW, `The ${what} is too large to handle exactly. Split the transaction.`, {
      value: value.toString(),
    });
  }
  return Number(value);
}
