// What follows a fulfillment order change pushed by a store, inside the push's own transaction
// (wired as one step of the push path's afterWrite): a rejection, a short pick or a missed
// acceptance deadline re-routes the remainder to other stores (up to maxReroutes, then an
// exception); a handover consumes the reservation and queues the card capture; ready/shipped
// queue the customer's e-mail; the order's status is rolled up. Each consequence happens once
// (firstTime markers), however often the same state is pushed.
import type { FulfillmentOrder } from '../../shared/schemas/fulfillment-orders';
import type { Order } from '../../shared/schemas/orders';
import { nextWebOrderStatus } from '../../shared/orders/rollup';
import type { WebOrderStatus } from '../../shared/orders/statuses';
import { PlanKind } from '../../shared/routing';
import { enqueueJob } from '../jobs/outbox';
import { firstTime } from '../jobs/queue';
import type { StoredDocument, WriteTx } from '../storage/storage';
import type { Orchestration } from './context';
import { documentsWhere, SERVER_ACTOR, serverWrite } from './documents';
import { ExceptionReason } from './errors';
import { eventWrite } from './events';
import { raiseException } from './exceptions';
import { placeOrder } from './placement';
import { reservationMoves, writeMovements } from './reservations';
import { existingOrchestration } from './registry';
import { ordersOfPayments, refreshSettlements } from './settlements';
import type { Storage } from '../storage/storage';

export function fulfillmentHook(storage: Storage) {
  return async (tx: WriteTx, collection: string, written: StoredDocument[]): Promise<void> => {
    if (collection === 'payments') {
      // Money taken for a web order (a counter tender, an HQ refund) moves its parts' settlement.
      const o = existingOrchestration(storage);
      const byOrder = o ? ordersOfPayments(written) : new Map<string, Set<string>>();
      if (!o || byOrder.size === 0) return;
      for (const [id, order] of await tx.getDocuments('orders', [...byOrder.keys()]))
        if (!order.deleted && order.data.channel !== 'pos')
          await refreshSettlements(tx, o, id, { storeIds: byOrder.get(id) });
      return;
    }
    if (collection !== 'fulfillment_orders') return;
    const o = existingOrchestration(storage);
    if (!o) return;
    for (const doc of written) {
      if (doc.deleted) continue;
      await onFulfillmentWritten(tx, o, doc.data as unknown as FulfillmentOrder);
    }
  };
}

async function onFulfillmentWritten(tx: WriteTx, o: Orchestration, fo: FulfillmentOrder): Promise<void> {
  const now = o.now();
  const once = (what: string) => firstTime(tx, `${what}:${fo.id}`, o.newId(), now);
  if (fo.status === 'rejected' && (await once('reroute'))) {
    // Units already re-routed as a short pick are elsewhere; only the rest moves now.
    const shortDone = (await tx.query('SELECT id FROM jobs WHERE dedupe_key = ?', [`short:${fo.id}`])).length > 0;
    const remainder = fo.lines
      .map((l) => ({ line: l, quantity: shortDone ? l.quantity - l.shortQuantity : l.quantity }))
      .filter((r) => r.quantity > 0);
    if (remainder.length > 0) await reroute(tx, o, fo, remainder, 'rejected by the store', now);
    else {
      const doc = (await tx.getDocuments('fulfillment_orders', [fo.id])).get(fo.id);
      const closed: FulfillmentOrder = {
        ...fo,
        status: 'rerouted',
        history: [
          ...fo.history,
          { status: 'rerouted' as const, at: now, by: SERVER_ACTOR, reason: 'everything was re-routed as short' },
        ].slice(-200),
        updatedAt: now,
      };
      await tx.putDocuments([
        serverWrite(o.policies, 'fulfillment_orders', closed as unknown as Record<string, unknown>, doc),
      ]);
    }
  } else if (
    fo.lines.some((l) => l.shortQuantity > 0) &&
    !['rerouted', 'cancelled'].includes(fo.status) &&
    (await once('short'))
  ) {
    await reroute(
      tx,
      o,
      fo,
      fo.lines.filter((l) => l.shortQuantity > 0).map((l) => ({ line: l, quantity: l.shortQuantity })),
      'short-picked by the store',
      now,
    );
  }
  if ((fo.status === 'picked_up' || fo.status === 'shipped') && (await once('handover'))) {
    await writeMovements(tx, o, await reservationMoves(tx, o, fo, now, true));
    await enqueueJob(
      tx,
      {
        id: o.newId(),
        kind: 'capture',
        dedupeKey: `capture:${fo.id}`,
        payload: { orderId: fo.orderId, fulfillmentOrderId: fo.id },
      },
      now,
    );
  }
  if (fo.status === 'ready_for_pickup' && (await once('pickup_timers'))) {
    // Timers from the moment it was ready: a reminder, then cancellation if nobody came.
    const after = (ms: number) => new Date(Date.parse(now) + ms).toISOString();
    const payload = { orderId: fo.orderId, fulfillmentOrderId: fo.id };
    await enqueueJob(
      tx,
      {
        id: o.newId(),
        kind: 'pickup_reminder',
        dedupeKey: `pickup_reminder:${fo.id}`,
        payload,
        runAt: after(o.settings.pickupReminderMs),
      },
      now,
    );
    await enqueueJob(
      tx,
      {
        id: o.newId(),
        kind: 'pickup_expire',
        dedupeKey: `pickup_expire:${fo.id}`,
        payload,
        runAt: after(o.settings.pickupExpireMs),
      },
      now,
    );
  }
  if (fo.status === 'ready_for_pickup' || fo.status === 'shipped') {
    const template = fo.status === 'shipped' ? 'shipped' : 'ready_for_pickup';
    await enqueueJob(
      tx,
      {
        id: o.newId(),
        kind: 'notify',
        dedupeKey: `notify:${template}:${fo.id}`,
        payload: { template, orderId: fo.orderId, fulfillmentOrderId: fo.id },
      },
      now,
    );
  }
  await rollUp(tx, o, fo.orderId, now, fo.id);
}

