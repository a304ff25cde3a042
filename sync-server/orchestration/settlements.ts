// The `settlement` field of open pickup fulfillment orders: the money a hand-over works from
// (shared/orders/pickup-settlement `partSettlement`), kept current by the server inside the
// transaction that changed the order's money — intake, a pushed payment, a part handed over,
// shipped or re-routed, an HQ refund or line cancel. Registers may not change the field
// (registerWritableFields), so a store that does not replicate the web order or its payments (a
// part re-routed there) still collects the right balance, online or offline.
import { canonicalJson } from '../replication/canonical';
import { partSettlement } from '../../shared/orders/pickup-settlement';
import type { FulfillmentOrder } from '../../shared/schemas/fulfillment-orders';
import type { Order } from '../../shared/schemas/orders';
import type { Payment } from '../../shared/schemas/payments';
import type { StoredDocument, WriteTx } from '../storage/storage';
import type { Orchestration } from './context';
import { documentsWhere, serverWrite } from './documents';

/** A part whose hand-over is still ahead: its settlement follows the order's money. */
const AWAITING_HANDOVER: ReadonlySet<string> = new Set([
  'created',
  'allocated',
  'picking',
  'picked',
  'ready_for_pickup',
]);

/** Parts not to rewrite: the one a register just pushed, or those of the store that took a payment. */
export interface SettlementSkip {
  fulfillmentOrderId?: string | undefined;
  storeIds?: ReadonlySet<string> | undefined;
}

/**
 * Writes the current `settlement` on each pickup part of `orderId` that is still to be handed over,
 * only where it changed (an unchanged document is not written, so registers pull nothing new).
 * A register's push made before such a write is merged, not a conflict (`settlement` is declared
 * server-owned; replication/push.ts keeps the server's value and applies the register's other
 * changes). `skip` still leaves out the part just pushed and the parts of a store whose own payment
 * moved the money, to spare those registers a pull: that register counts its own payments itself
 * (`settlePart` adds the order's payments it holds that the settlement has not counted).
 */
export async function refreshSettlements(
  tx: WriteTx,
  o: Orchestration,
  orderId: string,
  skip: SettlementSkip = {},
): Promise<void> {
  const stored = (await tx.getDocuments('orders', [orderId])).get(orderId);
  const order = stored?.data as unknown as Order | undefined;
  if (!stored || stored.deleted || !order || order.channel === 'pos') return;
  const docs = await documentsWhere(tx, 'fulfillment_orders', 'orderId', orderId);
  const parts = docs.map((d) => d.data as unknown as FulfillmentOrder);
  const open = docs.filter((d) => {
    const fo = d.data as unknown as FulfillmentOrder;
    return (
      fo.type === 'pickup' &&
      AWAITING_HANDOVER.has(fo.status) &&
      fo.id !== skip.fulfillmentOrderId &&
      !skip.storeIds?.has(fo.assignedStoreId)
    );
  });
  if (open.length === 0) return;
  const payments = (await documentsWhere(tx, 'payments', 'orderId', orderId)).map((d) => d.data as unknown as Payment);
  const writes = [];
  for (const doc of open) {
    const fo = doc.data as unknown as FulfillmentOrder;
    const settlement = partSettlement(order, fo, parts, payments);
    if (canonicalJson(settlement) === canonicalJson(fo.settlement)) continue;
    writes.push(
      serverWrite(
        o.policies,
        'fulfillment_orders',
        { ...fo, settlement } as unknown as Record<string, unknown>,
        doc as StoredDocument,
      ),
    );
  }
  if (writes.length > 0) await tx.putDocuments(writes);
}

/** The orders a batch of pushed (or HQ-written) payments belongs to, with the stores that took them. */
export function ordersOfPayments(written: readonly StoredDocument[]): Map<string, Set<string>> {
  const orders = new Map<string, Set<string>>();
  for (const doc of written) {
    const { orderId, storeId } = doc.data as { orderId?: unknown; storeId?: unknown };
    if (typeof orderId !== 'string') continue;
    const stores = orders.get(orderId) ?? new Set<string>();
    if (typeof storeId === 'string') stores.add(storeId);
    orders.set(orderId, stores);
  }
  return orders;
}
