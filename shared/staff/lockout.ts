// PIN lockout as a pure function of the recent attempts: too many failures inside the window lock
// the account until the last failure + lock time. Time is the register's clock, which is fine
// here: a lockout is a local speed bump, not an ordering of replicated changes.
import { DomainError } from '../errors';
import { StaffError } from './errors';

export interface LockoutPolicy {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = { maxFailures: 5, windowSeconds: 300, lockSeconds: 900 };

export interface LockState {
  /** Times (ms) of failures since the last success, oldest first, trimmed to the window. */
  failures: readonly number[];
  lockedUntil: number | null;
}

export const UNLOCKED: LockState = { failures: [], lockedUntil: null };

export interface LockStatus {
  locked: boolean;
  lockedUntil: number | null;
  /** Failures still allowed before a lock (0 when locked). */
  remainingAttempts: number;
}

function checkPolicy(p: LockoutPolicy): void {
  const ok = [p.maxFailures, p.windowSeconds, p.lockSeconds].every((v) => Number.isSafeInteger(v) && v > 0);
  if (!ok)
    throw new DomainError(
      StaffError.INVALID_POLICY,
      'The PIN lockout policy needs whole, positive numbers; fix the policy configuration.',
    );
}

export function lockStatus(state: LockState, now: number, policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY): LockStatus {
  checkPolicy(policy);
  if (state.lockedUntil !== null && now < state.lockedUntil)
    return { locked: true, lockedUntil: state.lockedUntil, remainingAttempts: 0 };
  const recent = state.failures.filter((t) => t > now - policy.windowSeconds * 1000 && t <= now);
  return { locked: false, lockedUntil: null, remainingAttempts: Math.max(0, policy.maxFailures - recent.length) };
}

export function recordFailure(
  state: LockState,
  now: number,
  policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY,
): LockState {
  checkPolicy(policy);
  if (state.lockedUntil !== null && now < state.lockedUntil) return state; // attempts while locked are refused before checking
  const failures = [...state.failures.filter((t) => t > now - policy.windowSeconds * 1000 && t <= now), now];
  if (failures.length >= policy.maxFailures) return { failures: [], lockedUntil: now + policy.lockSeconds * 1000 };
  return { failures, lockedUntil: null };
}

export function recordSuccess(): LockState {
  return UNLOCKED;
}

/** Throws a coded error with the wait time when the account is locked. */
export function assertNotLocked(state: LockState, now: number, policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY): void {
  const status = lockStatus(state, now, policy);
  if (status.locked && status.lockedUntil !== null) {
    const minutes = Math.ceil((status.lockedUntil - now) / 60_000);
    throw new DomainError(
      StaffError.LOCKED_OUT,
      `Too many wrong PINs. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask a manager.`,
      {
        lockedUntil: status.lockedUntil,
      },
    );
  }
}
