// Pickup and ship-from-store work on the local replica. Every change is written to the
// fulfillment order document at once (scan by scan), so a reload or a restart resumes exactly
// where the clerk was, and replication pushes it when the server is reachable. The server checks
// every change again (shared/orders checkFulfillmentUpdate).
import { DomainError } from '../../../shared/errors';
import type { ConfigOf, FulfillmentOrder, InventoryMovement, Product } from '../../../shared/schemas';
import { applyFulfillmentMove, recordPick } from '../../../shared/orders/fulfillment';
import { recordShort, verifyPickupCode } from '../../../shared/orders/fulfillment-work';
import { FulfillmentStatus as F } from '../../../shared/orders/statuses';
import { uuidv5 } from '../../../shared/ids/uuidv5';
import { recordCounterPayment, type CounterPayment } from './fulfillment-settlement';

export const FulfillmentDataError = {
  NOT_FOUND: 'FULFILLMENT_NOT_FOUND',
  NOT_THIS_STORE: 'FULFILLMENT_NOT_THIS_STORE',
  REASON_REQUIRED: 'FULFILLMENT_REASON_REQUIRED',
  STAGING_REQUIRED: 'FULFILLMENT_STAGING_REQUIRED',
  COLLECTOR_REQUIRED: 'FULFILLMENT_COLLECTOR_REQUIRED',
  COLLECTED_INVALID: 'FULFILLMENT_COLLECTED_INVALID',
} as const;

import type { FulfillmentScope, Worker } from './fulfillment-scope';

export type { FulfillmentScope, Worker } from './fulfillment-scope';

export type HandOverProof = (
  | { method: 'pickup_code'; code: string; collectedBy: string }
  | { method: 'id_seen'; collectedBy: string; note: string }
) & {
  /** Units taken per line id when the customer leaves some behind; omitted = everything picked. */
  collected?: Record<string, number>;
};

export interface Shipment {
  carrier: string;
  trackingNumber: string;
  cost: number;
}

function actorOf(scope: FulfillmentScope, worker: Worker) {
  return { kind: 'staff' as const, staffId: worker.staffId, deviceId: scope.deviceId };
}

// RxDB hands out one RxDocument object per stored revision, so caching the plain copy by that
// object keeps unchanged orders identical between emissions: with 2,000 orders, one scan's write
// then costs one conversion instead of 2,000, and the hub's per-order caches keep their entries.
const plainCache = new WeakMap<object, FulfillmentOrder>();

function plain(doc: { toJSON(): unknown }): FulfillmentOrder {
  let fo = plainCache.get(doc);
  if (!fo) plainCache.set(doc, (fo = doc.toJSON() as FulfillmentOrder));
  return fo;
}

/** Live list of this store's fulfillment orders (orders re-routed away leave the list). */
export function watchStoreFulfillment(
  scope: FulfillmentScope,
  onChange: (orders: FulfillmentOrder[]) => void,
): () => void {
  const sub = scope.db.fulfillment_orders
    .find({ selector: { assignedStoreId: scope.storeId } })
    .$.subscribe((docs) => onChange(docs.map(plain)));
  return () => sub.unsubscribe();
}

export async function loadFulfillment(scope: FulfillmentScope, id: string): Promise<FulfillmentOrder> {
  const doc = await scope.db.fulfillment_orders.findOne(id).exec();
  if (!doc)
    throw new DomainError(
      FulfillmentDataError.NOT_FOUND,
      'This order is not on this register (any more); go back to the orders list.',
      { id },
    );
  return plain(doc);
}

/**
 * Applies a pure change to the stored document. The change runs on the latest stored state
 * (incrementalModify), so two quick scans never overwrite each other.
 */
async function change(
  scope: FulfillmentScope,
  id: string,
  fn: (fo: FulfillmentOrder) => FulfillmentOrder,
): Promise<FulfillmentOrder> {
  const doc = await scope.db.fulfillment_orders.findOne(id).exec();
  if (!doc)
    throw new DomainError(
      FulfillmentDataError.NOT_FOUND,
      'This order is not on this register (any more); go back to the orders list.',
      { id },
    );
  if (doc.assignedStoreId !== scope.storeId) {
    throw new DomainError(
      FulfillmentDataError.NOT_THIS_STORE,
      'Order management has moved this order to another store; it can no longer be worked here.',
      { id },
    );
  }
  let refusal: unknown;
  const updated = await doc.incrementalModify((data) => {
    try {
      const next = fn(data as unknown as FulfillmentOrder);
      return { ...next, updatedAt: new Date().toISOString() } as unknown as typeof data;
    } catch (error) {
      refusal = error;
      return data;
    }
  });
  if (refusal) throw refusal;
  return plain(updated);
}

