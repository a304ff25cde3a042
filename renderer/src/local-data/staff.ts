// Staff sign-in, offline: the PIN is checked against the replicated salted hash (shared/staff)
// and failures are counted per staff member on this register (lockout state in localStorage, so
// a reload does not reset it).
import { isDomainError } from '../../../shared/errors';
import type { Staff } from '../../../shared/schemas';
import {
  assertNotLocked,
  lockStatus,
  recordFailure,
  recordSuccess,
  UNLOCKED,
  verifyPin,
  type LockoutPolicy,
  type LockState,
} from '../../../shared/staff';
import type { PinCheck, StaffView } from '../model/backend';
import { readStoredJson } from './stored-json';
import type { Db } from './types';

const LOCK_KEY = 'pos.pin-lockout';

function readLocks(storage: Storage): Record<string, LockState> {
  return readStoredJson<Record<string, LockState>>(storage, LOCK_KEY, {});
}

function writeLock(storage: Storage, staffId: string, state: LockState): void {
  storage.setItem(LOCK_KEY, JSON.stringify({ ...readLocks(storage), [staffId]: state }));
}

export async function listStaff(db: Db, storeId: string): Promise<StaffView[]> {
  const all = await db.staff.find().exec();
  return all
    .map((d) => d.toJSON() as Staff)
    .filter((s) => s.allStores || s.storeIds.includes(storeId))
    .map((s) => ({ id: s.id, name: s.displayName, role: s.role, active: s.active }));
}

/** The display name of a staff member (e.g. the clerk who made a sale), if this register has them. */
export async function staffName(db: Db, staffId: string | undefined): Promise<string | undefined> {
  if (!staffId) return undefined;
  const doc = await db.staff.findOne(staffId).exec();
  return doc ? (doc.toJSON() as Staff).displayName : undefined;
}

export async function checkPin(
  db: Db,
  staffId: string,
  pin: string,
  policy: LockoutPolicy,
  storage: Storage = localStorage,
  now = Date.now(),
): Promise<PinCheck> {
  const doc = await db.staff.findOne(staffId).exec();
  if (!doc || !doc.active) return { ok: false, message: 'This staff member cannot sign in here. Ask a manager.' };
  const state = readLocks(storage)[staffId] ?? UNLOCKED;
  try {
    assertNotLocked(state, now, policy);
  } catch (e) {
    // A refusal (locked out) is an answer for the clerk; anything else is a bug and propagates.
    if (!isDomainError(e)) throw e;
    const until =
      typeof e.details?.lockedUntil === 'number' ? new Date(e.details.lockedUntil).toISOString() : undefined;
    return { ok: false, message: e.message, ...(until ? { lockedUntil: until } : {}) };
  }
  let ok: boolean;
  try {
    ok = await verifyPin(pin, (doc.toJSON() as Staff).pin);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return { ok: false, message: e.message };
  }
  if (ok) {
    writeLock(storage, staffId, recordSuccess());
    return { ok: true, message: 'Signed in.' };
  }
  const next = recordFailure(state, now, policy);
  writeLock(storage, staffId, next);
  const status = lockStatus(next, now, policy);
  if (status.locked) {
    const minutes = Math.ceil(((status.lockedUntil ?? now) - now) / 60_000);
    return {
      ok: false,
      lockedUntil: new Date(status.lockedUntil ?? now).toISOString(),
      message: `Too many wrong PINs. Try again in ${minutes} minutes, or ask a manager.`,
    };
  }
  return {
    ok: false,
    attemptsLeft: status.remainingAttempts,
    message: `Wrong PIN. ${status.remainingAttempts} ${status.remainingAttempts === 1 ? 'try' : 'tries'} left before a lockout.`,
  };
}
