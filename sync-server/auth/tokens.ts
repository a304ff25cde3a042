// Secrets: device credentials (32 random bytes), enrollment codes (short, typeable) and the
// HQ admin token. Only sha-256 hashes are stored; the secrets are 128+ bits of randomness, so an
// unsalted hash is enough and allows lookup by hash.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

// Crockford base32 without I, L, O, U: no letters a clerk can misread.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 12;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export function newCredential(): string {
  return randomBytes(32).toString('base64url');
}

/** 12 symbols of base32 = 60 bits, shown as ABCD-EFGH-JKMN. */
export function newEnrollmentCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** Accepts what a person types: lower case, spaces or no dashes, O for 0, I/L for 1. */
export function normalizeEnrollmentCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function hashEnrollmentCode(input: string): string {
  return sha256(`enroll:${normalizeEnrollmentCode(input)}`);
}

export function sameSecretHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
