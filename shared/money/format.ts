// Turning minor units into text for people and back. Formatting goes through Intl.NumberFormat so
// symbols and separators follow the locale; parsing accepts what a clerk types on a keypad.
import { DomainError } from '../errors';
import { minorUnitExponent } from './currency';
import { MoneyError } from './errors';
import { type Money, assertMoney, money } from './money';

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: string, currency: string, exponent: number): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    formatters.set(key, f);
  }
  return f;
}

/** Exact decimal string of an amount ("-12.05" for -1205 USD), no float involved. */
export function toDecimalString(m: Money): string {
  assertMoney(m);
  const exponent = minorUnitExponent(m.currency);
  const neg = m.amount < 0;
  const digits = String(Math.abs(m.amount)).padStart(exponent + 1, '0');
  if (exponent === 0) return `${neg ? '-' : ''}${digits}`;
  return `${neg ? '-' : ''}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

export function formatMoney(m: Money, locale = 'en-US'): string {
  const exponent = minorUnitExponent(m.currency);
  // Intl accepts a decimal string exactly (ES2023), so large amounts never pass through a float.
  return formatterFor(locale, m.currency, exponent).format(toDecimalString(m) as `${number}`);
}

const AMOUNT = /^([+-])?(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;

export interface ParseOptions {
  allowNegative?: boolean;
}

/**
 * Parses a typed amount in major units: "12.5" → 1250 cents, "1,234.00" → 123400, "7" → 700.
 * More decimals than the currency has is refused (a clerk typing 12.345 meant something else).
 */
export function parseMoney(input: string, currency: string, options: ParseOptions = {}): Money {
  const exponent = minorUnitExponent(currency);
  const text = typeof input === 'string' ? input.trim().replace(/\s+/g, '') : '';
  const m = AMOUNT.exec(text);
  const intPart = m?.[2] ?? '';
  const frac = m?.[3] ?? '';
  if (!m || (intPart === '' && frac === '')) {
    throw new DomainError(
      MoneyError.PARSE_FAILED,
      `"${String(input)}" is not an amount. Type digits with an optional decimal point, such as 12.50.`,
      {
        input: String(input),
      },
    );
  }
  if (frac.length > exponent) {
    throw new DomainError(
      MoneyError.PARSE_FAILED,
      exponent === 0
        ? `${currency} has no decimal places. Type a whole amount, such as 1200.`
        : `${currency} has ${exponent} decimal places; "${text}" has ${frac.length}. Check the amount.`,
      { input: text },
    );
  }
  if (m[1] === '-' && !options.allowNegative) {
    throw new DomainError(
      MoneyError.PARSE_FAILED,
      'Negative amounts are not accepted here. Type the amount without a minus sign.',
      { input: text },
    );
  }
  const digits = `${intPart.replace(/,/g, '') || '0'}${frac.padEnd(exponent, '0')}`;
  const amount = Number(digits);
  if (!Number.isSafeInteger(amount)) {
    throw new DomainError(MoneyError.PARSE_FAILED, `"${text}" is too large. Check the amount.`, { input: text });
  }
  return money(m[1] === '-' ? -amount : amount, currency);
}
