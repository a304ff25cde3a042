// Money as integer minor units with an ISO currency. Every operation validates its inputs and
// refuses to mix currencies, so a wrong number can only come from a wrong rule, not bad data.
import { DomainError } from '../errors';
import { assertCurrency } from './currency';
import { MoneyError } from './errors';
import { type Ratio, ratio } from './ratio';
import { type RoundingMode, RoundingMode as Modes, divideRounded, toSafeInteger } from './rounding';

export interface Money {
  readonly amount: number; // integer minor units (cents for USD, yen for JPY, fils for KWD)
  readonly currency: string;
}

export function assertAmount(amount: unknown, what = 'amount'): asserts amount is number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    throw new DomainError(
      MoneyError.INVALID_AMOUNT,
      `The ${what} ${String(amount)} is not a whole number of minor units (cents). This is a program error; report it.`,
      { amount: String(amount) },
    );
  }
}

export function money(amount: number, currency: string): Money {
  assertAmount(amount);
  assertCurrency(currency);
  return { amount: amount === 0 ? 0 : amount, currency }; // normalise -0 so equality and JSON agree
}

export function assertMoney(value: unknown): asserts value is Money {
  if (typeof value !== 'object' || value === null) {
    throw new DomainError(
      MoneyError.INVALID_AMOUNT,
      'Expected an amount of money. This is a program error; report it.',
    );
  }
  const v = value as { amount?: unknown; currency?: unknown };
  assertAmount(v.amount);
  assertCurrency(v.currency);
}

function zero(currency: string): Money {
  return money(0, currency);
}

function sameCurrency(a: Money, b: Money): void {
  assertMoney(a);
  assertMoney(b);
  if (a.currency !== b.currency) {
    throw new DomainError(
      MoneyError.CURRENCY_MISMATCH,
      `Cannot combine ${a.currency} and ${b.currency} amounts. Convert one of them first.`,
      { left: a.currency, right: b.currency },
    );
  }
}

function checked(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) {
    throw new DomainError(MoneyError.OVERFLOW, 'The amount is too large to handle exactly. Split the transaction.');
  }
  return money(amount, currency);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return checked(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return checked(a.amount - b.amount, a.currency);
}

export function sum(items: readonly Money[], currency?: string): Money {
  if (items.length === 0) {
    if (currency === undefined) {
      throw new DomainError(
        MoneyError.EMPTY_SUM,
        'Cannot add up an empty list without knowing its currency. This is a program error; report it.',
      );
    }
    return zero(currency);
  }
  let total = currency === undefined ? zero((items[0] as Money).currency) : zero(currency);
  for (const m of items) total = add(total, m);
  return total;
}

export function assertQuantity(quantity: unknown, what = 'quantity'): asserts quantity is number {
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 0) {
    throw new DomainError(
      MoneyError.INVALID_QUANTITY,
      `The ${what} ${String(quantity)} is not valid. Enter a whole number of zero or more.`,
      { quantity: String(quantity) },
    );
  }
}

/** Unit price × whole quantity; exact, no rounding needed. */
export function multiplyByQuantity(unit: Money, quantity: number): Money {
  assertMoney(unit);
  assertQuantity(quantity);
  return checked(unit.amount * quantity, unit.currency);
}

/** Amount × exact rate, rounded once with the given mode. */
export function multiplyByRatio(a: Money, rate: Ratio, mode: RoundingMode = Modes.HALF_UP): Money {
  assertMoney(a);
  const result = divideRounded(BigInt(a.amount) * rate.num, rate.den, mode);
  return money(toSafeInteger(result), a.currency);
}

/** Price per kilogram × weight in grams, rounded once (scale tickets print the rounded figure). */
export function priceForWeight(perKilogram: Money, grams: number, mode: RoundingMode = Modes.HALF_UP): Money {
  assertQuantity(grams, 'weight in grams');
  return multiplyByRatio(perKilogram, ratio(BigInt(grams), 1000n), mode);
}