function move(scope: FulfillmentScope, worker: Worker, to: FulfillmentOrder['status'], reason?: string) {
  return (fo: FulfillmentOrder) =>
    applyFulfillmentMove(fo, to, {
      actor: 'register',
      by: actorOf(scope, worker),
      at: new Date().toISOString(),
      ...(reason ? { reason } : {}),
    });
}

/** Accepting an order starts picking it. */
export function acceptOrder(scope: FulfillmentScope, id: string, worker: Worker): Promise<FulfillmentOrder> {
  return change(scope, id, move(scope, worker, F.PICKING));
}

/** A rejection goes back to order management, which routes the order to another store. */
export async function rejectOrder(
  scope: FulfillmentScope,
  id: string,
  worker: Worker,
  reason: string,
): Promise<FulfillmentOrder> {
  const why = reason.trim();
  if (!why)
    throw new DomainError(
      FulfillmentDataError.REASON_REQUIRED,
      'Say why the order is rejected (for example "no stock", "store closing"); order management needs it.',
    );
  return change(scope, id, move(scope, worker, F.REJECTED, why.slice(0, 200)));
}

export function pickUnit(scope: FulfillmentScope, id: string, sku: string): Promise<FulfillmentOrder> {
  return change(scope, id, (fo) => recordPick(fo, sku));
}

/**
 * Reports units of a line as not found. The missing units are also a stock adjustment (the
 * shelf did not hold what the ledger says); its id comes from the order, line and short count,
 * so writing it again after a crash is a no-op.
 */
export async function reportShort(
  scope: FulfillmentScope,
  id: string,
  lineId: string,
  units: number,
  reason: string,
  worker: Worker,
): Promise<FulfillmentOrder> {
  const why = reason.trim();
  if (!why)
    throw new DomainError(
      FulfillmentDataError.REASON_REQUIRED,
      'Say why the items are short (for example "not on shelf", "damaged").',
    );
  const updated = await change(scope, id, (fo) => {
    const next = recordShort(fo, lineId, units);
    const entry = {
      status: fo.status,
      at: new Date().toISOString(),
      by: actorOf(scope, worker),
      reason: `short ${units}: ${why}`.slice(0, 200),
    };
    return { ...next, history: [...next.history, entry] };
  });
  const line = updated.lines.find((l) => l.id === lineId)!;
  const now = new Date().toISOString();
  const movement: InventoryMovement = {
    id: uuidv5(`short:${id}:${lineId}:${line.shortQuantity}`),
    storeId: scope.storeId,
    sku: line.sku,
    type: 'adjustment',
    quantity: -units,
    referenceType: 'fulfillment_order',
    referenceId: id,
    deviceId: scope.deviceId,
    staffId: worker.staffId,
    reason: `Short pick: ${why}`.slice(0, 200),
    createdAt: now,
    updatedAt: now,
  };
  await scope.db.inventory_movements.upsert(movement);
  return updated;
}

/** Everything found or reported short: the order is picked. */
export function finishPick(scope: FulfillmentScope, id: string, worker: Worker): Promise<FulfillmentOrder> {
  return change(scope, id, move(scope, worker, F.PICKED));
}

/** Staged on a shelf or in a bin and ready; the server's outbox e-mails the customer. */
export async function markReady(
  scope: FulfillmentScope,
  id: string,
  location: string,
  worker: Worker,
): Promise<FulfillmentOrder> {
  const where = location.trim().toUpperCase();
  if (!where)
    throw new DomainError(
      FulfillmentDataError.STAGING_REQUIRED,
      'Scan or type the shelf or bin the order waits on, so it is found at pickup.',
    );
  return change(scope, id, (fo) => {
    const moved = move(scope, worker, F.READY_FOR_PICKUP)(fo);
    return { ...moved, staging: { location: where.slice(0, 40), at: moved.updatedAt, by: actorOf(scope, worker) } };
  });
}

