import { describe, expect, it } from 'vitest';
import {
  hashEnrollmentCode,
  newCredential,
  newEnrollmentCode,
  normalizeEnrollmentCode,
  sameSecretHash,
  sha256,
} from './tokens';

describe('tokens', () => {
  it('makes 32-byte credentials that differ every time', () => {
    const a = newCredential();
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newCredential()).not.toBe(a);
  });

  it('makes typeable enrollment codes and forgives how they are typed', () => {
    const code = newEnrollmentCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(hashEnrollmentCode(code.toLowerCase().replace(/-/g, ' '))).toBe(hashEnrollmentCode(code));
    expect(normalizeEnrollmentCode('ab0o-1il')).toBe('AB00111');
  });

  it('compares hashes without leaking length mismatch as an exception', () => {
    expect(sameSecretHash(sha256('x'), sha256('x'))).toBe(true);
    expect(sameSecretHash(sha256('x'), sha256('y'))).toBe(false);
    expect(sameSecretHash('short', sha256('y'))).toBe(false);
  });
});
