// The money side of a hand-over, read from the replica so it works offline: the fulfillment
// order's server-kept `settlement` (or, on an older document, the web order and its payments)
// gives the balance due; the tenders taken for it at the counter become payment documents of the
// web order before the order is marked picked up.
import type { FulfillmentOrder, Order, Payment } from '../../../shared/schemas';
import { paymentFromTender, type SaleTender } from '../../../shared/orders/sale-documents';
import {
  assertBalancePaid,
  settlePart,
  settlePickup,
  type PickupSettlement,
} from '../../../shared/orders/pickup-settlement';
import type { FulfillmentScope, Worker } from './fulfillment-scope';

/** Units handed over per web-order line: all picked units, or the partial pickup's counts. */
export function takenUnits(fo: FulfillmentOrder, collected?: Record<string, number>) {
  return fo.lines
    .filter((l) => l.pickedQuantity > 0)
    .map((l) => ({ orderLineId: l.orderLineId, quantity: collected?.[l.id] ?? l.pickedQuantity }));
}

/**
 * What the customer owes for this hand-over. From the part's `settlement`, which the server keeps
 * current on the fulfillment order (so a store the part was re-routed to, which holds neither the
 * web order nor its payments, collects the right balance), plus the order's payments on this
 * register the server had not counted yet. A document from before the field existed is settled
 * from the web order and its payments on the replica; undefined when neither is here.
 */
export async function settlementFor(
  scope: FulfillmentScope,
  fo: FulfillmentOrder,
  collected?: Record<string, number>,
): Promise<PickupSettlement | undefined> {
  const payments = (await scope.db.payments.find({ selector: { orderId: fo.orderId } }).exec()).map(
    (d) => d.toJSON() as Payment,
  );
  if (fo.settlement) return settlePart(fo.settlement, takenUnits(fo, collected), payments);
  const orderDoc = await scope.db.orders.findOne(fo.orderId).exec();
  if (!orderDoc) return undefined;
  const order = orderDoc.toJSON() as Order;
  return settlePickup(order, takenUnits(fo, collected), payments);
}

export interface CounterPayment {
  /** Tenders taken at the counter for the balance (cash, card, …), as the sale's pay pad makes them. */
  tenders: readonly SaleTender[];
  /** The open till shift, so cash lands in its drawer count. */
  shiftId: string | undefined;
}

/**
 * Checks the tenders pay the balance and stores them as the web order's payments (idempotent by
 * tender id: a retried hand-over writes nothing twice). Returns the record for the hand-over.
 */
export async function recordCounterPayment(
  scope: FulfillmentScope,
  fo: FulfillmentOrder,
  collected: Record<string, number> | undefined,
  counter: CounterPayment | undefined,
  worker: Worker,
): Promise<NonNullable<FulfillmentOrder['handover']>['payment']> {
  const tenders = counter?.tenders ?? [];
  const written = new Set(tenders.map((t) => t.id));
  // Tenders of an earlier, interrupted attempt are already among the order's payments: count them once.
  const before = await settlementFor(scope, fo, collected);
  if (!before) return undefined;
  const existing = await scope.db.payments.findByIds([...written]).exec();
  const fresh = tenders.filter((t) => !existing.has(t.id));
  const tendered = fresh.reduce((s, t) => s + t.amount, 0);
  assertBalancePaid(before, tendered);
  const now = new Date().toISOString();
  const docs = fresh.map((t) =>
    paymentFromTender(t, {
      orderId: fo.orderId,
      storeId: scope.storeId,
      registerId: undefined,
      deviceId: scope.deviceId,
      shiftId: counter?.shiftId,
      currency: before.currency,
      staffId: worker.staffId,
      now,
    }),
  );
  if (docs.length) await scope.db.payments.bulkInsert(docs);
  const collectedHere = tenders.reduce((s, t) => s + t.amount, 0);
  return {
    currency: before.currency,
    value: before.value,
    balanceCollected: collectedHere,
    capture: before.capture,
    paymentIds: tenders.map((t) => t.id),
  };
}
