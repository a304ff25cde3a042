// Reads for the console's orders pages: search over the replicated orders (number, customer,
// channel, store, status, date) and one order with its full event timeline, tenders,
// fulfillment, returns, return authorisations and exceptions.
import { DomainError } from '../../../shared/errors';
import type { OrderDetail, OrderRow, TimelineEntry } from '../../../shared/hq/service';
import { ORDER_CHANNELS, ORDER_STATUSES } from '../../../shared/orders/statuses';
import type { Payment } from '../../../shared/schemas/payments';
import { capturesOf, paidAndRefunded, returnAuthorisationsOf } from '../../orchestration/service-actions';
import type { SqlText, Storage, StoredDocument } from '../../storage/storage';
import type { StoreDirectory } from '../dashboard/store-directory';
import { HqError } from '../errors';
import { settleRaUses } from './ra-use';
import { field } from '../input';
import { receiptEmailsOf } from '../../jobs/receipt-email';

/** The JSON field of `documents.data` as text, per dialect. */
function jf(path: string): { sqlite: string; postgres: string } {
  const parts = path.split('.');
  const pg =
    parts.length === 1
      ? `(data::jsonb ->> '${parts[0]}')`
      : `(data::jsonb ${parts
          .slice(0, -1)
          .map((p) => `-> '${p}'`)
          .join(' ')} ->> '${parts[parts.length - 1]}')`;
  return { sqlite: `json_extract(data, '$.${path}')`, postgres: pg };
}

const LIVE = { sqlite: 'deleted = 0', postgres: 'NOT deleted' };

export interface OrderSearch {
  number?: string;
  customer?: string;
  channel?: string;
  storeId?: string;
  status?: string;
  from?: string;
  to?: string;
  limit: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function optionalText(query: unknown, name: string, max = 100): string | undefined {
  const value = field(query, name);
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > max || value.includes('\u0000'))
    throw new DomainError(HqError.INVALID_INPUT, `${name} is text of at most ${max} characters.`, { field: name });
  return value.trim();
}

function oneOf(query: unknown, name: string, allowed: readonly string[]): string | undefined {
  const value = optionalText(query, name);
  if (value !== undefined && !allowed.includes(value))
    throw new DomainError(HqError.INVALID_INPUT, `${name} is one of: ${allowed.join(', ')}.`, { field: name });
  return value;
}

function dayParam(query: unknown, name: string): string | undefined {
  const value = optionalText(query, name);
  if (value !== undefined && (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))))
    throw new DomainError(HqError.INVALID_INPUT, `${name} is a date written YYYY-MM-DD.`, { field: name });
  return value;
}

export function parseOrderSearch(query: unknown, stores: StoreDirectory): OrderSearch {
  const store = optionalText(query, 'store');
  let storeId: string | undefined;
  if (store) {
    storeId = stores.list().find((s) => s.id === store || s.code.toUpperCase() === store.toUpperCase())?.id;
    if (!storeId)
      throw new DomainError(HqError.INVALID_INPUT, `No store has the code or id ${store}.`, { field: 'store' });
  }
  const limitText = optionalText(query, 'limit');
  const limit = limitText === undefined ? 100 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new DomainError(HqError.INVALID_INPUT, 'limit is a whole number from 1 to 500.', { field: 'limit' });
  const search: OrderSearch = { limit };
  const number = optionalText(query, 'number', 40);
  const customer = optionalText(query, 'customer', 200);
  const channel = oneOf(query, 'channel', ORDER_CHANNELS);
  const status = oneOf(query, 'status', ORDER_STATUSES);
  const from = dayParam(query, 'from');
  const to = dayParam(query, 'to');
  if (number) search.number = number.toUpperCase();
  if (customer) search.customer = customer.toLowerCase();
  if (channel) search.channel = channel;
  if (storeId) search.storeId = storeId;
  if (status) search.status = status;
  if (from) search.from = from;
  if (to) search.to = to;
  return search;
}

/** Escapes LIKE wildcards so a typed % or _ matches itself. */
const likeText = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

async function customerMatches(storage: Storage, text: string): Promise<{ ids: string[]; emails: string[] }> {
  const name = jf('searchName');
  const rows = await storage.query<{ id: string; email: string | null }>(
    {
      sqlite: `SELECT id, ${jf('email').sqlite} AS email FROM documents WHERE collection = 'customers' AND ${LIVE.sqlite}
        AND (id = ? OR ${name.sqlite} LIKE ? ESCAPE '\\') LIMIT 200`,
      postgres: `SELECT id, ${jf('email').postgres} AS email FROM documents WHERE collection = 'customers' AND ${LIVE.postgres}
        AND (id = ? OR ${name.postgres} LIKE ? ESCAPE '\\') LIMIT 200`,
    },
    [text, `%${likeText(text)}%`],
  );
  return { ids: rows.map((r) => r.id), emails: rows.flatMap((r) => (r.email ? [r.email.toLowerCase()] : [])) };
}

