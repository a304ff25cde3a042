// A gift card number typed or scanned at the till becomes a token (SHA-256 of a chain-wide
// namespace and the digits) plus its last four digits the moment it is read: the number itself is
// never stored, logged or replicated. The config document of the card is found by that token.
import { DomainError } from '../errors';
import { BalanceError } from './errors';

/**
 * Mixed into every hash so a token from this chain cannot be matched against a table of hashes of
 * bare card numbers. It is not a secret (every register must compute the same token offline).
 */
const GIFT_CARD_TOKEN_NAMESPACE = 'store-pos:gift-card:v1';

const DIGITS = /^\d{12,19}$/;

export interface GiftCardIdentity {
  token: string;
  last4: string;
}

/** Keeps the digits a scanner or a clerk produced (spaces and dashes dropped) and checks the length. */
export function normalizeGiftCardNumber(raw: string): string {
  const digits = raw.replace(/[\s-]/g, '');
  if (!DIGITS.test(digits)) {
    throw new DomainError(
      BalanceError.BAD_CARD_NUMBER,
      'A gift card number has 12 to 19 digits. Scan the card again or type the number printed on it.',
    );
  }
  return digits;
}

// The digest is written with the letters a–p (one per 4 bits) instead of hex digits: a token then
// holds no digit at all, so the card-number detector (shared/schemas/pan) can never mistake a run
// of it for a PAN and refuse the payment (a hex token does so about once in a hundred cards).
const NIBBLE = 'abcdefghijklmnop';
const TOKEN = /^gc_[a-p]{64}$/;

function letters(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => NIBBLE[b >> 4]! + NIBBLE[b & 15]!).join('');
}

export function isGiftCardToken(token: string): boolean {
  return TOKEN.test(token);
}

export async function tokenizeGiftCard(raw: string): Promise<GiftCardIdentity> {
  const digits = normalizeGiftCardNumber(raw);
  const data = new TextEncoder().encode(`${GIFT_CARD_TOKEN_NAMESPACE}:${digits}`);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', data);
  return { token: `gc_${letters(digest)}`, last4: digits.slice(-4) };
}

/** The config document id of a card: a UUID-shaped view of its token, the same on every machine. */
export function giftCardDocId(token: string): string {
  if (!TOKEN.test(token)) {
    throw new DomainError(
      BalanceError.BAD_CARD_NUMBER,
      'This gift card token is not one this system made. Scan the card again.',
    );
  }
  const h = [...token.slice(3)].map((c) => NIBBLE.indexOf(c).toString(16)).join('');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
