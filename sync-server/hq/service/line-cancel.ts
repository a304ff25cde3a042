// Cancelling some lines of a web order from its page: the lines leave the order (totals derived
// again) and their fulfillment orders (an emptied one is cancelled), their reservations are
// released, a captured card is refunded the difference, a service_action event says who, why
// and which lines, and hq_cancelled_lines keeps each line with who and when — all in one
// transaction after the gateway call. A line a hand-over or shipment gave the customer units of
// cannot be cancelled (409 HQ_LINE_FULFILLED); it is returned instead. A line a handed-over part
// held without giving any (short-picked there and re-routed, or left behind) can be cancelled.
import { deriveOrderTotals, storedLineFigures } from '../../../shared/pricing/order-totals';
import type { FulfillmentOrder } from '../../../shared/schemas/fulfillment-orders';
import type { InventoryMovement } from '../../../shared/schemas/inventory';
import type { Order } from '../../../shared/schemas/orders';
import type { Payment } from '../../../shared/schemas/payments';
import type { Orchestration } from '../../orchestration/context';
import { documentsWhere, SERVER_ACTOR, serverWrite } from '../../orchestration/documents';
import { eventWrite } from '../../orchestration/events';
import { rollUp } from '../../orchestration/fulfillment-changes';
import { FINAL_ORDER, OPEN_FO } from '../../orchestration/hq-actions';
import { reservationMoves, writeMovements } from '../../orchestration/reservations';
import { capturedAmounts, fail, loadOrder, orderPayments, paidAndRefunded } from '../../orchestration/service-actions';
import type { ServiceActor } from '../../orchestration/service-actions';
import type { DocumentWrite, StoredDocument, WriteTx } from '../../storage/storage';
import { HqError } from '../errors';
import { gatewayCard, gatewayRefund, recorded, serviceCancel, serviceEvent, writePayments } from './money-actions';

const HANDED_OVER: readonly string[] = ['picked_up', 'shipped'];

export interface LineCancelResult {
  order: Order;
  payment: 'refunded' | 'reduced' | 'none' | 'voided';
  amount: number;
}

/** The order without the cancelled lines, its totals derived again; refuses what cannot go. */
function remainingOrder(order: Order, lineIds: readonly string[], now: string): Order {
  if (order.channel === 'pos')
    fail(HqError.CONFLICT, 'A point-of-sale sale is returned at a register, not cancelled here.');
  if (FINAL_ORDER.includes(order.status))
    fail(HqError.CONFLICT, `Order ${order.orderNumber} is ${order.status}; its lines can no longer be cancelled.`);
  for (const id of lineIds)
    if (!order.lines.some((l) => l.id === id))
      fail(HqError.INVALID_INPUT, `The order has no line ${id} (cancelled already?); reload the order.`, {
        field: 'lineIds',
      });
  const lines = order.lines.filter((l) => !lineIds.includes(l.id));
  const next: Order = { ...order, lines, updatedAt: now };
  if (order.totals) {
    const t = deriveOrderTotals(next);
    next.totals = {
      ...order.totals,
      subtotal: t.subtotal,
      discountTotal: t.discountTotal,
      taxTotal: t.taxTotal,
      total: t.total,
    };
  }
  return next;
}

/**
 * Units of a line a handed-over part gave the customer: a shipment its picked units (all but the
 * short ones, when none were counted); a pickup the units collected (partial pickup), else its picked units. A line
 * short-picked at a store that then handed its part over gave nothing there.
 */
function unitsHandedOver(fo: FulfillmentOrder, line: FulfillmentOrder['lines'][number]): number {
  if (fo.status === 'shipped') return line.pickedQuantity || line.quantity - line.shortQuantity;
  const collected = fo.handover?.collected?.find((c) => c.lineId === line.id);
  return collected ? collected.quantity : line.pickedQuantity;
}

