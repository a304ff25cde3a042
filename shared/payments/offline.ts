// Store-and-forward card payments while the register is offline. The store carries the risk, so
// each payment is capped, the register's pending total is capped, and a pending payment must be
// forwarded before its authorization window expires. This pure function tells the register what
// it may accept now and how long each pending payment has left (the clerk's countdown).
import { DomainError } from '../errors';
import { PaymentError } from './errors';

export interface OfflinePolicy {
  enabled: boolean;
  perTransactionCap: number; // minor units
  perRegisterCap: number; // minor units, sum of everything not yet forwarded
  expiryHours: number; // from takenAt until the gateway would refuse the forward
}

export interface PendingOfflinePayment {
  paymentId: string;
  amount: number;
  takenAt: string; // ISO
}

export interface PendingCountdown {
  paymentId: string;
  amount: number;
  expiresAt: string;
  msLeft: number; // 0 once expired
  expired: boolean;
}

export interface OfflineAllowance {
  /** Largest card amount that may be taken offline right now (0 = none). */
  maxAmount: number;
  pendingTotal: number;
  countdowns: PendingCountdown[]; // soonest expiry first
  expiredCount: number;
  reason?: 'disabled' | 'register-cap-reached' | 'expired-pending';
}

export function validateOfflinePolicy(p: OfflinePolicy): void {
  const ok =
    [p.perTransactionCap, p.perRegisterCap].every((v) => Number.isSafeInteger(v) && v >= 0) &&
    Number.isFinite(p.expiryHours) &&
    p.expiryHours > 0;
  if (!ok)
    throw new DomainError(
      PaymentError.INVALID_POLICY,
      'The offline card policy has invalid caps or expiry. Ask an administrator to fix it.',
    );
}

export function offlineAllowance(
  policy: OfflinePolicy,
  pending: readonly PendingOfflinePayment[],
  nowIso: string,
): OfflineAllowance {
  validateOfflinePolicy(policy);
  const now = Date.parse(nowIso);
  if (Number.isNaN(now))
    throw new DomainError(
      PaymentError.INVALID_POLICY,
      `"${nowIso}" is not a time. This is a program error; report it.`,
    );
  const countdowns = pending
    .map((p) => {
      if (!Number.isSafeInteger(p.amount) || p.amount <= 0) {
        throw new DomainError(
          PaymentError.INVALID_AMOUNT,
          `Pending payment ${p.paymentId} has an invalid amount. Report it to a manager.`,
          { paymentId: p.paymentId },
        );
      }
      const expires = Date.parse(p.takenAt) + policy.expiryHours * 3_600_000;
      if (Number.isNaN(expires))
        throw new DomainError(
          PaymentError.INVALID_POLICY,
          `Pending payment ${p.paymentId} has no valid time. Report it to a manager.`,
        );
      const msLeft = Math.max(0, expires - now);
      return {
        paymentId: p.paymentId,
        amount: p.amount,
        expiresAt: new Date(expires).toISOString(),
        msLeft,
        expired: msLeft === 0,
      };
    })
    .sort((a, b) => a.msLeft - b.msLeft || a.paymentId.localeCompare(b.paymentId));
  // Expired payments still count: the money is not collected until a manager resolves them.
  const pendingTotal = pending.reduce((s, p) => s + p.amount, 0);
  const expiredCount = countdowns.filter((c) => c.expired).length;
  const base = { pendingTotal, countdowns, expiredCount };
  if (!policy.enabled) return { ...base, maxAmount: 0, reason: 'disabled' };
  if (expiredCount > 0) return { ...base, maxAmount: 0, reason: 'expired-pending' };
  const room = Math.max(0, policy.perRegisterCap - pendingTotal);
  const maxAmount = Math.min(policy.perTransactionCap, room);
  return maxAmount === 0 ? { ...base, maxAmount, reason: 'register-cap-reached' } : { ...base, maxAmount };
}

/** Throws a coded error the clerk can act on when an offline card payment is not allowed. */
export function assertOfflineAccepted(
  policy: OfflinePolicy,
  pending: readonly PendingOfflinePayment[],
  amount: number,
  nowIso: string,
): void {
  const a = offlineAllowance(policy, pending, nowIso);
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new DomainError(PaymentError.INVALID_AMOUNT, 'An offline card payment must be for more than zero.');
  if (amount <= a.maxAmount) return;
  const why =
    a.reason === 'disabled'
      ? 'Offline card payments are switched off for this store.'
      : a.reason === 'expired-pending'
        ? 'An offline card payment has expired without being sent; a manager must resolve it first.'
        : amount > policy.perTransactionCap
          ? 'The amount is over the offline limit per card payment.'
          : 'This register has reached its limit of unsent offline card payments.';
  throw new DomainError(
    PaymentError.OFFLINE_NOT_ALLOWED,
    `${why} Take cash or another tender, or wait until the register is back online.`,
    {
      maxAmount: a.maxAmount,
      reason: a.reason ?? 'over-transaction-cap',
    },
  );
}
