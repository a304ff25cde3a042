// Card numbers exist only for the moment of tokenization: these helpers validate a PAN and derive
// what may be kept (brand, last four, expiry). Nothing here stores or returns the number itself.
import { DomainError } from '../errors';
import { PaymentError } from './errors';

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'unknown';

export interface CardInput {
  pan: string;
  expMonth: number;
  expYear: number; // four digits
}

/** What a payment document may hold about a card. */
export interface CardToken {
  token: string;
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let total = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    total += d;
  }
  return total % 10 === 0;
}

export function cardBrand(pan: string): CardBrand {
  if (/^4/.test(pan)) return 'visa';
  const two = Number(pan.slice(0, 2));
  const four = Number(pan.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  if (/^6011/.test(pan) || /^65/.test(pan)) return 'discover';
  return 'unknown';
}

/** Spaces and dashes as typed or printed on the card are ignored. */
export function normalizePan(input: string): string {
  const pan = typeof input === 'string' ? input.replace(/[\s-]/g, '') : '';
  if (!luhnValid(pan)) {
    // The message never echoes the number back: it might end up in a log.
    throw new DomainError(
      PaymentError.INVALID_CARD_NUMBER,
      'The card number is not valid. Check it and type it again, or use another card.',
    );
  }
  return pan;
}

export function assertNotExpired(expMonth: number, expYear: number, nowIso: string): void {
  if (
    !Number.isInteger(expMonth) ||
    expMonth < 1 ||
    expMonth > 12 ||
    !Number.isInteger(expYear) ||
    expYear < 2000 ||
    expYear > 2100
  ) {
    throw new DomainError(
      PaymentError.INVALID_EXPIRY,
      'The expiry date is not valid. Enter the month and year shown on the card.',
    );
  }
  const now = new Date(nowIso);
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  if (expYear < year || (expYear === year && expMonth < month)) {
    throw new DomainError(PaymentError.CARD_EXPIRED, 'The card has expired. Ask for another card.');
  }
}