/** Refuses lines any handed-over part gave the customer a unit of (they are returned instead). */
function refuseHandedOver(fos: readonly FulfillmentOrder[], order: Order, lineIds: readonly string[]): void {
  for (const fo of fos) {
    if (!HANDED_OVER.includes(fo.status)) continue;
    const line = fo.lines.find((l) => lineIds.includes(l.orderLineId) && unitsHandedOver(fo, l) > 0);
    if (line)
      fail(
        HqError.LINE_FULFILLED,
        `${order.lines.find((l) => l.id === line.orderLineId)?.name ?? line.sku} is already ${fo.status.replace('_', ' ')}: make a return authorisation instead.`,
        { lineId: line.orderLineId, fulfillmentOrderId: fo.id },
      );
  }
}

/**
 * The fulfillment orders without the cancelled lines, and the stock movements: each reservation
 * of a cancelled SKU is released whole, and what the remaining lines still need of it is
 * reserved again, so the fulfillment order's reservation list stays exact for its hand-over.
 */
async function fulfillmentChanges(
  tx: WriteTx,
  o: Orchestration,
  docs: readonly StoredDocument[],
  lineIds: readonly string[],
  why: string,
  now: string,
): Promise<{ writes: DocumentWrite[]; moves: DocumentWrite[]; events: DocumentWrite[] }> {
  const writes: DocumentWrite[] = [];
  const moves: DocumentWrite[] = [];
  const events: DocumentWrite[] = [];
  for (const doc of docs) {
    const fo = doc.data as unknown as FulfillmentOrder;
    if (!OPEN_FO.includes(fo.status) || !fo.lines.some((l) => lineIds.includes(l.orderLineId))) continue;
    const lines = fo.lines.filter((l) => !lineIds.includes(l.orderLineId));
    const skus = new Set(fo.lines.filter((l) => lineIds.includes(l.orderLineId)).map((l) => l.sku));
    const reserved = await tx.getDocuments('inventory_movements', fo.reservationMovementIds);
    const released: string[] = [];
    const keep: string[] = [];
    const storeOf = new Map<string, string>();
    for (const id of fo.reservationMovementIds) {
      const m = reserved.get(id)?.data as unknown as InventoryMovement | undefined;
      if (!m || m.type !== 'reservation' || !skus.has(m.sku)) keep.push(id);
      else {
        released.push(id);
        storeOf.set(m.sku, m.storeId);
      }
    }
    // Each reservation of a cancelled SKU is released whole by orchestration's own helper.
    moves.push(...(await reservationMoves(tx, o, { ...fo, reservationMovementIds: released }, now, false)));
    // Lines left that share a released SKU are reserved again.
    for (const sku of skus) {
      const still = lines.filter((l) => l.sku === sku).reduce((n, l) => n + l.quantity, 0);
      if (still === 0) continue;
      const again: InventoryMovement = {
        id: o.newId(),
        storeId: storeOf.get(sku) ?? fo.assignedStoreId,
        sku,
        type: 'reservation',
        quantity: still,
        referenceType: 'fulfillment_order',
        referenceId: fo.id,
        deviceId: SERVER_ACTOR.deviceId,
        reason: `order ${fo.orderNumber}`,
        createdAt: now,
        updatedAt: now,
      };
      moves.push(serverWrite(o.policies, 'inventory_movements', again as unknown as Record<string, unknown>));
      keep.push(again.id);
    }
    const status = lines.length === 0 ? ('cancelled' as const) : fo.status;
    const next: FulfillmentOrder = {
      ...fo,
      // An emptied part is cancelled with its lines kept as they were (a part lists at least one).
      lines: lines.length > 0 ? lines : fo.lines,
      status,
      reservationMovementIds: keep,
      history: [
        ...fo.history,
        { status, at: now, by: SERVER_ACTOR, reason: `lines cancelled: ${why}`.slice(0, 200) },
      ].slice(-200),
      updatedAt: now,
    };
    writes.push(serverWrite(o.policies, 'fulfillment_orders', next as unknown as Record<string, unknown>, doc));
    if (status === 'cancelled')
      events.push(
        eventWrite(o.policies, o.newId, { orderId: fo.orderId, storeId: fo.assignedStoreId, now }, 'status_changed', {
          from: fo.status,
          to: 'cancelled',
          fulfillmentOrderId: fo.id,
          reason: `its lines were cancelled: ${why}`.slice(0, 200),
        }),
      );
  }
  return { writes, moves, events };
}

