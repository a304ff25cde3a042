// The sales history over the local replica (works offline): this register's or the whole store's
// sales in a date range, newest first, a page at a time, so 50,000 orders never sit in memory.
// Each page walks the (storeId, createdAt) index backwards in batches and joins only that batch's
// payments, returns, customers and clerks. "Reached HQ" comes from the sync waiting ledger's stored
// list (RxDB local documents of the same database), per order, not from a global count.
import { DomainError } from '../../../shared/errors';
import type { Customer, Order, Payment, Return, Staff } from '../../../shared/schemas';
import { localDocumentStore, type LocalStore } from '../sync/waiting-ledger';
import {
  dayStart,
  localDay,
  matchesQuery,
  parseQuery,
  saleState,
  type HistoryRow,
  type HistoryTender,
} from './sales-history-filter';
import { returnsDb } from './returns-db';
import type { Db } from './types';

export * from './sales-history-filter';

export const SalesHistoryError = {
  NOT_OPEN: 'HISTORY_NOT_OPEN',
  BAD_RANGE: 'HISTORY_BAD_RANGE',
} as const;

/** Where WaitingLedger (sync/waiting-ledger.ts) stores the ids of a collection still waiting. */
export const WAITING_ORDERS_KEY = 'sync-waiting-orders';

export interface HistoryFilter {
  scope: 'register' | 'store';
  /** Local days, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  text: string;
}

/** Where the next page starts: the createdAt reached and the ids already shown at that instant. */
export interface HistoryCursor {
  createdAt: string;
  seen: string[];
}

export interface HistoryPage {
  rows: HistoryRow[];
  /** undefined when the range holds nothing more. */
  next: HistoryCursor | undefined;
  /** Orders read to fill this page (a narrow search reads many to find few). */
  scanned: number;
}

export interface SalesHistoryDeps {
  db: () => Db | undefined;
  storeId: () => string | undefined;
  registerId: () => string | undefined;
  /** The waiting list; defaults to the database's local documents. */
  waitingStore?: (db: Db) => LocalStore | undefined;
}

const BATCH = 400;
const LIVE_PAYMENT = (p: Payment) =>
  p.kind === 'sale' && p.status !== 'declined' && p.status !== 'voided' && p.status !== 'expired';

export function createSalesHistory(deps: SalesHistoryDeps) {
  const clerkNames = new Map<string, string>();

  const need = (): { db: Db; storeId: string } => {
    const db = deps.db();
    const storeId = deps.storeId();
    if (!db || db.closed || !storeId)
      throw new DomainError(
        SalesHistoryError.NOT_OPEN,
        'The register data is not open yet. Finish setting up the register, then open the sales history again.',
      );
    return { db, storeId };
  };

  /** Ids of orders the server has not acknowledged; undefined when the register cannot tell. */
  async function waitingOrderIds(db: Db): Promise<Set<string> | undefined> {
    const store = (deps.waitingStore ?? ((d: Db) => localDocumentStore(d)))(db);
    if (!store) return undefined;
    const stored = (await store.get(WAITING_ORDERS_KEY)) as { ids?: unknown } | undefined;
    const ids = Array.isArray(stored?.ids) ? stored.ids.filter((id): id is string => typeof id === 'string') : [];
    return new Set(ids);
  }

  async function names(db: Db, ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !clerkNames.has(id));
    if (missing.length === 0) return;
    const found = await db.staff.findByIds(missing).exec();
    for (const [id, doc] of found) clerkNames.set(id, (doc.toJSON() as Staff).displayName);
  }

  async function rowsFor(db: Db, orders: Order[], waiting: Set<string> | undefined): Promise<HistoryRow[]> {
    if (orders.length === 0) return [];
    const ids = orders.map((o) => o.id);
    const customerIds = [...new Set(orders.flatMap((o) => (o.customerId ? [o.customerId] : [])))];
    const [payments, returns, customers] = await Promise.all([
      db.payments.find({ selector: { orderId: { $in: ids } } }).exec(),
      db.returns.find({ selector: { originalOrderId: { $in: ids } } }).exec(),
      customerIds.length > 0 ? db.customers.findByIds(customerIds).exec() : Promise.resolve(new Map()),
      names(
        db,
        orders.flatMap((o) => (o.createdBy ? [o.createdBy] : [])),
      ),
    ]);
    const tenders = new Map<string, HistoryTender[]>();
    for (const p of payments.map((d) => d.toJSON() as Payment).filter(LIVE_PAYMENT)) {
      const last4 = p.card?.last4 ?? p.giftCard?.last4;
      const list = tenders.get(p.orderId) ?? [];
      list.push({ method: p.method, amount: p.amount, ...(last4 ? { last4 } : {}) });
      tenders.set(p.orderId, list);
    }
    const returned = new Map<string, { quantity: number }[]>();
    for (const r of returns.map((d) => d.toJSON() as Return)) {
      returned.set(r.originalOrderId, [...(returned.get(r.originalOrderId) ?? []), ...r.lines]);
    }
    const customerName = (id: string | undefined): string | undefined => {
      const doc = id ? (customers as Map<string, { toJSON(): unknown }>).get(id) : undefined;
      return doc ? (doc.toJSON() as Customer).displayName : undefined;
    };
    return orders.map((o) => ({
      orderId: o.id,
      orderNumber: o.orderNumber,
      createdAt: o.createdAt,
      registerId: o.registerId,
      clerk: o.createdBy ? clerkNames.get(o.createdBy) : undefined,
      customer: customerName(o.customerId),
      total: o.totals?.total ?? 0,
      currency: o.currency,
      tenders: tenders.get(o.id) ?? [],
      state: saleState(o.status, o.lines, returned.get(o.id) ?? []),
      reachedHq: waiting ? !waiting.has(o.id) : undefined,
    }));
  }

