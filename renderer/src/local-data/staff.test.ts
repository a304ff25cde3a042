// Offline sign-in: the PIN is checked against the replicated salted hash; five wrong PINs lock
// the person out (and a reload does not reset the count); staff of other stores are not listed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPin } from '../../../shared/staff';
import { fixtures } from '../../../test/support/fixtures/documents';
import { checkPin, listStaff, staffName } from './staff';
import { memoryDb, STORE_ID } from '../../../test/support/register-data';
import type { Db } from './types';

const policy = { maxFailures: 3, windowSeconds: 300, lockSeconds: 600 };

describe('staff sign-in', () => {
  let db: Db;
  beforeEach(async () => {
    localStorage.clear();
    db = await memoryDb();
    const pin = await hashPin('4826', { iterations: 10_000 });
    await db.staff.bulkInsert([
      { ...fixtures.staff, pin },
      {
        ...fixtures.staff,
        id: '01937a00-0000-7000-8000-0000000000e1',
        loginCode: '77',
        displayName: 'Elsewhere',
        storeIds: ['01937a00-0000-7000-8000-0000000000e2'],
        pin,
      },
    ]);
  });
  afterEach(async () => {
    await db.remove();
  });

  it('names a staff member by id (the clerk of a stored sale), and nobody for an unknown id', async () => {
    expect(await staffName(db, fixtures.staff.id)).toBe('Ana Clerk');
    expect(await staffName(db, '01937a00-0000-7000-8000-0000000000e9')).toBeUndefined();
    expect(await staffName(db, undefined)).toBeUndefined();
  });

  it('lists only the staff of this store', async () => {
    expect((await listStaff(db, STORE_ID)).map((s) => s.name)).toEqual(['Ana Clerk']);
  });

  it('accepts the right PIN, counts wrong ones and locks out after the limit', async () => {
    const id = fixtures.staff.id;
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(await checkPin(db, id, '4826', policy, localStorage, now)).toMatchObject({ ok: true });
    expect(await checkPin(db, id, '1111', policy, localStorage, now)).toMatchObject({ ok: false, attemptsLeft: 2 });
    expect(await checkPin(db, id, '2222', policy, localStorage, now + 1000)).toMatchObject({
      ok: false,
      attemptsLeft: 1,
    });
    const locked = await checkPin(db, id, '3333', policy, localStorage, now + 2000);
    expect(locked).toMatchObject({ ok: false, message: expect.stringContaining('Too many wrong PINs') });
    // Locked: even the right PIN is refused until the lock ends, which a reload does not shorten.
    expect(await checkPin(db, id, '4826', policy, localStorage, now + 3000)).toMatchObject({
      ok: false,
      lockedUntil: expect.any(String),
    });
    expect(await checkPin(db, id, '4826', policy, localStorage, now + 2000 + 600_000 + 1)).toMatchObject({ ok: true });
  });
});
