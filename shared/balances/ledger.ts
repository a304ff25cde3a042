// Store credit and gift card balances are the projection of a ledger, like stock: the tender
// documents (payments with method store_credit / gift_card) are the movements, keyed by payment id.
// A balance is its opening amount plus the latest contribution of every payment, so the same
// payment seen twice counts once, a payment voided later stops counting, and arrival order
// never changes the result.
import { DomainError } from '../errors';
import { BalanceError } from './errors';

export type BalanceAccount =
  { kind: 'gift_card'; token: string; last4: string } | { kind: 'store_credit'; customerId: string };

/** The fields of a payment document the balance rules read. */
export interface BalancePayment {
  id: string;
  orderId: string;
  storeId: string;
  kind: 'sale' | 'refund';
  method: string;
  status: string;
  amount: number;
  currency: string;
  giftCard?: { token: string; last4: string } | undefined;
  storeCreditCustomerId?: string | undefined;
}

export interface BalanceEntry {
  paymentId: string;
  orderId: string;
  storeId: string;
  /** Signed: a spend is negative, a refund or load onto the balance is positive. */
  amount: number;
}

// A sale payment later marked 'refunded' still took the money; its refund is a payment of its own.
const COUNTED = new Set(['approved', 'pending_offline', 'refunded']);

export function accountOf(payment: BalancePayment): BalanceAccount | null {
  if (payment.method === 'gift_card' && payment.giftCard)
    return { kind: 'gift_card', token: payment.giftCard.token, last4: payment.giftCard.last4 };
  if (payment.method === 'store_credit' && payment.storeCreditCustomerId)
    return { kind: 'store_credit', customerId: payment.storeCreditCustomerId };
  return null;
}

export function accountKey(account: BalanceAccount): string {
  return account.kind === 'gift_card' ? `gift_card:${account.token}` : `store_credit:${account.customerId}`;
}

/** What this payment, in its current state, does to its balance (0 when it does not count). */
export function contributionOf(payment: BalancePayment): number {
  if (!accountOf(payment) || !COUNTED.has(payment.status)) return 0;
  return payment.kind === 'sale' ? -payment.amount : payment.amount;
}

/** Puts the payment's current contribution in place of any earlier one; drops it when it is 0. */
export function applyPayment(entries: readonly BalanceEntry[], payment: BalancePayment): BalanceEntry[] {
  const amount = contributionOf(payment);
  const rest = entries.filter((e) => e.paymentId !== payment.id);
  if (amount === 0) return rest;
  return [...rest, { paymentId: payment.id, orderId: payment.orderId, storeId: payment.storeId, amount }];
}

export function ledgerBalance(opening: number, entries: readonly BalanceEntry[]): number {
  return entries.reduce((sum, e) => sum + e.amount, opening);
}

/**
 * What the register may spend: the server's balance plus this register's own payments the server
 * has not counted yet (those whose id is not among the server's entries), like stock's
 * level-with-pending. Payments the server already counted are not subtracted twice.
 */
export function balanceWithPending(
  serverBalance: number,
  serverEntryIds: ReadonlySet<string>,
  localPayments: readonly BalancePayment[],
): number {
  let balance = serverBalance;
  for (const payment of localPayments) {
    if (!serverEntryIds.has(payment.id)) balance += contributionOf(payment);
  }
  return balance;
}

export interface RedemptionCheck {
  /** Balance after this register's unsynced payments. */
  available: number;
  /** What the clerk asked to take from the balance. */
  amount: number;
  /** What is left to pay on the sale. */
  due: number;
  /** Set when the register cannot reach the server: two registers could spend one balance. */
  offlineCap?: number | undefined;
  /** Names the balance in messages: "The gift card ending 1234", "Ann Lee's store credit". */
  label: string;
  formatAmount: (minor: number) => string;
}

/** Refuses a redemption the balance (or the offline cap) does not cover; returns the amount to take. */
export function checkRedemption(check: RedemptionCheck): number {
  const { available, amount, due, offlineCap, label, formatAmount } = check;
  if (!Number.isInteger(amount) || amount <= 0) {
    throw new DomainError(BalanceError.BAD_AMOUNT, 'Enter an amount above zero to take from the balance.');
  }
  if (amount > due) {
    throw new DomainError(BalanceError.BAD_AMOUNT, `Only ${formatAmount(due)} is left to pay. Enter at most that.`, {
      amount,
      due,
    });
  }
  if (amount > available) {
    const has = available > 0 ? `has ${formatAmount(available)} left` : 'has nothing left';
    throw new DomainError(BalanceError.INSUFFICIENT, `${label} ${has}. Take at most that and the rest another way.`, {
      amount,
      available,
    });
  }
  if (offlineCap !== undefined && amount > offlineCap) {
    const subject = label.startsWith('The ') ? `the${label.slice(3)}` : label;
    const limit = offlineCap > 0 ? `at most ${formatAmount(offlineCap)} more` : 'nothing more';
    throw new DomainError(
      BalanceError.OFFLINE_CAP,
      `The register is offline, so ${limit} can be taken from ${subject} on this sale. Take the rest another way.`,
      { amount, offlineCap },
    );
  }
  return amount;
}

/** Most taken from one balance per sale while offline when the policy names no cap ($50.00). */
export const DEFAULT_OFFLINE_BALANCE_CAP = 5_000;

/** Policy `giftCardOffline` when a store's policy does not set it. */
export const DEFAULT_GIFT_CARD_OFFLINE = { tendersPerShift: 5, unknownCardsBeforeBlock: 3 } as const;