/** Hands the order over after checking the pickup code against the replica (works offline) or seeing ID. */
export async function handOver(
  scope: FulfillmentScope,
  id: string,
  proof: HandOverProof,
  worker: Worker,
  counter?: CounterPayment,
): Promise<FulfillmentOrder> {
  const collectedBy = proof.collectedBy.trim();
  if (!collectedBy)
    throw new DomainError(FulfillmentDataError.COLLECTOR_REQUIRED, 'Type the name of the person collecting the order.');
  // Proof and quantities first: a balance is stored as paid only for a hand-over that can happen.
  const current = await loadFulfillment(scope, id);
  if (proof.method === 'pickup_code') verifyPickupCode(current, proof.code);
  if (proof.collected) collectedLines(current, proof.collected);
  const payment = await recordCounterPayment(scope, current, proof.collected, counter, worker);
  return change(scope, id, (fo) => {
    if (proof.method === 'pickup_code') verifyPickupCode(fo, proof.code);
    const moved = move(
      scope,
      worker,
      F.PICKED_UP,
      proof.method === 'id_seen' ? `ID seen: ${proof.note}`.slice(0, 200) : undefined,
    )(fo);
    const note = proof.method === 'id_seen' ? proof.note.trim().slice(0, 200) : undefined;
    const collected = proof.collected ? collectedLines(fo, proof.collected) : undefined;
    return {
      ...moved,
      handover: {
        method: proof.method,
        at: moved.updatedAt,
        by: actorOf(scope, worker),
        collectedBy: collectedBy.slice(0, 200),
        ...(note ? { note } : {}),
        ...(collected ? { collected } : {}),
        ...(payment ? { payment } : {}),
      },
    };
  });
}

/** Checks a partial pickup: whole units, none above what was picked, at least one taken. */
function collectedLines(
  fo: FulfillmentOrder,
  taken: Record<string, number>,
): { lineId: string; quantity: number }[] | undefined {
  const lines = fo.lines
    .filter((l) => l.pickedQuantity > 0)
    .map((l) => ({ line: l, quantity: taken[l.id] ?? l.pickedQuantity }));
  for (const { line, quantity } of lines) {
    if (!Number.isSafeInteger(quantity) || quantity < 0 || quantity > line.pickedQuantity) {
      throw new DomainError(
        FulfillmentDataError.COLLECTED_INVALID,
        `Units taken of ${line.name} must be a whole number from 0 to ${line.pickedQuantity}.`,
        { lineId: line.id },
      );
    }
  }
  if (lines.every(({ quantity }) => quantity === 0)) {
    throw new DomainError(
      FulfillmentDataError.COLLECTED_INVALID,
      'The customer takes nothing: leave the order on the shelf instead of handing it over.',
    );
  }
  // Everything taken is a full pickup: nothing to record per line.
  if (lines.every(({ line, quantity }) => quantity === line.pickedQuantity)) return undefined;
  return lines.map(({ line, quantity }) => ({ lineId: line.id, quantity }));
}

export function markShipped(
  scope: FulfillmentScope,
  id: string,
  shipment: Shipment,
  worker: Worker,
): Promise<FulfillmentOrder> {
  return change(scope, id, (fo) => ({ ...move(scope, worker, F.SHIPPED)(fo), shipment }));
}

/** The products of an order's lines, by SKU: barcodes for scan matching and department for the walk. */
export async function productsForLines(
  scope: FulfillmentScope,
  orders: readonly FulfillmentOrder[],
): Promise<Map<string, Product>> {
  const ids = [...new Set(orders.flatMap((o) => o.lines.map((l) => l.productId)))];
  const found = await scope.db.products.findByIds(ids).exec();
  const bySku = new Map<string, Product>();
  for (const doc of found.values()) bySku.set(doc.sku, doc.toJSON() as Product);
  return bySku;
}

/** The store's own address for the "from" block of a shipping label. */
export async function storeAddress(scope: FulfillmentScope): Promise<ConfigOf<'store'>['payload'] | undefined> {
  const docs = await scope.db.config.find({ selector: { kind: 'store' } }).exec();
  const mine = docs
    .map((d) => d.toJSON() as ConfigOf<'store'>)
    .find((d) => d.id === scope.storeId || d.storeId === scope.storeId);
  return mine?.payload;
}
