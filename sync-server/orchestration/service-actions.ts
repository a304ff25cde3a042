// Customer service on an order from the HQ console: return authorisation (an RA number any
// store's returns desk looks up) and re-ship of a lost parcel, plus the reads the money actions
// (sync-server/hq/service/money-actions.ts: cancel, line cancel, appeasement) share. Each action
// leaves a service_action order event naming who and why.
import { randomBytes } from 'node:crypto';
import { DomainError, isDomainError } from '../../shared/errors';
import { formatRaNumber, type ReturnAuthorisation, type ServiceRole } from '../../shared/hq/service';
import type { FulfillmentOrder } from '../../shared/schemas/fulfillment-orders';
import type { Order } from '../../shared/schemas/orders';
import type { Payment } from '../../shared/schemas/payments';
import { PlanKind } from '../../shared/routing';
import { HqError } from '../hq/errors';
import type { Storage, WriteTx } from '../storage/storage';
import type { Orchestration } from './context';
import { documentsWhere } from './documents';
import { OrdersError } from './errors';
import { eventWrite } from './events';
import { placeOrder } from './placement';

export interface ServiceActor {
  userId: string;
  email: string;
  role: ServiceRole;
}

type Db = Pick<Storage, 'query'> | Pick<WriteTx, 'query'>;

const RA_VALID_DAYS = 30;

export function fail(
  code: (typeof HqError)[keyof typeof HqError],
  message: string,
  details?: Record<string, unknown>,
): never {
  throw new DomainError(code, message, details);
}

/** Orchestration's refusals in the console's vocabulary (its routes answer HQ codes only). */
export function asHqError(error: unknown): unknown {
  if (!isDomainError(error)) return error;
  if (error.code === OrdersError.NOT_FOUND) return new DomainError(HqError.NOT_FOUND, error.message);
  if (error.code === OrdersError.FORBIDDEN || error.code === OrdersError.EXCEPTION_CLOSED)
    return new DomainError(HqError.CONFLICT, error.message);
  return error;
}

export async function loadOrder(storage: Storage, orderId: string): Promise<Order> {
  const stored = (await storage.getDocuments('orders', [orderId])).get(orderId);
  if (!stored || stored.deleted) fail(HqError.NOT_FOUND, `No order ${orderId}; search for it again.`);
  return stored.data as unknown as Order;
}

export async function orderPayments(storage: Storage, orderId: string): Promise<Payment[]> {
  return (await storage.findByLookup('payments', orderId, 1000)).map((d) => d.data as unknown as Payment);
}

/**
 * What the customer paid and what has gone back (card refunds, store credit) on this order. A web
 * card authorisation counts what was captured from it (`captures`, by payment id) once captured —
 * a partial capture released the rest to the card — and its whole amount while only authorised.
 */
export function paidAndRefunded(
  payments: readonly Payment[],
  captures: ReadonlyMap<string, number> = new Map(),
): { paid: number; refunded: number } {
  let paid = 0;
  let refunded = 0;
  for (const p of payments) {
    if (p.kind === 'sale' && ['approved', 'refunded', 'pending_offline'].includes(p.status))
      paid += captures.get(p.id) ?? p.amount;
    if (p.kind === 'refund' && p.status === 'approved') refunded += p.amount;
  }
  return { paid, refunded };
}

/** Amount captured per payment id, from an order's `payment_captured` events. */
export function capturesOf(events: readonly Record<string, unknown>[]): Map<string, number> {
  const captures = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'payment_captured') continue;
    const { paymentId, amount } = (e.payload ?? {}) as { paymentId?: unknown; amount?: unknown };
    if (typeof paymentId === 'string' && typeof amount === 'number') captures.set(paymentId, amount);
  }
  return captures;
}

