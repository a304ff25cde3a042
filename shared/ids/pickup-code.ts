// Codes a customer shows to collect a pickup order. No 0/O or 1/I, so a code read out over a
// counter is not misheard; 6 characters of 32 give about a billion codes, and a code is only
// valid together with its order at one store, for a few days.
import { DomainError } from '../errors';
import { IdError } from './errors';
import type { RandomFill } from './uuidv7';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function pickupCode(length = 6, random?: RandomFill): string {
  if (!Number.isSafeInteger(length) || length < 4 || length > 10) {
    throw new DomainError(IdError.INVALID_LENGTH, 'A pickup code is 4 to 10 characters long.');
  }
  const fill =
    random ??
    ((b: Uint8Array) =>
      void (globalThis as { crypto: { getRandomValues(b: Uint8Array): Uint8Array } }).crypto.getRandomValues(b));
  const bytes = new Uint8Array(length);
  fill(bytes);
  // 256 is a multiple of 32, so taking the low five bits is unbiased.
  return [...bytes].map((b) => ALPHABET.charAt(b & 31)).join('');
}

/** Compares what the customer says with the stored code, forgiving case, spaces and look-alikes. */
export function pickupCodeMatches(typed: string, stored: string): boolean {
  const normalize = (s: string) => s.toUpperCase().replace(/[\s-]/g, '').replace(/0/g, 'O').replace(/1/g, 'I');
  const a = normalize(typed);
  const b = normalize(stored);
  return a.length > 0 && a === b;
}
