// Keeps the dashboard's fact tables in step with the replicated orders, returns, payments and
// alert events. It follows each collection by the server's sequence (checkpoint in hq_projector),
// so it catches up after a restart and works the same for documents from any server instance.
// Each order is dated in its store's own time zone: "today" at a New York store is New York's day.
import type { Storage, StoredDocument } from '../../storage/storage';
import type { HqSql, SqlValue } from '../sql';
import { StoreDirectory } from './store-directory';

const PAGE = 1000;
/** Orders that are money taken (or promised, for web orders); open, voided and cancelled are not. */
export const SALE_STATUSES = [
  'completed',
  'created',
  'validated',
  'on_hold',
  'allocated',
  'in_fulfillment',
  'partially_fulfilled',
  'fulfilled',
] as const;

interface FactTable {
  table: string;
  key: string;
  columns: string[];
  row(doc: Record<string, unknown>, stores: StoreDirectory): SqlValue[] | null;
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function orderTotal(doc: Record<string, unknown>): number {
  const totals = doc.totals as { total?: unknown } | undefined;
  if (totals && typeof totals.total === 'number') return totals.total;
  const lines = Array.isArray(doc.lines) ? (doc.lines as Record<string, unknown>[]) : [];
  return lines.reduce((sum, line) => sum + num(line.quantity) * num(line.unitPrice), 0);
}

const TABLES: Record<string, FactTable> = {
  orders: {
    table: 'hq_order_facts',
    key: 'order_id',
    columns: ['order_id', 'store_id', 'channel', 'status', 'business_day', 'hour', 'total', 'items'],
    row(doc, stores) {
      const storeId = str(doc.storeId);
      const at = stores.localTime(storeId, str(doc.completedAt) || str(doc.createdAt));
      if (!at) return null;
      const lines = Array.isArray(doc.lines) ? (doc.lines as Record<string, unknown>[]) : [];
      return [
        str(doc.id),
        storeId,
        str(doc.channel),
        str(doc.status),
        at.day,
        at.hour,
        orderTotal(doc),
        lines.reduce((n, l) => n + num(l.quantity), 0),
      ];
    },
  },
  returns: {
    table: 'hq_return_facts',
    key: 'return_id',
    columns: ['return_id', 'store_id', 'business_day', 'refund_total'],
    row(doc, stores) {
      const at = stores.localTime(str(doc.storeId), str(doc.createdAt));
      return at ? [str(doc.id), str(doc.storeId), at.day, num(doc.refundTotal)] : null;
    },
  },
  payments: {
    table: 'hq_payment_facts',
    key: 'payment_id',
    columns: ['payment_id', 'store_id', 'business_day', 'device_id', 'status', 'amount', 'offline_expires_at'],
    row(doc, stores) {
      const offline = doc.offline as { expiresAt?: unknown } | undefined;
      const signed = doc.kind === 'refund' ? -num(doc.amount) : num(doc.amount);
      const at = stores.localTime(str(doc.storeId), str(doc.createdAt));
      if (!at) return null;
      return [
        str(doc.id),
        str(doc.storeId),
        at.day,
        str(doc.deviceId),
        str(doc.status),
        signed,
        offline ? str(offline.expiresAt) : null,
      ];
    },
  },
  order_events: {
    table: 'hq_alerts',
    key: 'alert_id',
    columns: ['alert_id', 'kind', 'store_id', 'detail', 'created_at'],
    row(doc) {
      const type = str(doc.type);
      if (!type.startsWith('alert_')) return null;
      return [str(doc.id), type, str(doc.storeId) || null, JSON.stringify(doc.payload ?? {}), str(doc.createdAt)];
    },
  },
};

function upsertSql(fact: FactTable, rows: number): string {
  const one = `(${fact.columns.map(() => '?').join(', ')})`;
  // Alerts keep their acknowledgement: only the columns projected from the event are replaced.
  const update = fact.columns
    .filter((c) => c !== fact.key)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  return `INSERT INTO ${fact.table} (${fact.columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => one).join(', ')} ON CONFLICT (${fact.key}) DO UPDATE SET ${update}`;
}

const SALE = new Set<string>(SALE_STATUSES);
type Run = (sql: string, params?: readonly SqlValue[]) => Promise<number>;
type All = <R>(sql: string, params?: readonly SqlValue[]) => Promise<R[]>;

/** Moves the hourly rollup by (new facts − the facts they replace), inside the facts' transaction. */
async function rollUp(run: Run, all: All, live: SqlValue[][], gone: string[]): Promise<void> {
  const delta = new Map<string, { key: SqlValue[]; orders: number; sales: number }>();
  const add = (
    day: unknown,
    store: unknown,
    channel: unknown,
    hour: unknown,
    status: unknown,
    total: unknown,
    sign: 1 | -1,
  ) => {
    if (!SALE.has(String(status))) return;
    const key = [String(day), String(store), String(channel), Number(hour)];
    const id = key.join('|');
    const d = delta.get(id) ?? { key, orders: 0, sales: 0 };
    d.orders += sign;
    d.sales += sign * Number(total);
    delta.set(id, d);
  };
  const ids = [...live.map((r) => String(r[0])), ...gone];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const old = await all<{
      business_day: string;
      store_id: string;
      channel: string;
      hour: number;
      status: string;
      total: number | string;
    }>(
      `SELECT business_day, store_id, channel, hour, status, total FROM hq_order_facts WHERE order_id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const o of old) add(o.business_day, o.store_id, o.channel, o.hour, o.status, o.total, -1);
  }
  // Row layout: order_id, store_id, channel, status, business_day, hour, total, items.
  for (const r of live) add(r[4], r[1], r[2], r[5], r[3], r[6], 1);
  const rows = [...delta.values()].filter((d) => d.orders !== 0 || d.sales !== 0);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await run(
      `INSERT INTO hq_sales_rollup (business_day, store_id, channel, hour, orders, sales) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
       ON CONFLICT (business_day, store_id, channel, hour) DO UPDATE SET orders = hq_sales_rollup.orders + excluded.orders, sales = hq_sales_rollup.sales + excluded.sales`,
      chunk.flatMap((d) => [...d.key, d.orders, d.sales]),
    );
  }
}

export class FactsProjector {
  private running: Promise<void> | undefined;
  private again = false;
  readonly stores: StoreDirectory;

  constructor(
    private readonly storage: Storage,
    private readonly sql: HqSql,
  ) {
    this.stores = new StoreDirectory(storage);
  }

  /** Brings every fact table up to the latest committed sequence; concurrent callers share a run. */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.stores.refresh();
          for (const collection of Object.keys(TABLES)) await this.follow(collection);
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async follow(collection: string): Promise<void> {
    const fact = TABLES[collection];
    if (!fact) return;
    const rows = await this.sql.all<{ seq: number | string }>('SELECT seq FROM hq_projector WHERE collection = ?', [
      collection,
    ]);
    let after = Number(rows[0]?.seq ?? 0);
    for (;;) {
      const docs = await this.storage.pull({ collection, afterSeq: after, limit: PAGE, storeId: null });
      if (docs.length === 0) return;
      after = docs[docs.length - 1]?.seq ?? after;
      await this.apply(collection, fact, docs, after);
      if (docs.length < PAGE) return;
    }
  }

  private async apply(collection: string, fact: FactTable, docs: StoredDocument[], seq: number): Promise<void> {
    const live: SqlValue[][] = [];
    const gone: string[] = [];
    for (const doc of docs) {
      const row = doc.deleted ? null : fact.row(doc.data, this.stores);
      if (row) live.push(row);
      else if (doc.deleted) gone.push(doc.id);
    }
    await this.sql.tx(async (run, all) => {
      // Several server instances on one PostgreSQL database each run a projector. Their
      // transactions for one collection take turns (a transaction-scoped advisory lock), and a page
      // another instance has applied meanwhile is skipped; otherwise two instances would read the
      // same old facts before either committed and both move the rollup by the same orders.
      // SQLite has one writer, so its transactions take turns already.
      if (this.sql.kind === 'postgres') {
        await all("SELECT pg_advisory_xact_lock(hashtext('hq_projector:' || ?::text))", [collection]);
      }
      const done = await all<{ seq: number | string }>('SELECT seq FROM hq_projector WHERE collection = ?', [
        collection,
      ]);
      if (Number(done[0]?.seq ?? 0) >= seq) return;
      if (collection === 'orders') await rollUp(run, all, live, gone);
      // PostgreSQL takes at most 65,535 parameters per statement.
      for (let i = 0; i < live.length; i += 500) {
        const chunk = live.slice(i, i + 500);
        await run(upsertSql(fact, chunk.length), chunk.flat());
      }
      for (const id of gone) await run(`DELETE FROM ${fact.table} WHERE ${fact.key} = ?`, [id]);
      await run(
        'INSERT INTO hq_projector (collection, seq) VALUES (?, ?) ON CONFLICT (collection) DO UPDATE SET seq = excluded.seq',
        [collection, seq],
      );
    });
  }
}
