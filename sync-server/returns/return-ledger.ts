// The server's per-order return ledger: the order's sale tenders, its refunds and every return
// taken against it at any store, kept in one server-only document per order and updated inside
// the push transaction. Push transactions can only read documents by id, so this ledger (keyed by
// the order id) is what lets a return pushed at S002 be checked against the order sold at S001 and
// the return S003 took offline, without a query across stores while the write lock is held.
import type { DocumentWrite, StoredDocument } from '../storage/storage';
import { hashJson } from '../replication/canonical';

/** Server-only collections: never replicated to registers (scope no store has), read by HQ routes. */
export const LEDGER_COLLECTION = 'return_ledgers';
export const ALERT_COLLECTION = 'return_alerts';
/** A scope no store id can equal (store ids are UUIDs), so no register pulls or is poked for it. */
export const HQ_ONLY_SCOPE = '~hq';

export interface LedgerTender {
  paymentId: string;
  kind: 'sale' | 'refund';
  method: string;
  status: string;
  amount: number;
  storeId: string;
  token?: string;
  last4?: string;
  refundsPaymentId?: string;
  returnId?: string;
}

export interface LedgerReturn {
  returnId: string;
  storeId: string;
  registerId: string;
  status: 'completed' | 'voided';
  lines: { lineId: string; quantity: number }[];
  refundTotal: number;
  createdAt: string;
}

export interface ReturnLedger {
  id: string;
  orderId: string;
  tenders: Record<string, LedgerTender>;
  returns: Record<string, LedgerReturn>;
  updatedAt: string;
}

export function emptyLedger(orderId: string): ReturnLedger {
  return { id: orderId, orderId, tenders: {}, returns: {}, updatedAt: '' };
}

export function ledgerFrom(doc: StoredDocument | undefined, orderId: string): ReturnLedger {
  if (!doc || doc.deleted) return emptyLedger(orderId);
  const { _deleted: _ignored, ...data } = doc.data;
  return data as unknown as ReturnLedger;
}

/** A server-only document write (ledger or alert). */
export function hqOnlyWrite(collection: string, data: { id: string }): DocumentWrite {
  const state = { ...data, _deleted: false };
  const json = JSON.stringify(state);
  return {
    collection,
    id: data.id,
    scope: HQ_ONLY_SCOPE,
    previousScope: null,
    lookup: null,
    data: state,
    json,
    hash: hashJson(json),
    deleted: false,
  };
}

export function tenderFromPayment(p: Record<string, unknown>): LedgerTender {
  const card = p.card as { token?: string; last4?: string } | undefined;
  const gift = p.giftCard as { token?: string; last4?: string } | undefined;
  const t: LedgerTender = {
    paymentId: String(p.id),
    kind: p.kind === 'refund' ? 'refund' : 'sale',
    method: String(p.method),
    status: String(p.status),
    amount: Number(p.amount),
    storeId: String(p.storeId),
  };
  const token = card?.token ?? gift?.token;
  const last4 = card?.last4 ?? gift?.last4;
  if (token !== undefined) t.token = token;
  if (last4 !== undefined) t.last4 = last4;
  if (typeof p.refundsPaymentId === 'string') t.refundsPaymentId = p.refundsPaymentId;
  if (typeof p.returnId === 'string') t.returnId = p.returnId;
  return t;
}

export function returnFromDocument(r: Record<string, unknown>): LedgerReturn {
  const lines = (r.lines as { originalLineId?: string; quantity: number }[]).flatMap((l) =>
    l.originalLineId !== undefined ? [{ lineId: l.originalLineId, quantity: l.quantity }] : [],
  );
  return {
    returnId: String(r.id),
    storeId: String(r.storeId),
    registerId: String(r.registerId),
    status: r.status === 'voided' ? 'voided' : 'completed',
    lines,
    refundTotal: Number(r.refundTotal),
    createdAt: String(r.createdAt),
  };
}

/** Payments that move value: approved, or queued offline (a stored-and-forwarded refund still leaves). */
export function tenderCounts(t: LedgerTender): boolean {
  return t.status === 'approved' || t.status === 'pending_offline' || t.status === 'refunded';
}