interface Remainder {
  line: FulfillmentOrder['lines'][number];
  quantity: number;
}

/** Moves `remainder` of `fo` to other stores; the store's reservation for it is released. */
export async function reroute(
  tx: WriteTx,
  o: Orchestration,
  fo: FulfillmentOrder,
  remainder: Remainder[],
  why: string,
  now: string,
): Promise<void> {
  const orderDoc = (await tx.getDocuments('orders', [fo.orderId])).get(fo.orderId);
  const order = orderDoc?.data as unknown as Order | undefined;
  if (!order) return;
  const fos = (await documentsWhere(tx, 'fulfillment_orders', 'orderId', fo.orderId)).map(
    (d) => d.data as unknown as FulfillmentOrder,
  );
  const excluded = [
    ...new Set([
      fo.assignedStoreId,
      ...fos.filter((f) => f.status === 'rejected' || f.status === 'rerouted').map((f) => f.assignedStoreId),
    ]),
  ];
  const whole = remainder.every((r) => r.quantity === r.line.quantity) && remainder.length === fo.lines.length;
  // The rejected (or short) units' reservation goes back to the store's shelf count.
  const releases = whole
    ? await reservationMoves(tx, o, fo, now, false)
    : await partialRelease(tx, o, fo, remainder, now);
  await writeMovements(tx, o, releases);
  const at = { orderId: fo.orderId, storeId: fo.assignedStoreId, now };
  const writes = [];
  const foDoc = (await tx.getDocuments('fulfillment_orders', [fo.id])).get(fo.id);
  if (fo.status === 'rejected') {
    const closed: FulfillmentOrder = {
      ...fo,
      status: 'rerouted',
      history: [...fo.history, { status: 'rerouted' as const, at: now, by: SERVER_ACTOR, reason: why }].slice(-200),
      updatedAt: now,
    };
    writes.push(serverWrite(o.policies, 'fulfillment_orders', closed as unknown as Record<string, unknown>, foDoc));
  }
  if (fo.rerouteCount + 1 > o.settings.maxReroutes) {
    await tx.putDocuments(writes);
    await raiseException(
      tx,
      {
        id: o.newId(),
        orderId: fo.orderId,
        channelId: '',
        reason: ExceptionReason.REROUTE_LIMIT,
        message: `Re-routed ${fo.rerouteCount} times already (${why}); place the order by hand or cancel it.`,
        payload: {},
        details: { fulfillmentOrderId: fo.id },
      },
      now,
    );
    return;
  }
  await o.catalog.refresh();
  const store = o.catalog.storeById(order.fulfillment.pickupStoreId ?? fo.assignedStoreId);
  const location = store ? { lat: store.payload.location.lat, lon: store.payload.location.lng } : { lat: 0, lon: 0 };
  const base = {
    order,
    lines: remainder.map((r) => ({
      lineId: r.line.orderLineId,
      sku: r.line.sku,
      quantity: r.quantity,
      productId: r.line.productId,
      name: r.line.name,
    })),
    exclude: excluded,
    customer: fo.customer,
    ...(fo.shippingAddress ? { shippingAddress: fo.shippingAddress } : {}),
    rerouteCount: fo.rerouteCount + 1,
    previousFulfillmentOrderId: fo.id,
    now,
    why: `re-routed: ${why}`,
  };
  const deps = o;
  let placement;
  if (fo.type === 'pickup') {
    // The chosen store is out: the nearest other pickup store that has it all takes it (the
    // customer is told where by the ready-for-pickup e-mail).
    const asked = await placeOrder(tx, deps, {
      ...base,
      destination: { kind: 'pickup', storeId: fo.assignedStoreId, location },
    });
    const nearest = asked.plan.kind === PlanKind.PICKUP_ALTERNATIVES ? asked.plan.alternatives[0] : undefined;
    placement = nearest
      ? await placeOrder(tx, deps, { ...base, destination: { kind: 'pickup', storeId: nearest.storeId, location } })
      : asked;
  } else {
    placement = await placeOrder(tx, deps, { ...base, destination: { kind: 'ship', location } });
  }
  const target = placement.fulfillmentOrders[0];
  writes.push(
    eventWrite(o.policies, o.newId, at, 'fulfillment_rerouted', {
      fromFulfillmentOrderId: fo.id,
      fromStoreId: fo.assignedStoreId,
      reason: why,
      ...(target ? { toFulfillmentOrderId: target.id, toStoreId: target.assignedStoreId } : {}),
    }),
  );
  await tx.putDocuments(writes);
  if (placement.plan.kind !== PlanKind.ROUTED) {
    await raiseException(
      tx,
      {
        id: o.newId(),
        orderId: fo.orderId,
        channelId: '',
        reason: ExceptionReason.NO_ROUTE,
        message: `No other store can take the work ${why}.`,
        payload: {},
        details: { fulfillmentOrderId: fo.id },
      },
      now,
    );
  }
}

