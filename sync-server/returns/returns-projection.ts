// Checks every pushed return against its original order across stores, inside the push
// transaction. Returns, the order and its payments arrive in any order (each collection
// replicates on its own, and a store may sync days later), so each arrival updates the order's
// return ledger and re-audits it: bought − returned over every store's returns, and refunded
// against paid. Findings become HQ alerts naming every return involved; the returns themselves
// stay stored, because the customers already have their money.
import { auditOrderReturns, soldLinesFromOrder, type ReturnFinding } from '../../shared/returns';
import type { Order } from '../../shared/schemas';
import { deriveOrderTotals } from '../../shared/pricing/order-totals';
import type { AfterWrite } from '../replication/push';
import type { DocumentWrite, StoredDocument, WriteTx } from '../storage/storage';
import {
  ALERT_COLLECTION,
  LEDGER_COLLECTION,
  hqOnlyWrite,
  ledgerFrom,
  returnFromDocument,
  tenderCounts,
  tenderFromPayment,
  type ReturnLedger,
} from './return-ledger';
import { recordCustomerReturns } from './customer-returns';

export const ReturnAlertKind = {
  OVER_RETURN: 'over_return',
  UNKNOWN_LINE: 'unknown_line',
  OVER_REFUND: 'over_refund',
} as const;

export interface ReturnAlert {
  id: string;
  kind: ReturnFinding['kind'];
  orderId: string;
  orderNumber: string;
  orderStoreId: string;
  finding: ReturnFinding;
  /** Every store whose return or refund is part of the finding. */
  storeIds: string[];
  message: string;
  createdAt: string;
  updatedAt: string;
}

function alertId(orderId: string, f: ReturnFinding): string {
  return f.kind === 'over_refund' ? `${f.kind}:${orderId}` : `${f.kind}:${orderId}:${f.lineId}`;
}

function describe(order: Order, f: ReturnFinding): { message: string; storeIds: string[] } {
  if (f.kind === 'over_refund') {
    return {
      message: `Order ${order.orderNumber}: ${f.refunded} refunded against ${f.paid} paid (minor units). Check refunds ${f.paymentIds.join(', ')}.`,
      storeIds: [order.storeId],
    };
  }
  const storeIds = [...new Set(f.returns.map((r) => r.storeId))];
  const named = f.returns
    .map((r) => `return ${r.returnId} (${r.quantity}, store ${r.storeId}, register ${r.registerId})`)
    .join(' and ');
  if (f.kind === 'unknown_line')
    return { message: `Order ${order.orderNumber} has no line ${f.lineId}, yet ${named} returned it.`, storeIds };
  return {
    message: `Order ${order.orderNumber}: ${f.returned} × ${f.sku} returned but ${f.bought} bought — ${named}.`,
    storeIds,
  };
}

/**
 * A stored order always has valid lines (push validated it); should the rules ever disagree, the
 * audit is skipped rather than failing the push, which would stop the register's sync for good.
 */
function safeAudit(order: Order, ledger: ReturnLedger): ReturnFinding[] {
  try {
    const paid = order.totals?.total ?? deriveOrderTotals(order).total;
    return auditOrderReturns(soldLinesFromOrder(order), Object.values(ledger.returns), [
      { paymentId: order.id, kind: 'sale', counts: true, amount: paid },
      ...Object.values(ledger.tenders).map((t) => ({
        paymentId: t.paymentId,
        kind: t.kind,
        counts: tenderCounts(t),
        amount: t.amount,
      })),
    ]);
  } catch {
    return [];
  }
}

/** Which orders a written batch touches, and what to record in their ledgers. */
function touchedOrders(
  collection: string,
  written: readonly StoredDocument[],
): Map<string, ((l: ReturnLedger) => void)[]> {
  const touched = new Map<string, ((l: ReturnLedger) => void)[]>();
  const add = (orderId: string, apply: (l: ReturnLedger) => void) => {
    const list = touched.get(orderId) ?? [];
    list.push(apply);
    touched.set(orderId, list);
  };
  for (const doc of written) {
    if (doc.deleted) continue;
    const d = doc.data;
    if (collection === 'returns' && typeof d.originalOrderId === 'string' && d.originalOrderId !== '') {
      const entry = returnFromDocument(d);
      add(d.originalOrderId, (l) => (l.returns[entry.returnId] = entry));
    } else if (collection === 'payments' && d.kind === 'refund' && typeof d.orderId === 'string') {
      // Sale tenders need no ledger: what was paid is the order's total.
      const entry = tenderFromPayment(d);
      add(d.orderId, (l) => (l.tenders[entry.paymentId] = entry));
    } else if (collection === 'orders') {
      add(doc.id, () => undefined);
    }
  }
  return touched;
}

export function returnsProjection(now: () => Date = () => new Date()): AfterWrite {
  return async (tx: WriteTx, collection: string, written: StoredDocument[]): Promise<void> => {
    if (collection !== 'returns' && collection !== 'payments' && collection !== 'orders') return;
    if (collection === 'returns') await recordCustomerReturns(tx, written, now().toISOString());
    const touched = touchedOrders(collection, written);
    if (touched.size === 0) return;
    const ids = [...touched.keys()];
    const [ledgers, orders] = await Promise.all([
      tx.getDocuments(LEDGER_COLLECTION, ids),
      collection === 'orders' ? new Map(written.map((d) => [d.id, d])) : tx.getDocuments('orders', ids),
    ]);
    const at = now().toISOString();
    const writes: DocumentWrite[] = [];
    const alertWrites: ReturnAlert[] = [];
    for (const [orderId, changes] of touched) {
      const stored = ledgers.get(orderId);
      const ledger = ledgerFrom(stored, orderId);
      // An order with no returns or payments yet needs no ledger until something arrives for it.
      if (changes.length > 0 && collection !== 'orders') {
        for (const apply of changes) apply(ledger);
        ledger.updatedAt = at;
        writes.push(hqOnlyWrite(LEDGER_COLLECTION, ledger));
      }
      const order = orders.get(orderId);
      if (!order || order.deleted || Object.keys(ledger.returns).length === 0) continue;
      const data = order.data as unknown as Order;
      const findings = safeAudit(data, ledger);
      for (const f of findings) {
        const { message, storeIds } = describe(data, f);
        alertWrites.push({
          id: alertId(orderId, f),
          kind: f.kind,
          orderId,
          orderNumber: data.orderNumber,
          orderStoreId: data.storeId,
          finding: f,
          storeIds,
          message,
          createdAt: at,
          updatedAt: at,
        });
      }
    }
    if (alertWrites.length > 0) {
      // An alert already raised keeps its first time; a later push that adds a third return updates it.
      const existing = await tx.getDocuments(
        ALERT_COLLECTION,
        alertWrites.map((a) => a.id),
      );
      for (const alert of alertWrites) {
        const before = existing.get(alert.id);
        if (before && JSON.stringify(before.data.finding) === JSON.stringify(alert.finding)) continue;
        if (before) alert.createdAt = String(before.data.createdAt);
        writes.push(hqOnlyWrite(ALERT_COLLECTION, alert));
      }
    }
    if (writes.length > 0) await tx.putDocuments(writes);
  };
}
