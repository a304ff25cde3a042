// A customer's returns across every store, for the per-customer return limit (policy
// returns.customerLimit). Push transactions read documents by id only, so each pushed return of a
// known customer is added to one server-only ledger per customer (keyed by the customer id) in the
// same transaction; the route reads that one document instead of scanning every store's returns.
import { DomainError } from '../../shared/errors';
import type { CustomerReturnView } from '../../shared/returns/returnable-view';
import type { Principal } from '../auth/auth-service';
import { SyncError } from '../errors';
import type { ServerContext } from '../http/context';
import type { DocumentWrite, StoredDocument, WriteTx } from '../storage/storage';
import { hqOnlyWrite } from './return-ledger';

export const CUSTOMER_LEDGER_COLLECTION = 'customer_return_ledgers';
/** The longest limit period a policy may set (config-payloads: periodDays ≤ 3650). */
const KEEP_MS = 3650 * 86_400_000;
/** Newest entries kept per customer: far above any sensible maxReturns, and a bounded document. */
const MAX_ENTRIES = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface CustomerReturnEntry {
  returnId: string;
  storeId: string;
  at: string;
  refundTotal: number;
  status: 'completed' | 'voided';
}

interface CustomerReturnLedger {
  id: string;
  customerId: string;
  returns: Record<string, CustomerReturnEntry>;
  updatedAt: string;
}

function ledgerOf(doc: StoredDocument | undefined, customerId: string): CustomerReturnLedger {
  if (!doc || doc.deleted) return { id: customerId, customerId, returns: {}, updatedAt: '' };
  const { _deleted: _ignored, ...data } = doc.data;
  return data as unknown as CustomerReturnLedger;
}

/** Adds the written returns to their customers' ledgers (inside the push transaction). */
export async function recordCustomerReturns(
  tx: WriteTx,
  written: readonly StoredDocument[],
  at: string,
): Promise<void> {
  const byCustomer = new Map<string, CustomerReturnEntry[]>();
  for (const doc of written) {
    const d = doc.data;
    if (doc.deleted || typeof d.customerId !== 'string' || d.customerId === '') continue;
    const list = byCustomer.get(d.customerId) ?? [];
    list.push({
      returnId: String(d.id),
      storeId: String(d.storeId),
      at: String(d.createdAt),
      refundTotal: Number(d.refundTotal),
      status: d.status === 'voided' ? 'voided' : 'completed',
    });
    byCustomer.set(d.customerId, list);
  }
  if (byCustomer.size === 0) return;
  const stored = await tx.getDocuments(CUSTOMER_LEDGER_COLLECTION, [...byCustomer.keys()]);
  const oldest = new Date(Date.parse(at) - KEEP_MS).toISOString();
  const writes: DocumentWrite[] = [];
  for (const [customerId, entries] of byCustomer) {
    const ledger = ledgerOf(stored.get(customerId), customerId);
    for (const e of entries) ledger.returns[e.returnId] = e;
    const kept = Object.values(ledger.returns)
      .filter((e) => e.at >= oldest)
      .sort((a, b) => (a.at < b.at ? 1 : -1))
      .slice(0, MAX_ENTRIES);
    ledger.returns = Object.fromEntries(kept.map((e) => [e.returnId, e]));
    ledger.updatedAt = at;
    writes.push(hqOnlyWrite(CUSTOMER_LEDGER_COLLECTION, ledger));
  }
  await tx.putDocuments(writes);
}

/** The answer of GET /api/returns/customer-history for a register: completed returns since `since`. */
export async function customerReturnsView(
  ctx: ServerContext,
  principal: Principal,
  query: { customerId?: unknown; since?: unknown },
): Promise<{ returns: CustomerReturnView[] }> {
  if (principal.kind !== 'device')
    throw new DomainError(SyncError.FORBIDDEN, "A customer's return history is answered to a register only.");
  const customerId = typeof query.customerId === 'string' ? query.customerId : '';
  const since = typeof query.since === 'string' ? query.since : '';
  if (!UUID.test(customerId))
    throw new DomainError(SyncError.BAD_REQUEST, 'customerId must be the customer id (a lowercase UUID).', {
      field: 'customerId',
    });
  if (since.length > 40 || Number.isNaN(Date.parse(since)))
    throw new DomainError(SyncError.BAD_REQUEST, 'since must be an ISO date and time, like 2026-11-03T00:00:00.000Z.', {
      field: 'since',
    });
  const from = new Date(Date.parse(since)).toISOString();
  const ledger = ledgerOf(
    (await ctx.storage.getDocuments(CUSTOMER_LEDGER_COLLECTION, [customerId])).get(customerId),
    customerId,
  );
  return {
    returns: Object.values(ledger.returns)
      .filter((e) => e.status === 'completed' && e.at >= from)
      .sort((a, b) => (a.at < b.at ? -1 : 1))
      .map((e) => ({
        returnId: e.returnId,
        at: e.at,
        refundTotal: e.refundTotal,
        thisStore: e.storeId === principal.storeId,
      })),
  };
}