async function partialRelease(
  tx: WriteTx,
  o: Orchestration,
  fo: FulfillmentOrder,
  remainder: Remainder[],
  now: string,
) {
  const reserved = await tx.getDocuments('inventory_movements', fo.reservationMovementIds);
  const writes = [];
  for (const r of remainder) {
    const m = [...reserved.values()].map((d) => d.data).find((d) => d.sku === r.line.sku && d.type === 'reservation');
    if (!m) continue;
    const release = {
      id: o.newId(),
      storeId: fo.assignedStoreId,
      sku: r.line.sku,
      type: 'release',
      quantity: -r.quantity,
      referenceType: 'fulfillment_order',
      referenceId: fo.id,
      deviceId: SERVER_ACTOR.deviceId,
      reason: `short pick: order ${fo.orderNumber}`,
      createdAt: now,
      updatedAt: now,
    };
    writes.push(serverWrite(o.policies, 'inventory_movements', release));
  }
  return writes;
}

const HANDED_OVER: ReadonlySet<string> = new Set(['picked_up', 'shipped']);
const STILL_OPEN: ReadonlySet<string> = new Set(['created', 'allocated', 'picking', 'picked', 'ready_for_pickup']);

/**
 * Queues the order's capture job (once per order) when its last open part has just closed without
 * a hand-over — cancelled (HQ, pickup deadline) or its lines cancelled — after other parts were
 * handed over: what those recorded is captured and the rest released. A hand-over queues its own.
 */
export async function queueCaptureIfClosed(
  tx: WriteTx,
  o: Orchestration,
  orderId: string,
  fos: readonly Pick<FulfillmentOrder, 'status'>[],
  now: string,
): Promise<boolean> {
  if (fos.some((f) => STILL_OPEN.has(f.status)) || !fos.some((f) => HANDED_OVER.has(f.status))) return false;
  await enqueueJob(
    tx,
    { id: o.newId(), kind: 'capture', dedupeKey: `capture:order:${orderId}`, payload: { orderId } },
    now,
  );
  return true;
}

/**
 * The order's status follows its fulfillment orders (shared/orders/rollup); a closed order's
 * capture is queued; the open parts' `settlement` follows the parts handed over (not the part a
 * register just pushed, `pushedFoId`: see refreshSettlements).
 */
export async function rollUp(
  tx: WriteTx,
  o: Orchestration,
  orderId: string,
  now: string,
  pushedFoId?: string,
): Promise<void> {
  const stored = (await tx.getDocuments('orders', [orderId])).get(orderId);
  const order = stored?.data as unknown as Order | undefined;
  if (!stored || !order || order.channel === 'pos') return;
  const fos = (await documentsWhere(tx, 'fulfillment_orders', 'orderId', orderId)).map(
    (d) => d.data as unknown as FulfillmentOrder,
  );
  await queueCaptureIfClosed(tx, o, orderId, fos, now);
  await refreshSettlements(tx, o, orderId, { fulfillmentOrderId: pushedFoId });
  let next: WebOrderStatus | undefined;
  try {
    next = nextWebOrderStatus(order.status as WebOrderStatus, fos);
  } catch {
    return; // a move the lifecycle forbids: leave the order as it is rather than refuse the store's push
  }
  if (!next) return;
  await tx.putDocuments([
    serverWrite(
      o.policies,
      'orders',
      { ...order, status: next, updatedAt: now } as unknown as Record<string, unknown>,
      stored,
    ),
    eventWrite(o.policies, o.newId, { orderId, storeId: order.storeId, now }, 'status_changed', {
      from: order.status,
      to: next,
      reason: 'follows its fulfillment orders',
    }),
  ]);
}
