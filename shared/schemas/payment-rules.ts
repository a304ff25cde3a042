// What a register may do with payments. Payments move money and balances, so for registers they
// are append-only (only the store-and-forward status moves below), and a payment that puts value
// on a store credit or gift card balance must point at a return of the register's own store whose
// refund tenders name it. A register cannot otherwise create value: HQ issues it.
import { SyncErrorCode } from '../protocol/errors';
import type { Reference, RuleIssue } from './define';
import type { Payment } from './payment-shape';

/** Status moves a register may push: forwarding an offline card authorisation. */
export const REGISTER_PAYMENT_MOVES: Readonly<Record<string, readonly string[]>> = {
  pending_offline: ['approved', 'declined', 'expired'],
};
/** Fields the forwarding step writes along with the status. */
const FORWARDING_FIELDS = new Set(['status', 'updatedAt', 'offline', 'gateway', 'declineReason']);
/** Card fields the forwarding step may add: the gateway's authorisation code of the approval. */
const FORWARDING_CARD_FIELDS = new Set(['authCode']);
const REGISTER_CREATE_STATUSES = new Set(['approved', 'pending_offline', 'declined']);

const forbidden = (field: string, message: string): RuleIssue => ({
  field,
  message,
  code: SyncErrorCode.CHANGE_FORBIDDEN,
});
const unjustified = (field: string, message: string): RuleIssue => ({
  field,
  message,
  code: SyncErrorCode.VALUE_NOT_JUSTIFIED,
});

/** True when the payment adds to a balance (a refund or load onto store credit or a gift card). */
export function creditsBalance(payment: Pick<Payment, 'kind' | 'method'>): boolean {
  return payment.kind === 'refund' && (payment.method === 'store_credit' || payment.method === 'gift_card');
}

export function registerPaymentCreate(doc: Payment): RuleIssue | null {
  if (!REGISTER_CREATE_STATUSES.has(doc.status)) {
    return forbidden(
      'status',
      `A register records a payment as approved, pending_offline or declined, not "${doc.status}"; head office voids and refunds.`,
    );
  }
  // Only card authorisations are stored and forwarded; a pending balance spend could later "expire" and give the value back.
  if (doc.status === 'pending_offline' && doc.method !== 'card') {
    return forbidden(
      'status',
      'Only card payments can be pending offline; take store credit and gift cards as approved.',
    );
  }
  return null;
}

function changedField(
  previous: Record<string, unknown>,
  next: Record<string, unknown>,
  allowed: ReadonlySet<string>,
): string | undefined {
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    if (allowed.has(key)) continue;
    if (JSON.stringify(previous[key]) !== JSON.stringify(next[key])) return key;
  }
  return undefined;
}

/**
 * The card of a forwarded payment: the same card, plus the authorisation code the gateway gave when
 * it approved the stored payment. Without this the forwarding push was refused whenever the
 * pending payment had reached the server first (it passed only when forwarding won that race).
 */
function changedCardField(previous: Payment, next: Payment): string | undefined {
  const before = previous.card as Record<string, unknown> | undefined;
  const after = next.card as Record<string, unknown> | undefined;
  if (!before || !after) return JSON.stringify(before) === JSON.stringify(after) ? undefined : 'card';
  const addsAuthCode = next.status === 'approved' && before.authCode === undefined;
  const field = changedField(before, after, addsAuthCode ? FORWARDING_CARD_FIELDS : new Set());
  return field === undefined ? undefined : `card.${field}`;
}

export function registerPaymentChange(previous: Payment, next: Payment): RuleIssue | null {
  const allowed = REGISTER_PAYMENT_MOVES[previous.status] ?? [];
  if (!allowed.includes(next.status)) {
    return forbidden(
      'status',
      `A register may not move a payment from "${previous.status}" to "${next.status}": payments are append-only; record a new payment instead.`,
    );
  }
  const field =
    changedField(
      previous as unknown as Record<string, unknown>,
      next as unknown as Record<string, unknown>,
      new Set([...FORWARDING_FIELDS, 'card']),
    ) ?? changedCardField(previous, next);
  if (field)
    return forbidden(
      field,
      `A register may not change "${field}" of a recorded payment; record a new payment instead.`,
    );
  return null;
}

export function paymentJustificationRef(doc: Payment): Reference | null {
  if (!creditsBalance(doc)) return null;
  return doc.returnId ? { collection: 'returns', id: doc.returnId } : { collection: 'orders', id: doc.orderId };
}

/** The return (or order) must be of this store and carry this exact refund tender. */
export function justifyPayment(
  doc: Payment,
  referenced: Record<string, unknown> | undefined,
  storeId: string,
): RuleIssue | null {
  if (!doc.returnId) {
    return unjustified(
      'returnId',
      'A register puts value on store credit or a gift card only as the refund of a return (returnId); head office issues and loads cards.',
    );
  }
  if (!referenced || referenced._deleted === true) {
    return unjustified(
      'returnId',
      'The return this refund belongs to is not on the server; push the return first, then the refund.',
    );
  }
  if (referenced.storeId !== storeId || referenced.status !== 'completed') {
    return unjustified('returnId', 'The refund must belong to a completed return of this store.');
  }
  if (referenced.currency !== doc.currency)
    return unjustified('currency', 'The refund is in another currency than its return.');
  const tenders = Array.isArray(referenced.tenders)
    ? (referenced.tenders as { paymentId?: unknown; method?: unknown; amount?: unknown }[])
    : [];
  const tender = tenders.find((t) => t.paymentId === doc.id);
  if (!tender || tender.method !== doc.method || typeof tender.amount !== 'number' || doc.amount > tender.amount) {
    return unjustified(
      'amount',
      `The return does not list this ${doc.method.replace('_', ' ')} refund of ${doc.amount}; a refund is at most the amount its return names for it.`,
    );
  }
  return null;
}