export function orderRow(data: Record<string, unknown>, stores: StoreDirectory): OrderRow {
  const totals = data.totals as { total?: number } | undefined;
  const storeId = String(data.storeId);
  return {
    id: String(data.id),
    orderNumber: String(data.orderNumber),
    channel: String(data.channel),
    status: String(data.status),
    storeId,
    storeCode: stores.get(storeId)?.code ?? null,
    customerId: typeof data.customerId === 'string' ? data.customerId : null,
    customerEmail: typeof data.customerEmail === 'string' ? data.customerEmail : null,
    total: typeof totals?.total === 'number' ? totals.total : 0,
    currency: String(data.currency),
    createdAt: String(data.createdAt),
  };
}

/** Newest first. Filters are ANDed; customer matches a customer id, e-mail, name or phone. */
export async function searchOrders(storage: Storage, stores: StoreDirectory, s: OrderSearch): Promise<OrderRow[]> {
  const where: { sqlite: string; postgres: string }[] = [];
  const params: unknown[] = [];
  const add = (clause: (f: (p: string) => string) => string, ...values: unknown[]) => {
    where.push({ sqlite: clause((p) => jf(p).sqlite), postgres: clause((p) => jf(p).postgres) });
    params.push(...values);
  };
  if (s.number) add(() => `lookup LIKE ? ESCAPE '\\'`, `%${likeText(s.number)}%`);
  if (s.channel) add((f) => `${f('channel')} = ?`, s.channel);
  if (s.storeId) add((f) => `${f('storeId')} = ?`, s.storeId);
  if (s.status) add((f) => `${f('status')} = ?`, s.status);
  // Timestamps are ISO-8601 UTC text, so a string range is a time range (days are UTC days).
  if (s.from) add((f) => `${f('createdAt')} >= ?`, `${s.from}T00:00:00`);
  if (s.to) add((f) => `${f('createdAt')} < ?`, new Date(Date.parse(`${s.to}T00:00:00Z`) + 86_400_000).toISOString());
  if (s.customer) {
    const found = await customerMatches(storage, s.customer);
    const ids = [...found.ids, s.customer];
    const emails = [...found.emails, s.customer];
    add(
      (f) =>
        `(${f('customerId')} IN (${ids.map(() => '?').join(', ')}) OR lower(${f('customerEmail')}) IN (${emails
          .map(() => '?')
          .join(', ')}) OR lower(${f('customerEmail')}) LIKE ? ESCAPE '\\')`,
      ...ids,
      ...emails,
      `%${likeText(s.customer)}%`,
    );
  }
  const clause = (d: 'sqlite' | 'postgres') =>
    [`collection = 'orders'`, LIVE[d], ...where.map((w) => w[d])].join(' AND ');
  const sql: SqlText = {
    sqlite: `SELECT data FROM documents WHERE ${clause('sqlite')} ORDER BY ${jf('createdAt').sqlite} DESC, id DESC LIMIT ?`,
    postgres: `SELECT data FROM documents WHERE ${clause('postgres')} ORDER BY ${jf('createdAt').postgres} DESC, id DESC LIMIT ?`,
  };
  const rows = await storage.query<{ data: string | Record<string, unknown> }>(sql, [...params, s.limit]);
  return rows.map((r) =>
    orderRow(typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data, stores),
  );
}

async function where(
  storage: Storage,
  collection: string,
  path: string,
  value: string,
): Promise<Record<string, unknown>[]> {
  const f = jf(path);
  const rows = await storage.query<{ data: string | Record<string, unknown> }>(
    {
      sqlite: `SELECT data FROM documents WHERE collection = ? AND ${LIVE.sqlite} AND ${f.sqlite} = ? ORDER BY seq`,
      postgres: `SELECT data FROM documents WHERE collection = ? AND ${LIVE.postgres} AND ${f.postgres} = ? ORDER BY seq`,
    },
    [collection, value],
  );
  return rows.map((r) => (typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data));
}

export { where as documentsByField };

function actorText(event: Record<string, unknown>): string {
  const payload = event.payload as Record<string, unknown>;
  const by = payload.by as { email?: string; role?: string } | undefined;
  if (by?.email) return `${by.email} (${by.role ?? 'HQ'})`;
  const actor = event.actor as { kind?: string; staffId?: string; deviceId?: string } | undefined;
  if (!actor) return 'unknown';
  if (actor.kind === 'staff') return `staff ${actor.staffId ?? ''}`.trim();
  if (actor.kind === 'device') return `register ${actor.deviceId ?? ''}`.trim();
  if (actor.kind === 'customer') return 'customer';
  return actor.deviceId === 'orchestration' ? 'orchestration' : 'server';
}

const minor = (n: unknown) => (typeof n === 'number' ? (n / 100).toFixed(2) : '');

