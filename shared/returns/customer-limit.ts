// The return limit per customer per period (policy `returns.customerLimit`): a customer who has
// already made `maxReturns` returns, or been refunded `maxAmount`, within the last `periodDays`
// needs a manager's approval for the next one. It slows returns abuse (the same person bringing
// goods back again and again) without turning an honest customer away.
import { DomainError } from '../errors';
import { formatMoney, money } from '../money';
import { ReturnError } from './errors';

export interface CustomerReturnLimit {
  periodDays: number;
  maxReturns: number;
  maxAmount: number; // minor units refunded within the period
}

/** One earlier return of the customer: when, and how much it refunded. */
export interface CustomerReturnRecord {
  returnId: string;
  at: string; // ISO
  refundTotal: number;
}

const DAY_MS = 86_400_000;

/** The start of the period that counts for a return made at `now` (ISO). */
export function customerLimitSince(limit: CustomerReturnLimit, now: string): string {
  const t = Date.parse(now);
  if (Number.isNaN(t))
    throw new DomainError(ReturnError.INVALID_DATE, `"${now}" is not a date. This is a program error; report it.`);
  return new Date(t - limit.periodDays * DAY_MS).toISOString();
}

/**
 * Why this return goes over the customer's limit (a sentence for the manager), or undefined when
 * it stays within. Each earlier return counts once, however often it was replicated.
 */
export function customerLimitExceeded(
  limit: CustomerReturnLimit,
  history: readonly CustomerReturnRecord[],
  refundTotal: number,
  now: string,
  currency: string,
): string | undefined {
  const since = Date.parse(customerLimitSince(limit, now));
  const until = Date.parse(now);
  const counted = new Map<string, number>();
  for (const r of history) {
    const at = Date.parse(r.at);
    if (Number.isNaN(at) || at < since || at > until) continue;
    if (!Number.isSafeInteger(r.refundTotal) || r.refundTotal < 0) continue;
    counted.set(r.returnId, r.refundTotal);
  }
  const count = counted.size;
  const amount = [...counted.values()].reduce((s, v) => s + v, 0);
  const fmt = (v: number): string => formatMoney(money(v, currency));
  if (count + 1 > limit.maxReturns)
    return `This customer has made ${count} return${count === 1 ? '' : 's'} in the last ${limit.periodDays} days; the limit is ${limit.maxReturns}.`;
  if (amount + refundTotal > limit.maxAmount)
    return `This customer has been refunded ${fmt(amount)} in the last ${limit.periodDays} days; with this return it would be ${fmt(amount + refundTotal)}, over the limit of ${fmt(limit.maxAmount)}.`;
  return undefined;
}
