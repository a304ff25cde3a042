// ISO 4217 currencies the product knows, with their minor-unit exponents. An amount is only
// meaningful with its exponent, so an unknown currency is refused rather than guessed at 2.
import { DomainError } from '../errors';
import { MoneyError } from './errors';

const EXPONENTS = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  CHF: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  MXN: 2,
  BRL: 2,
  INR: 2,
  CNY: 2,
  HKD: 2,
  SGD: 2,
  ZAR: 2,
  AED: 2,
  SAR: 2,
  ILS: 2,
  TRY: 2,
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  VND: 0,
  XOF: 0,
  XAF: 0,
  KWD: 3,
  BHD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
  LYD: 3,
  IQD: 3,
} as const satisfies Record<string, number>;

export type CurrencyCode = keyof typeof EXPONENTS;

export function isKnownCurrency(code: string): code is CurrencyCode {
  return Object.prototype.hasOwnProperty.call(EXPONENTS, code);
}

export function assertCurrency(code: unknown): asserts code is CurrencyCode {
  if (typeof code !== 'string' || !isKnownCurrency(code)) {
    throw new DomainError(
      MoneyError.UNKNOWN_CURRENCY,
      `The currency "${String(code)}" is not supported. Use an ISO 4217 code such as USD, EUR or GBP, or ask an administrator to add it.`,
      { currency: String(code) },
    );
  }
}

/** Number of digits after the decimal point for a currency (USD 2, JPY 0, KWD 3). */
export function minorUnitExponent(code: string): number {
  assertCurrency(code);
  return EXPONENTS[code];
}
