// Manual discounts a clerk applies to a line or to the whole order, percent or fixed amount.
import { DomainError } from '../errors';
import { type Money, type Ratio, assertMoney, compareRatios, multiplyByRatio, percent, ratio } from '../money';
import { PricingError } from './errors';

export type Discount =
  | { kind: 'percent'; percent: string; reason: string } // "15" = 15% off
  | { kind: 'amount'; amount: number; reason: string }; // minor units off

export function discountRatio(d: { percent: string }): Ratio {
  let r: Ratio;
  try {
    r = percent(d.percent);
  } catch {
    throw new DomainError(
      PricingError.INVALID_DISCOUNT,
      `"${d.percent}" is not a percentage. Enter a number such as 15.`,
      { percent: d.percent },
    );
  }
  if (r.num < 0n || compareRatios(r, ratio(1n, 1n)) > 0) {
    throw new DomainError(
      PricingError.INVALID_DISCOUNT,
      `A discount of ${d.percent}% is not possible. Enter a percentage between 0 and 100.`,
      {
        percent: d.percent,
      },
    );
  }
  return r;
}

/** The amount (minor units) that a discount takes off `base`; never more than the base. */
export function discountAmount(base: Money, d: Discount): number {
  assertMoney(base);
  if (d.kind === 'percent') return multiplyByRatio(base, discountRatio(d), 'half-up').amount;
  if (d.kind === 'amount') {
    if (!Number.isSafeInteger(d.amount) || d.amount < 0) {
      throw new DomainError(
        PricingError.INVALID_DISCOUNT,
        `A discount of ${String(d.amount)} is not valid. Enter an amount of zero or more.`,
      );
    }
    if (d.amount > base.amount) {
      throw new DomainError(
        PricingError.DISCOUNT_EXCEEDS_AMOUNT,
        `The discount is larger than the amount it applies to (${base.amount}). Enter a smaller discount.`,
        {
          discount: d.amount,
          base: base.amount,
        },
      );
    }
    return d.amount;
  }
  throw new DomainError(PricingError.INVALID_DISCOUNT, 'Unknown kind of discount. This is a program error; report it.');
}