  return {
    /** One page of sales matching the filter, newest first, starting after `cursor`. */
    async page(filter: HistoryFilter, cursor?: HistoryCursor, size = 50): Promise<HistoryPage> {
      const { db, storeId } = need();
      const from = dayStart(filter.from);
      const toDay = dayStart(filter.to);
      if (!from || !toDay || from > toDay)
        throw new DomainError(
          SalesHistoryError.BAD_RANGE,
          'The dates do not make a range: pick a "from" day on or before the "to" day.',
        );
      const endOfTo = dayStart(nextDay(filter.to)) ?? toDay;
      const registerId = filter.scope === 'register' ? deps.registerId() : undefined;
      const query = parseQuery(filter.text);
      const waiting = await waitingOrderIds(db);
      const rows: HistoryRow[] = [];
      let at = cursor?.createdAt;
      let seen = new Set(cursor?.seen ?? []);
      let scanned = 0;
      for (;;) {
        const docs = await db.orders
          .find({
            selector: { storeId, createdAt: at ? { $gte: from, $lte: at } : { $gte: from, $lt: endOfTo } },
            sort: [{ createdAt: 'desc' }],
            limit: BATCH + seen.size,
          })
          .exec();
        const fresh = docs.map((d) => d.toJSON() as Order).filter((o) => !seen.has(o.id));
        scanned += fresh.length;
        const kept = fresh.filter(
          (o) =>
            o.channel === 'pos' &&
            (o.status === 'completed' || o.status === 'voided') &&
            (registerId === undefined || o.registerId === registerId),
        );
        const built = await rowsFor(db, kept, waiting);
        for (const [i, row] of built.entries()) {
          if (!matchesQuery(row, query)) continue;
          rows.push(row);
          if (rows.length === size) {
            // Resume right after this row: everything up to it (in createdAt order) was read.
            const last = kept[i]!;
            const upTo = fresh.slice(0, fresh.indexOf(last) + 1);
            const atLast = upTo.filter((o) => o.createdAt === last.createdAt).map((o) => o.id);
            const carry = last.createdAt === at ? [...seen] : [];
            return { rows, next: { createdAt: last.createdAt, seen: [...carry, ...atLast] }, scanned };
          }
        }
        if (docs.length < BATCH + seen.size || fresh.length === 0) return { rows, next: undefined, scanned };
        const last = fresh[fresh.length - 1]!;
        const atLast = fresh.filter((o) => o.createdAt === last.createdAt).map((o) => o.id);
        seen = new Set([...(last.createdAt === at ? seen : []), ...atLast]);
        at = last.createdAt;
      }
    },

    /** The sale with this order number at this store (a scanned receipt barcode), or undefined. */
    async findByNumber(code: string): Promise<HistoryRow | undefined> {
      const { db, storeId } = need();
      const number = code.trim().toUpperCase();
      if (number.length === 0 || number.length > 40) return undefined;
      const doc = await db.orders.findOne({ selector: { orderNumber: number } }).exec();
      const order = doc ? (doc.toJSON() as Order) : undefined;
      if (!order || order.storeId !== storeId || order.channel !== 'pos') return undefined;
      const [row] = await rowsFor(db, [order], await waitingOrderIds(db));
      return row;
    },

    /** The "reached HQ" state of rows already shown, read again (after a sync). */
    async refreshReached(rows: readonly HistoryRow[]): Promise<HistoryRow[]> {
      const { db } = need();
      const waiting = await waitingOrderIds(db);
      return rows.map((r) => ({ ...r, reachedHq: waiting ? !waiting.has(r.orderId) : undefined }));
    },
  };
}

export type SalesHistory = ReturnType<typeof createSalesHistory>;

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + 1);
  return localDay(d);
}

/** The history over the register's open database (the one the returns desk uses too). */
export function registerSalesHistory(
  identity: () => { storeId: string; registerId: string } | undefined,
): SalesHistory {
  return createSalesHistory({
    db: () => {
      try {
        return returnsDb();
      } catch {
        return undefined;
      }
    },
    storeId: () => identity()?.storeId,
    registerId: () => identity()?.registerId,
  });
}