function summaryOf(type: string, p: Record<string, unknown>): string {
  switch (type) {
    case 'status_changed':
      return `${String(p.from)} → ${String(p.to)}${p.reason ? `: ${String(p.reason)}` : ''}`;
    case 'service_action': {
      const what = {
        cancelled: 'Cancelled',
        appeasement: `Appeasement ${minor(p.amount)} as ${String(p.method).replace('_', ' ')}`,
        return_authorised: `Return authorised ${String(p.raNumber)}`,
        reshipped: 'Lost parcel re-shipped',
      }[String(p.action)];
      return `${what ?? String(p.action)} — ${String(p.reason)}`;
    }
    case 'note':
      return String(p.text);
    case 'approval':
      return `Manager approval: ${String(p.action)}${p.reason ? ` (${String(p.reason)})` : ''}`;
    case 'fulfillment_rerouted':
      return `Re-routed: ${String(p.reason)}`;
    case 'customer_notified':
      return `Customer told by ${String(p.channel)} (${String(p.template)})`;
    case 'payment_captured':
      return `Card charged ${minor(p.amount)}`;
    case 'alert_oversell':
      return `Oversell: ${String(p.sku)} at ${String(p.available)}`;
    default:
      return type.replace(/_/g, ' ');
  }
}

export function timelineOf(events: Record<string, unknown>[]): TimelineEntry[] {
  return events
    .map((e) => ({
      id: String(e.id),
      at: String(e.createdAt),
      type: String(e.type),
      actor: actorText(e),
      summary: summaryOf(String(e.type), e.payload as Record<string, unknown>),
      payload: e.payload as Record<string, unknown>,
    }))
    .sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at.localeCompare(b.at)));
}

const CANCELLABLE: readonly string[] = ['created', 'validated', 'on_hold', 'allocated', 'in_fulfillment'];

export async function orderDetail(storage: Storage, stores: StoreDirectory, orderId: string): Promise<OrderDetail> {
  const stored: StoredDocument | undefined = (await storage.getDocuments('orders', [orderId])).get(orderId);
  if (!stored || stored.deleted) throw new DomainError(HqError.NOT_FOUND, `No order ${orderId}; search for it again.`);
  const order = stored.data;
  const [events, payments, fulfillmentOrders, returns, ras, exceptions, receiptEmails] = await Promise.all([
    where(storage, 'order_events', 'orderId', orderId),
    storage.findByLookup('payments', orderId, 1000).then((d) => d.map((x) => x.data)),
    where(storage, 'fulfillment_orders', 'orderId', orderId),
    storage.findByLookup('returns', orderId, 1000).then((d) => d.map((x) => x.data)),
    returnAuthorisationsOf(storage, orderId).then((list) => settleRaUses(storage, list)),
    storage.query<{ id: string; reason: string; message: string; status: string; created_at: string }>(
      'SELECT id, reason, message, status, created_at FROM order_exceptions WHERE order_id = ? ORDER BY created_at',
      [orderId],
    ),
    receiptEmailsOf(storage, orderId),
  ]);
  const cancelled = await storage.query<{
    line_id: string;
    sku: string;
    name: string;
    quantity: number;
    amount: number | string;
    reason: string;
    cancelled_by: string;
    cancelled_at: string;
  }>('SELECT * FROM hq_cancelled_lines WHERE order_id = ? ORDER BY cancelled_at, line_id', [orderId]);
  const { paid, refunded } = paidAndRefunded(payments as unknown as Payment[], capturesOf(events));
  const status = String(order.status);
  const web = order.channel !== 'pos';
  return {
    order,
    storeCode: stores.get(String(order.storeId))?.code ?? null,
    timeline: timelineOf(events),
    receiptEmails,
    payments,
    fulfillmentOrders,
    returns,
    returnAuthorisations: ras.map((ra) =>
      ra.used ? { ...ra, used: { ...ra.used, storeCode: stores.get(ra.used.storeId)?.code ?? ra.used.storeId } } : ra,
    ),
    cancelledLines: cancelled.map((c) => ({
      lineId: c.line_id,
      sku: c.sku,
      name: c.name,
      quantity: Number(c.quantity),
      amount: Number(c.amount),
      reason: c.reason,
      by: c.cancelled_by,
      at: c.cancelled_at,
    })),
    exceptions: exceptions.map((e) => ({
      id: e.id,
      reason: e.reason,
      message: e.message,
      status: e.status,
      createdAt: e.created_at,
    })),
    can: {
      cancel: web && CANCELLABLE.includes(status),
      appease: paid - refunded > 0,
      authoriseReturn: ['completed', 'fulfilled', 'partially_fulfilled'].includes(status),
      reship: fulfillmentOrders.some((f) => f.type === 'ship' && f.status === 'shipped'),
    },
    paid,
    refunded,
  };
}