/** The order's captures (see `capturesOf`), read from its events. */
export async function capturedAmounts(db: Db, orderId: string): Promise<Map<string, number>> {
  const rows = await db.query<{ data: string | Record<string, unknown> }>(
    {
      sqlite: `SELECT data FROM documents WHERE collection = 'order_events' AND deleted = 0
        AND json_extract(data, '$.orderId') = ? AND json_extract(data, '$.type') = 'payment_captured'`,
      postgres: `SELECT data FROM documents WHERE collection = 'order_events' AND NOT deleted
        AND (data::jsonb ->> 'orderId') = ? AND (data::jsonb ->> 'type') = 'payment_captured'`,
    },
    [orderId],
  );
  return capturesOf(
    rows.map((r) => (typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data)),
  );
}

export async function captured(storage: Storage, orderId: string): Promise<boolean> {
  return (await capturedAmounts(storage, orderId)).size > 0;
}

interface RaRow {
  ra_number: string;
  order_id: string;
  order_number: string;
  store_id: string;
  status: string;
  lines: string;
  reason: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_store_id: string | null;
  used_by: string | null;
  used_return_id: string | null;
}

const toRa = (r: RaRow): ReturnAuthorisation => ({
  raNumber: r.ra_number,
  orderId: r.order_id,
  orderNumber: r.order_number,
  status: r.status as ReturnAuthorisation['status'],
  lines: JSON.parse(r.lines) as ReturnAuthorisation['lines'],
  reason: r.reason,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  ...(r.used_at && r.used_store_id
    ? { used: { at: r.used_at, storeId: r.used_store_id, by: r.used_by ?? '', returnId: r.used_return_id ?? '' } }
    : {}),
});

export async function returnAuthorisationsOf(db: Db, orderId: string): Promise<ReturnAuthorisation[]> {
  const rows = await db.query<RaRow>(
    'SELECT * FROM hq_return_authorisations WHERE order_id = ? ORDER BY created_at, ra_number',
    [orderId],
  );
  return rows.map(toRa);
}

export async function findReturnAuthorisation(db: Db, raNumber: string): Promise<ReturnAuthorisation | undefined> {
  const row = (await db.query<RaRow>('SELECT * FROM hq_return_authorisations WHERE ra_number = ?', [raNumber]))[0];
  return row ? toRa(row) : undefined;
}

const RETURNABLE_STATUSES: readonly string[] = ['completed', 'fulfilled', 'partially_fulfilled'];

export async function authoriseReturn(
  o: Orchestration,
  orderId: string,
  input: { lines: { lineId: string; quantity: number }[]; reason: string },
  by: ServiceActor,
): Promise<ReturnAuthorisation> {
  const order = await loadOrder(o.storage, orderId);
  if (!RETURNABLE_STATUSES.includes(order.status))
    fail(
      HqError.CONFLICT,
      `Order ${order.orderNumber} is ${order.status}: only goods the customer has received can be returned.`,
    );
  const returned = new Map<string, number>();
  for (const doc of await o.storage.findByLookup('returns', orderId, 1000)) {
    const r = doc.data as { status?: string; lines?: { originalLineId?: string; quantity: number }[] };
    if (r.status === 'voided') continue;
    for (const l of r.lines ?? [])
      if (l.originalLineId) returned.set(l.originalLineId, (returned.get(l.originalLineId) ?? 0) + l.quantity);
  }
  for (const ra of await returnAuthorisationsOf(o.storage, orderId)) {
    if (ra.status !== 'open') continue;
    for (const l of ra.lines) returned.set(l.lineId, (returned.get(l.lineId) ?? 0) + l.quantity);
  }
  const lines = input.lines.map((want) => {
    const line = order.lines.find((l) => l.id === want.lineId);
    if (!line) fail(HqError.INVALID_INPUT, `The order has no line ${want.lineId}.`, { field: 'lines' });
    const left = line.quantity - (returned.get(line.id) ?? 0);
    if (want.quantity > left)
      fail(
        HqError.INVALID_INPUT,
        `Only ${left} of ${line.name} can still be returned (bought ${line.quantity}, returned or authorised ${line.quantity - left}).`,
        { field: 'lines' },
      );
    return { lineId: line.id, sku: line.sku, name: line.name, quantity: want.quantity };
  });
  const now = o.now();
  const ra: ReturnAuthorisation = {
    raNumber: formatRaNumber(randomBytes(5)),
    orderId,
    orderNumber: order.orderNumber,
    status: 'open',
    lines,
    reason: input.reason,
    createdBy: by.email,
    createdAt: now,
    expiresAt: new Date(Date.parse(now) + RA_VALID_DAYS * 86_400_000).toISOString(),
  };
  const event = eventWrite(o.policies, o.newId, { orderId, storeId: order.storeId, now }, 'service_action', {
    action: 'return_authorised',
    reason: input.reason,
    raNumber: ra.raNumber,
    by,
  });
  // The RA and its event commit together: no RA without its audit entry.
  await o.storage.write(async (tx) => {
    await tx.query(
      'INSERT INTO hq_return_authorisations (ra_number, order_id, order_number, store_id, status, lines, reason, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        ra.raNumber,
        orderId,
        order.orderNumber,
        order.storeId,
        ra.status,
        JSON.stringify(lines),
        ra.reason,
        ra.createdBy,
        ra.createdAt,
        ra.expiresAt,
      ],
    );
    await tx.putDocuments([event]);
  });
  return ra;
}

