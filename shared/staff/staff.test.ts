import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../test/support/fixtures/documents';
import { parseDocument } from '../schemas/validate';
import { StaffError } from './errors';
import { UNLOCKED, assertNotLocked, lockStatus, recordFailure, recordSuccess } from './lockout';
import { constantTimeEqual, fromBase64, hashPin, toBase64, verifyPin } from './pin-hash';
import { assertNewPin, assertPinFormat, isPinFormat } from './pin-rules';
import { hasRoleAtLeast } from './roles';

const FAST = { iterations: 10_000 };

describe('PIN format', () => {
  it('accepts 4 to 8 digits only', () => {
    for (const ok of ['2580', '13579', '86420135']) expect(isPinFormat(ok)).toBe(true);
    for (const bad of ['123', '123456789', '12a4', ' 1234', '', '１２３４', 1234]) expect(isPinFormat(bad)).toBe(false);
    expect(() => assertPinFormat('12')).toThrow(expect.objectContaining({ code: StaffError.PIN_FORMAT }));
  });
  it('refuses guessable new PINs', () => {
    for (const weak of ['0000', '1234', '4321', '7890', '123123']) {
      expect(() => assertNewPin(weak)).toThrow(expect.objectContaining({ code: StaffError.PIN_TOO_WEAK }));
    }
    expect(() => assertNewPin('2580')).not.toThrow();
  });

  it('asks managers and admins for at least six digits', () => {
    for (const role of ['manager', 'admin']) {
      expect(() => assertNewPin('2580', role)).toThrow(expect.objectContaining({ code: StaffError.PIN_FORMAT }));
      expect(() => assertNewPin('258013', role)).not.toThrow();
    }
    expect(() => assertNewPin('2580', 'supervisor')).not.toThrow();
  });
});

describe('PIN hashing', () => {
  it('verifies the right PIN and refuses a wrong one, with a stored record the staff schema accepts', async () => {
    const stored = await hashPin('2580', FAST);
    expect(await verifyPin('2580', stored)).toBe(true);
    expect(await verifyPin('2581', stored)).toBe(false);
    expect(await verifyPin('25800', stored)).toBe(false);
    expect(await verifyPin('abcd', stored)).toBe(false);
    expect(() => parseDocument('staff', { ...fixtures.staff, pin: stored })).not.toThrow();
  });
  it('salts: the same PIN hashes differently for two people', async () => {
    const [a, b] = await Promise.all([hashPin('2580', FAST), hashPin('2580', FAST)]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });
  it('computes standard PBKDF2-HMAC-SHA256 (known answer computed independently with OpenSSL via node:crypto)', async () => {
    const salt = new TextEncoder().encode('salt-fixed-16byt') as Uint8Array<ArrayBuffer>;
    const stored = await hashPin('86420135', { ...FAST, salt });
    expect(stored.hash).toBe('p/V1j9W+495qfa4gVAp54fyo2xjBp06qk7NXyF4wUDk=');
    expect(stored.salt).toBe('c2FsdC1maXhlZC0xNmJ5dA==');
  });
  it('refuses too few iterations and damaged records with coded errors', async () => {
    await expect(hashPin('2580', { iterations: 1 })).rejects.toMatchObject({ code: StaffError.BAD_HASH_RECORD });
    const stored = await hashPin('2580', FAST);
    await expect(verifyPin('2580', { ...stored, iterations: 5 })).rejects.toMatchObject({
      code: StaffError.BAD_HASH_RECORD,
    });
    await expect(verifyPin('2580', { ...stored, salt: '***' })).rejects.toMatchObject({
      code: StaffError.BAD_HASH_RECORD,
    });
    await expect(hashPin('12')).rejects.toMatchObject({ code: StaffError.PIN_FORMAT });
  });
  it('compares in constant time over every byte and round-trips base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        const same = a.length === b.length && a.every((v, i) => v === b[i]);
        expect(constantTimeEqual(a, b)).toBe(same);
        expect([...fromBase64(toBase64(a))]).toEqual([...a]);
      }),
    );
  });
});

describe('lockout', () => {
  const policy = { maxFailures: 3, windowSeconds: 60, lockSeconds: 300 };
  it('locks after the third failure in the window and unlocks when the time is up', () => {
    let s = UNLOCKED;
    s = recordFailure(s, 0, policy);
    s = recordFailure(s, 10_000, policy);
    expect(lockStatus(s, 10_000, policy)).toEqual({ locked: false, lockedUntil: null, remainingAttempts: 1 });
    s = recordFailure(s, 20_000, policy);
    expect(lockStatus(s, 20_001, policy).locked).toBe(true);
    expect(() => assertNotLocked(s, 20_001, policy)).toThrow(expect.objectContaining({ code: StaffError.LOCKED_OUT }));
    expect(lockStatus(s, 320_000, policy).locked).toBe(false);
    expect(lockStatus(s, 320_000, policy).remainingAttempts).toBe(3);
  });
  it('forgets failures older than the window, and a success clears them', () => {
    let s = recordFailure(recordFailure(UNLOCKED, 0, policy), 1_000, policy);
    s = recordFailure(s, 70_000, policy);
    expect(lockStatus(s, 70_000, policy)).toMatchObject({ locked: false, remainingAttempts: 2 });
    expect(lockStatus(recordSuccess(), 70_000, policy).remainingAttempts).toBe(3);
  });
  it('never locks with fewer failures than the limit inside any window', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 30 }), (times) => {
        const sorted = [...times].sort((a, b) => a - b);
        let s = UNLOCKED;
        for (const t of sorted) {
          const before = lockStatus(s, t, policy);
          s = recordFailure(s, t, policy);
          const inWindow = sorted.filter((u) => u > t - 60_000 && u <= t).length;
          if (!before.locked && lockStatus(s, t, policy).locked)
            expect(inWindow).toBeGreaterThanOrEqual(policy.maxFailures);
        }
      }),
    );
  });
  it('refuses a nonsensical policy', () => {
    expect(() => lockStatus(UNLOCKED, 0, { maxFailures: 0, windowSeconds: 60, lockSeconds: 60 })).toThrow(
      expect.objectContaining({ code: StaffError.INVALID_POLICY }),
    );
  });
});

describe('roles', () => {
  it('ranks clerk < supervisor < manager < admin', () => {
    expect(hasRoleAtLeast('manager', 'supervisor')).toBe(true);
    expect(hasRoleAtLeast('clerk', 'manager')).toBe(false);
    expect(hasRoleAtLeast('admin', 'admin')).toBe(true);
  });
});
