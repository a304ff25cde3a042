// Customer service on an order from the HQ console: cancel (reservations released, card voided,
// or refunded when already captured), appeasement (card refund or store credit, within the
// caller's role limit), return authorisation (an RA number any store's returns desk looks up),
// and re-ship of a lost parcel. Each leaves a service_action order event naming who and why.
import { randomBytes } from 'node:crypto';
import { DomainError, isDomainError } from '../../shared/errors';
import { money } from '../../shared/money';
import { appeasementLimit, formatRaNumber, type ReturnAuthorisation, type ServiceRole } from '../../shared/hq/service';
import type { FulfillmentOrder } from '../../shared/schemas/fulfillment-orders';
import type { Order } from '../../shared/schemas/orders';
import type { Payment } from '../../shared/schemas/payments';
import { PlanKind } from '../../shared/routing';
import { HQ_PRINCIPAL } from '../auth/auth-service';
import { HqError } from '../hq/errors';
import { pushBatch } from '../replication/push';
import type { Storage, WriteTx } from '../storage/storage';
import type { Orchestration } from './context';
import { documentsWhere } from './documents';
import { OrdersError } from './errors';
import { eventWrite } from './events';
import { cancelOrder } from './hq-actions';
import { placeOrder } from './placement';

export interface ServiceActor {
  userId: string;
  email: string;
  role: ServiceRole;
}

type Db = Pick<Storage, 'query'> | Pick<WriteTx, 'query'>;

const RA_VALID_DAYS = 30;
const HQ_DEVICE = 'hq-console';