/**
 * Ships the lines of a lost parcel again: routes them as a new ship fulfillment order (reserving
 * stock) from the nearest store with stock to the shipping store, at no charge.
 */
export async function reship(
  o: Orchestration,
  orderId: string,
  input: { fulfillmentOrderId: string; reason: string },
  by: ServiceActor,
): Promise<{ fulfillmentOrders: FulfillmentOrder[] }> {
  const order = await loadOrder(o.storage, orderId);
  await o.catalog.refresh();
  const now = o.now();
  return o.storage.write(async (tx) => {
    const lost = (await documentsWhere(tx, 'fulfillment_orders', 'orderId', orderId))
      .map((d) => d.data as unknown as FulfillmentOrder)
      .find((f) => f.id === input.fulfillmentOrderId);
    if (!lost) fail(HqError.NOT_FOUND, 'This order has no such fulfillment order; reload the order.');
    if (lost.type !== 'ship' || lost.status !== 'shipped')
      fail(HqError.CONFLICT, `Only a shipped parcel can be re-shipped; this one is ${lost.type}, ${lost.status}.`);
    // The customer's coordinates are not kept on the order: the store that shipped the lost
    // parcel stands in for the destination, so the re-ship comes from it or its neighbours.
    const from = o.catalog.storeById(lost.assignedStoreId)?.payload.location ?? { lat: 0, lng: 0 };
    const placement = await placeOrder(tx, o, {
      order,
      lines: lost.lines.map((l) => {
        const line = order.lines.find((x) => x.id === l.orderLineId);
        return {
          lineId: l.orderLineId,
          sku: l.sku,
          quantity: l.quantity,
          productId: line?.productId ?? '',
          name: line?.name ?? l.sku,
        };
      }),
      destination: { kind: 'ship', location: { lat: from.lat, lon: from.lng } },
      exclude: [],
      customer: lost.customer,
      ...(lost.shippingAddress ? { shippingAddress: lost.shippingAddress } : {}),
      rerouteCount: 0,
      previousFulfillmentOrderId: lost.id,
      now,
      why: `re-ship of a lost parcel: ${input.reason}`.slice(0, 200),
    });
    if (placement.plan.kind !== PlanKind.ROUTED)
      fail(HqError.CONFLICT, 'No store has the stock to ship these lines again now; try later or give a refund.');
    await tx.putDocuments([
      eventWrite(o.policies, o.newId, { orderId, storeId: order.storeId, now }, 'service_action', {
        action: 'reshipped',
        reason: input.reason,
        fulfillmentOrderId: placement.fulfillmentOrders[0]?.id,
        by,
      }),
    ]);
    return { fulfillmentOrders: placement.fulfillmentOrders };
  });
}
