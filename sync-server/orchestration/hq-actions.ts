// What HQ does to orders and exceptions: cancel an order (fulfillment orders cancelled,
// reservations released, card voided, customer told), retry or cancel an exception.
import { DomainError } from '../../shared/errors';
import type { FulfillmentOrder } from '../../shared/schemas/fulfillment-orders';
import type { Order } from '../../shared/schemas/orders';
import type { Payment } from '../../shared/schemas/payments';
import { PlanKind } from '../../shared/routing';
import { enqueueJob } from '../jobs/outbox';
import { channelById } from './channel-keys';
import type { Orchestration } from './context';
import { documentsWhere, SERVER_ACTOR, serverWrite } from './documents';
import { ExceptionReason, OrdersError } from './errors';
import { eventWrite } from './events';
import { queueCaptureIfClosed } from './fulfillment-changes';
import { closeExceptions, ExceptionStatus, getException, raiseException, type OrderException } from './exceptions';
import { placeNewOrder } from './intake';
import type { IntakePayload } from './intake-schema';
import { placeOrder } from './placement';
import { refreshSettlements } from './settlements';
import { reservationMoves, writeMovements } from './reservations';
import type { Storage, WriteTx } from '../storage/storage';

export const FINAL_ORDER: readonly string[] = ['fulfilled', 'cancelled', 'rejected'];
export const OPEN_FO: readonly string[] = ['created', 'allocated', 'picking', 'picked', 'ready_for_pickup', 'rejected'];

export async function cancelOrder(
  o: Orchestration,
  orderId: string,
  why: string,
): Promise<{ order: Order; voided: boolean }> {
  const result = await cancelOrderIf(o, orderId, why);
  if (!result) throw new Error('cancelOrderIf without a condition always answers');
  return result;
}

/**
 * Cancels the order; with `whileReady`, only if that fulfillment order is still waiting for its
 * customer when the transaction reads it (the pickup deadline must not cancel an order handed over
 * a moment earlier) — otherwise nothing changes and the answer is undefined. The card
 * authorisation is voided after the commit and the void recorded as an order event.
 */
export async function cancelOrderIf(
  o: Orchestration,
  orderId: string,
  why: string,
  whileReady?: string,
): Promise<{ order: Order; voided: boolean } | undefined> {
  const now = o.now();
  const result = await o.storage.write((tx) => cancelInTx(tx, o, orderId, why, now, whileReady));
  if (!result) return undefined;
  // Parts already handed over: the capture job takes what they recorded and releases the rest.
  const reference = result.captureQueued ? undefined : result.payment?.gateway?.reference;
  const voided = reference ? await o.payments.void(reference) : false;
  if (voided && result.payment) {
    const payment = result.payment;
    await o.storage.write(async (tx) => {
      await tx.putDocuments([voidNote(o, orderId, result.storeId, payment, o.now())]);
    });
  }
  return { order: result.order, voided };
}

/** True when some fulfillment order of the order was handed over or shipped. */
export async function anyHandedOver(storage: Storage, orderId: string): Promise<boolean> {
  return (await documentsWhere(storage, 'fulfillment_orders', 'orderId', orderId)).some((d) =>
    ['picked_up', 'shipped'].includes(String(d.data.status)),
  );
}

/** The order event that records a voided card authorisation. */
export function voidNote(o: Orchestration, orderId: string, storeId: string, payment: Payment, now: string) {
  return eventWrite(o.policies, o.newId, { orderId, storeId, now }, 'note', {
    text: `Card authorisation ${payment.gateway?.reference ?? ''} of ${payment.amount} (minor units) voided: the customer is not charged.`,
  });
}

/**
 * The database half of a cancel, inside the caller's transaction: fulfillment orders cancelled,
 * reservations released, the order cancelled with its event, exceptions closed, the customer's
 * notice queued. Answers the order's card payment (if any) for the caller to void — unless some
 * parts were handed over already (`captureQueued`): then the capture job is queued to take what
 * their hand-overs recorded and release the rest, and the caller must not void. Undefined when
 * `whileReady` no longer holds.
 */