export async function cancelLines(
  o: Orchestration,
  orderId: string,
  input: { lineIds: string[]; reason: string },
  by: ServiceActor,
): Promise<LineCancelResult> {
  const lineIds = [...new Set(input.lineIds)];
  const before = await loadOrder(o.storage, orderId);
  const after = remainingOrder(before, lineIds, o.now());
  if (after.lines.length === 0) {
    // Every line: that is the whole order.
    const whole = await serviceCancel(o, orderId, input.reason, by);
    return { order: whole.order, payment: whole.payment, amount: before.totals?.total ?? 0 };
  }
  const fos = (await documentsWhere(o.storage, 'fulfillment_orders', 'orderId', orderId)).map(
    (d) => d.data as unknown as FulfillmentOrder,
  );
  refuseHandedOver(fos, before, lineIds);
  const amount = Math.max(0, (before.totals?.total ?? 0) - (after.totals?.total ?? 0));
  const payments = await orderPayments(o.storage, orderId);
  const card = gatewayCard(payments);
  const captures = await capturedAmounts(o.storage, orderId);
  const { paid, refunded } = paidAndRefunded(payments, captures);
  let refund: Payment | undefined;
  const isCaptured = card ? captures.size > 0 : false;
  if (card && isCaptured && Math.min(amount, paid - refunded) > 0)
    refund = await gatewayRefund(
      o,
      before,
      card,
      Math.min(amount, paid - refunded),
      `cancel-lines:${orderId}:${[...lineIds].sort().join(',')}`.slice(0, 200),
    );
  const names = before.lines
    .filter((l) => lineIds.includes(l.id))
    .map((l) => `${l.quantity}× ${l.sku}`)
    .join(', ');
  const order = await recorded(
    () =>
      o.storage.write(async (tx) => {
        const now = o.now();
        const stored = (await tx.getDocuments('orders', [orderId])).get(orderId);
        if (!stored || stored.deleted) return fail(HqError.NOT_FOUND, `No order ${orderId}; search for it again.`);
        const current = stored.data as unknown as Order;
        const next = remainingOrder(current, lineIds, now);
        const docs = await documentsWhere(tx, 'fulfillment_orders', 'orderId', orderId);
        refuseHandedOver(
          docs.map((d) => d.data as unknown as FulfillmentOrder),
          current,
          lineIds,
        );
        const changes = await fulfillmentChanges(tx, o, docs, lineIds, input.reason, now);
        await writeMovements(tx, o, changes.moves);
        await writePayments(tx, o, refund ? [refund] : []);
        await tx.putDocuments([
          ...changes.writes,
          ...changes.events,
          serverWrite(o.policies, 'orders', next as unknown as Record<string, unknown>, stored),
          serviceEvent(
            o,
            next,
            {
              action: 'cancelled',
              reason: `lines ${names}: ${input.reason}`.slice(0, 200),
              amount,
              ...(refund ? { method: 'card_refund' as const, paymentId: refund.id } : {}),
            },
            by,
            now,
          ),
        ]);
        // The lines leave the order: this table is where the order page finds them again.
        for (const line of current.lines.filter((l) => lineIds.includes(l.id)))
          await tx.query(
            `INSERT INTO hq_cancelled_lines (order_id, line_id, sku, name, quantity, amount, reason, cancelled_by, cancelled_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id, line_id) DO NOTHING`,
            [
              orderId,
              line.id,
              line.sku,
              line.name,
              line.quantity,
              storedLineFigures(line, current).total,
              input.reason.slice(0, 200),
              by.email,
              now,
            ],
          );
        // The remaining fulfillment orders may all be handed over already: the order follows them.
        await rollUp(tx, o, orderId, now);
        return next;
      }),
    refund ? 'The refund went through' : undefined,
  );
  return { order, payment: refund ? 'refunded' : card && !isCaptured ? 'reduced' : 'none', amount };
}