function fail(code: (typeof HqError)[keyof typeof HqError], message: string, details?: Record<string, unknown>): never {
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

async function loadOrder(storage: Storage, orderId: string): Promise<Order> {
  const stored = (await storage.getDocuments('orders', [orderId])).get(orderId);
  if (!stored || stored.deleted) fail(HqError.NOT_FOUND, `No order ${orderId}; search for it again.`);
  return stored.data as unknown as Order;
}

async function orderPayments(storage: Storage, orderId: string): Promise<Payment[]> {
  return (await storage.findByLookup('payments', orderId, 1000)).map((d) => d.data as unknown as Payment);
}

/** What the customer paid and what has gone back (card refunds, store credit) on this order. */
export function paidAndRefunded(payments: readonly Payment[]): { paid: number; refunded: number } {
  let paid = 0;
  let refunded = 0;
  for (const p of payments) {
    if (p.kind === 'sale' && ['approved', 'refunded', 'pending_offline'].includes(p.status)) paid += p.amount;
    if (p.kind === 'refund' && p.status === 'approved') refunded += p.amount;
  }
  return { paid, refunded };
}

async function captured(storage: Storage, orderId: string): Promise<boolean> {
  const events = await storage.query<{ n: number | string }>(
    {
      sqlite: `SELECT COUNT(*) AS n FROM documents WHERE collection = 'order_events' AND deleted = 0
        AND json_extract(data, '$.orderId') = ? AND json_extract(data, '$.type') = 'payment_captured'`,
      postgres: `SELECT COUNT(*) AS n FROM documents WHERE collection = 'order_events' AND NOT deleted
        AND (data::jsonb ->> 'orderId') = ? AND (data::jsonb ->> 'type') = 'payment_captured'`,
    },
    [orderId],
  );
  return Number(events[0]?.n ?? 0) > 0;
}

async function writeServiceEvent(
  o: Orchestration,
  order: Order,
  payload: Omit<Parameters<typeof eventWrite<'service_action'>>[4], 'by'>,
  by: ServiceActor,
): Promise<string> {
  const write = eventWrite(
    o.policies,
    o.newId,
    { orderId: order.id, storeId: order.storeId, now: o.now() },
    'service_action',
    { ...payload, by: { userId: by.userId.slice(0, 64), email: by.email.slice(0, 200), role: by.role } },
  );
  await o.storage.write((tx) => tx.putDocuments([write]));
  return write.id;
}

/** Writes payment documents through the push path so balances (store credit) are projected. */
async function pushPayments(o: Orchestration, docs: readonly Payment[]): Promise<void> {
  const policy = o.policies.get('payments');
  if (!policy) throw new Error('No policy for payments');
  const result = await pushBatch(
    o.storage,
    policy,
    HQ_PRINCIPAL,
    docs.map((d) => ({ newDocumentState: { ...(d as unknown as Record<string, unknown>), _deleted: false } })),
    o.afterWrite,
  );
  const rejected = result.rejected[0];
  if (rejected) throw new Error(`Payment refused: ${rejected.message} (${rejected.field})`);
}

/** Refunds `amount` to the order's captured card; returns the refund payment written. */
async function refundCard(
  o: Orchestration,
  order: Order,
  sale: Payment,
  amount: number,
  key: string,
): Promise<Payment> {
  if (!sale.gateway || !sale.card)
    fail(HqError.CONFLICT, 'This card was charged on the shop platform, not here: refund it in the platform.');
  // capture() of an already captured authorisation only repeats its capture id.
  const { captureId } = await o.payments.gateway.capture({ authorizationId: sale.gateway.reference });
  let result;
  try {
    result = await o.payments.gateway.refund({
      idempotencyKey: key,
      captureId,
      amount: money(amount, order.currency),
    });
  } catch (error) {
    if (isDomainError(error)) fail(HqError.PAYMENT_FAILED, error.message);
    throw error;
  }
  if (result.status !== 'approved')
    fail(HqError.PAYMENT_FAILED, 'message' in result ? result.message : 'The bank refused the refund.');
  const now = o.now();
  const refund: Payment = {
    id: key,
    orderId: order.id,
    storeId: order.storeId,
    deviceId: HQ_DEVICE,
    kind: 'refund',
    method: 'card',
    status: 'approved',
    amount,
    currency: order.currency,
    card: { ...sale.card },
    gateway: { name: sale.gateway.name, reference: result.refundId },
    refundsPaymentId: sale.id,
    createdAt: now,
    updatedAt: now,
  };
  await pushPayments(o, [refund]);
  return refund;
}

export async function serviceCancel(
  o: Orchestration,
  orderId: string,
  reason: string,
  by: ServiceActor,
): Promise<{ order: Order; payment: 'voided' | 'refunded' | 'none' }> {
  let result;
  try {
    result = await cancelOrder(o, orderId, `${reason} (${by.email})`.slice(0, 200));
  } catch (error) {
    throw asHqError(error);
  }
  const order = result.order;
  let payment: 'voided' | 'refunded' | 'none' = result.voided ? 'voided' : 'none';
  let paymentId: string | undefined;
  let amount: number | undefined;
  if (!result.voided) {
    const payments = await orderPayments(o.storage, orderId);
    const card = payments.find((p) => p.kind === 'sale' && p.method === 'card' && p.gateway);
    const { paid, refunded } = paidAndRefunded(payments);
    if (card && paid - refunded > 0 && (await captured(o.storage, orderId))) {
      const refund = await refundCard(o, order, card, paid - refunded, o.newId());
      payment = 'refunded';
      paymentId = refund.id;
      amount = refund.amount;
    }
  }
  await writeServiceEvent(
    o,
    order,
    {
      action: 'cancelled',
      reason,
      ...(payment === 'none' ? {} : { method: payment === 'voided' ? ('void' as const) : ('card_refund' as const) }),
      ...(paymentId ? { paymentId } : {}),
      ...(amount !== undefined ? { amount } : {}),
    },
    by,
  );
  return { order, payment };
}

async function customerIdFor(o: Orchestration, order: Order, given: string | undefined): Promise<string> {
  if (given) {
    const doc = (await o.storage.getDocuments('customers', [given])).get(given);
    if (!doc || doc.deleted) fail(HqError.INVALID_INPUT, `No customer ${given}.`, { field: 'customerId' });
    return given;
  }
  if (order.customerId) return order.customerId;
  if (order.customerEmail) {
    const rows = await o.storage.query<{ id: string }>(
      {
        sqlite: `SELECT id FROM documents WHERE collection = 'customers' AND deleted = 0
          AND lower(json_extract(data, '$.email')) = ? ORDER BY seq LIMIT 1`,
        postgres: `SELECT id FROM documents WHERE collection = 'customers' AND NOT deleted
          AND lower(data::jsonb ->> 'email') = ? ORDER BY seq LIMIT 1`,
      },
      [order.customerEmail.toLowerCase()],
    );
    if (rows[0]) return rows[0].id;
  }
  return fail(
    HqError.INVALID_INPUT,
    'This order has no customer record to hold store credit: create the customer (or pick one), or refund to the card.',
    { field: 'customerId' },
  );
}

export interface AppeasementInput {
  amount: number;
  method: 'card_refund' | 'store_credit';
  reason: string;
  customerId?: string | undefined;
}

export async function appease(
  o: Orchestration,
  orderId: string,
  input: AppeasementInput,
  by: ServiceActor,
): Promise<{ payment: Payment; eventId: string }> {
  const limit = appeasementLimit(by.role);
  if (input.amount > limit)
    fail(
      HqError.OVER_LIMIT,
      limit === 0
        ? `Your role (${by.role}) cannot give appeasements: ask an operations user or an admin.`
        : `Your limit as ${by.role} is ${(limit / 100).toFixed(2)} per order; ask an admin to give ${(input.amount / 100).toFixed(2)}.`,
      { limit },
    );
  const order = await loadOrder(o.storage, orderId);
  const payments = await orderPayments(o.storage, orderId);
  const { paid, refunded } = paidAndRefunded(payments);
  if (input.amount > paid - refunded)
    fail(
      HqError.INVALID_INPUT,
      `At most ${((paid - refunded) / 100).toFixed(2)} is left to give back on this order (paid ${(paid / 100).toFixed(2)}, given back ${(refunded / 100).toFixed(2)}).`,
      { field: 'amount' },
    );
  let payment: Payment;
  if (input.method === 'card_refund') {
    const card = payments.find((p) => p.kind === 'sale' && p.method === 'card' && p.gateway);
    if (!card) fail(HqError.INVALID_INPUT, 'This order was not paid by card here: give store credit instead.');
    if (!(await captured(o.storage, orderId)))
      fail(
        HqError.CONFLICT,
        'The card is not charged yet (it is charged at pickup or shipment): give store credit, or cancel lines.',
      );
    payment = await refundCard(o, order, card, input.amount, o.newId());
  } else {
    const customerId = await customerIdFor(o, order, input.customerId);
    const now = o.now();
    payment = {
      id: o.newId(),
      orderId: order.id,
      storeId: order.storeId,
      deviceId: HQ_DEVICE,
      kind: 'refund',
      method: 'store_credit',
      status: 'approved',
      amount: input.amount,
      currency: order.currency,
      storeCreditCustomerId: customerId,
      createdAt: now,
      updatedAt: now,
    };
    await pushPayments(o, [payment]);
  }
  const eventId = await writeServiceEvent(
    o,
    order,
    { action: 'appeasement', reason: input.reason, amount: input.amount, method: input.method, paymentId: payment.id },
    by,
  );
  return { payment, eventId };
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