export async function cancelInTx(
  tx: WriteTx,
  o: Orchestration,
  orderId: string,
  why: string,
  now: string,
  whileReady?: string,
): Promise<{ order: Order; storeId: string; payment: Payment | undefined; captureQueued: boolean } | undefined> {
  const stored = (await tx.getDocuments('orders', [orderId])).get(orderId);
  if (!stored || stored.deleted) throw new DomainError(OrdersError.NOT_FOUND, `No order ${orderId}; check the id.`);
  const order = stored.data as unknown as Order;
  if (whileReady !== undefined) {
    const waiting = (await tx.getDocuments('fulfillment_orders', [whileReady])).get(whileReady);
    if ((waiting?.data as unknown as FulfillmentOrder | undefined)?.status !== 'ready_for_pickup') return undefined;
  }
  if (order.channel === 'pos')
    throw new DomainError(
      OrdersError.FORBIDDEN,
      'A point-of-sale order is returned at a register, not cancelled here.',
    );
  if (FINAL_ORDER.includes(order.status))
    throw new DomainError(
      OrdersError.EXCEPTION_CLOSED,
      `Order ${order.orderNumber} is ${order.status} and cannot be cancelled.`,
    );
  const fos = (await documentsWhere(tx, 'fulfillment_orders', 'orderId', orderId)).map((d) => ({
    doc: d,
    fo: d.data as unknown as FulfillmentOrder,
  }));
  const moves = [];
  const writes = [];
  const after: FulfillmentOrder['status'][] = [];
  for (const { doc, fo } of fos) {
    if (!OPEN_FO.includes(fo.status)) {
      after.push(fo.status);
      continue;
    }
    moves.push(...(await reservationMoves(tx, o, fo, now, false)));
    const status = fo.status === 'rejected' ? ('rerouted' as const) : ('cancelled' as const);
    after.push(status);
    const next: FulfillmentOrder = {
      ...fo,
      status,
      history: [...fo.history, { status, at: now, by: SERVER_ACTOR, reason: why.slice(0, 200) }].slice(-200),
      updatedAt: now,
    };
    writes.push(serverWrite(o.policies, 'fulfillment_orders', next as unknown as Record<string, unknown>, doc));
  }
  await writeMovements(tx, o, moves);
  const cancelled: Order = { ...order, status: 'cancelled', updatedAt: now };
  writes.push(serverWrite(o.policies, 'orders', cancelled as unknown as Record<string, unknown>, stored));
  writes.push(
    eventWrite(o.policies, o.newId, { orderId, storeId: order.storeId, now }, 'status_changed', {
      from: order.status,
      to: 'cancelled',
      reason: why.slice(0, 200),
    }),
  );
  await tx.putDocuments(writes);
  const captureQueued = await queueCaptureIfClosed(
    tx,
    o,
    orderId,
    after.map((status) => ({ status })),
    now,
  );
  await closeExceptions(tx, orderId, ExceptionStatus.CANCELLED, now);
  const payment = (await documentsWhere(tx, 'payments', 'orderId', orderId))
    .map((d) => d.data as unknown as Payment)
    .find((p) => p.method === 'card' && p.gateway);
  if (order.customerEmail)
    await enqueueJob(
      tx,
      {
        id: o.newId(),
        kind: 'notify',
        dedupeKey: `notify:cancelled:${orderId}`,
        payload: { template: 'cancelled', orderId },
      },
      now,
    );
  return { order: cancelled, storeId: order.storeId, payment, captureQueued };
}

/** Runs the failed step again: intake for a refused order, routing for an order on hold. */
export async function retryException(
  o: Orchestration,
  id: string,
): Promise<{ exception: OrderException | undefined; order: Record<string, unknown> | undefined }> {
  const e = await getException(o.storage, id);
  if (!e) throw new DomainError(OrdersError.NOT_FOUND, `No exception ${id}.`);
  if (e.status !== ExceptionStatus.OPEN)
    throw new DomainError(OrdersError.EXCEPTION_CLOSED, `This exception is already ${e.status}.`);
  const existing = (await o.storage.getDocuments('orders', [e.orderId])).get(e.orderId);
  if (!existing) {
    const channel = await channelById(o.storage, e.channelId);
    if (!channel)
      throw new DomainError(
        OrdersError.FORBIDDEN,
        'The channel this order came from has been revoked; cancel the exception instead.',
      );
    await placeNewOrder(o, channel, e.payload as IntakePayload, e.orderId);
  } else {
    await o.catalog.refresh();
    await rerouteOnHold(o, e);
  }
  const order = (await o.storage.getDocuments('orders', [e.orderId])).get(e.orderId)?.data;
  return { exception: await getException(o.storage, id), order };
}

