// A gift card number typed or scanned at the till becomes a token plus its last four digits: the
// number itself is never stored, logged or replicated. The token is an HMAC-SHA256 of the digits
// under a key only the sync server holds (sync-server/gift-cards/keys.ts), so nothing a register
// can pull lets it test guesses of card numbers against tokens; a register gets the token from the
// server's online lookup (or seals the number for the server while offline, gift-card-seal.ts).
import { DomainError } from '../errors';
import { BalanceError } from './errors';

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

/** Smallest HMAC key accepted (bytes): the key is what keeps 10^16 card numbers from being enumerated. */
export const GIFT_CARD_KEY_MIN_BYTES = 32;

/** The server's HMAC key as a WebCrypto key (sign only; the raw bytes are not kept by the caller). */
export async function importGiftCardKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  if (raw.byteLength < GIFT_CARD_KEY_MIN_BYTES) {
    throw new DomainError(
      BalanceError.BAD_KEY,
      `A gift card key has at least ${GIFT_CARD_KEY_MIN_BYTES} bytes; this one has ${raw.byteLength}.`,
    );
  }
  return globalThis.crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** The token of a card number: HMAC-SHA256(server key, digits), written in letters. */
export async function giftCardToken(key: CryptoKey, raw: string): Promise<GiftCardIdentity> {
  const digits = normalizeGiftCardNumber(raw);
  const mac = await globalThis.crypto.subtle.sign('HMAC', key, new TextEncoder().encode(digits));
  return { token: `gc_${letters(mac)}`, last4: digits.slice(-4) };
}

/**
 * The token cards had before tokens were keyed: an unkeyed SHA-256 of a public namespace and the
 * digits. Only the server computes it, to re-key a card issued before the change the first time its
 * number is looked up (sync-server/gift-cards/lookup.ts); no register needs or uses it.
 */
export async function legacyGiftCardToken(raw: string): Promise<GiftCardIdentity> {
  const digits = normalizeGiftCardNumber(raw);
  const data = new TextEncoder().encode(`store-pos:gift-card:v1:${digits}`);
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
