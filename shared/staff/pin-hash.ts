// Salted PIN hashes with PBKDF2-SHA256 through Web Crypto (globalThis.crypto.subtle: Node 20 and
// every browser, so the register verifies offline with the same code the server hashes with).
// Honest limit: a 4–8 digit PIN can be brute-forced from a stolen hash whatever the iteration
// count; the defences are the lockout, device enrollment and keeping staff hashes per chain.
import { DomainError } from '../errors';
import { StaffError } from './errors';
import { assertPinFormat } from './pin-rules';

export const PIN_HASH_ALGORITHM = 'pbkdf2-sha256';
/** About 50–100 ms on a register: slow for a guesser, unnoticed at sign-in. */
const DEFAULT_PIN_ITERATIONS = 150_000;
const MIN_PIN_ITERATIONS = 10_000;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

export interface PinHash {
  algorithm: typeof PIN_HASH_ALGORITHM;
  iterations: number;
  /** base64 */
  salt: string;
  /** base64 */
  hash: string;
}

interface WebCrypto {
  getRandomValues(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
  subtle: SubtleCrypto;
}

function webCrypto(): WebCrypto {
  const c = (globalThis as { crypto?: Partial<WebCrypto> }).crypto;
  if (!c?.subtle || !c.getRandomValues) {
    throw new DomainError(
      StaffError.NO_CRYPTO,
      'This device has no Web Crypto, so PINs cannot be checked. Use Node 20 or a current browser over a secure context.',
    );
  }
  return c as WebCrypto;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
  return out;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const { subtle } = webCrypto();
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BYTES * 8);
  return new Uint8Array(bits);
}

/** Equal-length comparison that looks at every byte, so timing does not reveal how much matched. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function hashPin(
  pin: string,
  options: { iterations?: number; salt?: Uint8Array<ArrayBuffer> } = {},
): Promise<PinHash> {
  assertPinFormat(pin);
  const iterations = options.iterations ?? DEFAULT_PIN_ITERATIONS;
  if (!Number.isSafeInteger(iterations) || iterations < MIN_PIN_ITERATIONS) {
    throw new DomainError(
      StaffError.BAD_HASH_RECORD,
      `PIN hashing needs at least ${MIN_PIN_ITERATIONS} iterations (got ${String(iterations)}).`,
    );
  }
  const salt = options.salt ?? webCrypto().getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(pin, salt, iterations);
  return { algorithm: PIN_HASH_ALGORITHM, iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

/**
 * True when `pin` matches. A malformed PIN is simply wrong (false), so the caller's lockout counts
 * it; a malformed stored record is a data error and throws.
 */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (
    stored.algorithm !== PIN_HASH_ALGORITHM ||
    !Number.isSafeInteger(stored.iterations) ||
    stored.iterations < MIN_PIN_ITERATIONS
  ) {
    throw new DomainError(
      StaffError.BAD_HASH_RECORD,
      'This staff record has an unusable PIN hash. Ask an administrator to reset the PIN.',
    );
  }
  let salt: Uint8Array<ArrayBuffer>;
  let expected: Uint8Array;
  try {
    salt = fromBase64(stored.salt);
    expected = fromBase64(stored.hash);
  } catch {
    throw new DomainError(
      StaffError.BAD_HASH_RECORD,
      'This staff record has a damaged PIN hash. Ask an administrator to reset the PIN.',
    );
  }
  // Derive even for a malformed PIN so a wrong format costs the same time as a wrong PIN.
  const candidate = await derive(typeof pin === 'string' ? pin : '', salt, stored.iterations);
  return constantTimeEqual(candidate, expected) && typeof pin === 'string' && /^\d{4,8}$/.test(pin);
}