async function rerouteOnHold(o: Orchestration, e: OrderException): Promise<void> {
  const now = o.now();
  await o.storage.write(async (tx) => {
    const stored = (await tx.getDocuments('orders', [e.orderId])).get(e.orderId);
    const order = stored?.data as unknown as Order | undefined;
    if (!stored || !order || order.status !== 'on_hold')
      throw new DomainError(
        OrdersError.EXCEPTION_CLOSED,
        `The order is ${order?.status ?? 'gone'}, not on hold; nothing to retry.`,
      );
    const fos = (await documentsWhere(tx, 'fulfillment_orders', 'orderId', order.id)).map(
      (d) => d.data as unknown as FulfillmentOrder,
    );
    const placed = new Set(
      fos
        .filter((f) => f.status !== 'rerouted' && f.status !== 'cancelled' && f.status !== 'rejected')
        .flatMap((f) => f.lines.map((l) => l.orderLineId)),
    );
    const excluded = [
      ...new Set(fos.filter((f) => f.status === 'rerouted' || f.status === 'rejected').map((f) => f.assignedStoreId)),
    ];
    const lines = order.lines.filter((l) => !placed.has(l.id));
    const payload = e.payload as IntakePayload | undefined;
    const pickupStoreId = order.fulfillment.pickupStoreId;
    const location = pickupStoreId ? o.catalog.storeById(pickupStoreId)?.payload.location : undefined;
    const shipLocation = payload?.fulfillment.method === 'ship' ? payload.fulfillment.location : undefined;
    const home = o.catalog.storeById(order.storeId)?.payload.location;
    const dest = shipLocation ?? location ?? home ?? { lat: 0, lng: 0 };
    const placement = await placeOrder(tx, o, {
      order,
      lines: lines.map((l) => ({
        lineId: l.id,
        sku: l.sku,
        quantity: l.quantity,
        productId: l.productId,
        name: l.name,
      })),
      destination: pickupStoreId
        ? { kind: 'pickup', storeId: pickupStoreId, location: { lat: dest.lat, lon: dest.lng } }
        : { kind: 'ship', location: { lat: dest.lat, lon: dest.lng } },
      exclude: excluded,
      customer: fos[0]?.customer ?? {
        name: payload?.customer.name ?? 'customer',
        ...(order.customerEmail ? { email: order.customerEmail } : {}),
      },
      ...(order.fulfillment.shippingAddress ? { shippingAddress: order.fulfillment.shippingAddress } : {}),
      rerouteCount: Math.max(0, ...fos.map((f) => f.rerouteCount)),
      now,
      why: 'routed again on HQ retry',
    });
    if (placement.plan.kind !== PlanKind.ROUTED) {
      const message =
        placement.plan.kind === PlanKind.UNROUTABLE
          ? placement.plan.message
          : 'The chosen pickup store still cannot take the order.';
      await raiseException(
        tx,
        {
          ...e,
          reason:
            placement.plan.kind === PlanKind.UNROUTABLE
              ? ExceptionReason.NO_ROUTE
              : ExceptionReason.PICKUP_STORE_UNAVAILABLE,
          message,
          details: {},
        },
        now,
      );
      return;
    }
    const next: Order = { ...order, status: 'allocated', updatedAt: now };
    await tx.putDocuments([
      serverWrite(o.policies, 'orders', next as unknown as Record<string, unknown>, stored),
      eventWrite(o.policies, o.newId, { orderId: order.id, storeId: order.storeId, now }, 'status_changed', {
        from: 'on_hold',
        to: 'allocated',
        reason: 'routed again on HQ retry',
      }),
    ]);
    await closeExceptions(tx, order.id, ExceptionStatus.RESOLVED, now);
    await refreshSettlements(tx, o, order.id);
  });
}

export async function cancelException(o: Orchestration, id: string): Promise<OrderException | undefined> {
  const e = await getException(o.storage, id);
  if (!e) throw new DomainError(OrdersError.NOT_FOUND, `No exception ${id}.`);
  if (e.status !== ExceptionStatus.OPEN)
    throw new DomainError(OrdersError.EXCEPTION_CLOSED, `This exception is already ${e.status}.`);
  const existing = (await o.storage.getDocuments('orders', [e.orderId])).get(e.orderId);
  if (existing) await cancelOrder(o, e.orderId, 'cancelled from the exceptions queue');
  else await closeExceptions(o.storage, e.orderId, ExceptionStatus.CANCELLED, o.now());
  return getException(o.storage, id);
}
