// Loads one store's business day for the journal: the day's orders, returns and payments through
// the dashboard's fact tables (indexed by business day and store), and the till shifts closed that
// day, then builds the journal. A store-day of 5,000 orders is 5 reads of 1,000 documents by id.
import { DomainError } from '../../../shared/errors';
import type { Storage } from '../../storage/storage';
import { HqError } from '../errors';
import type { FactsProjector } from '../dashboard/facts-projector';
import type { HqSql } from '../sql';
import { buildJournal, type Journal } from './journal';

const CHUNK = 1000;

async function byIds(storage: Storage, collection: string, ids: string[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const docs = await storage.getDocuments(collection, ids.slice(i, i + CHUNK));
    for (const doc of docs.values()) if (!doc.deleted) out.push(doc.data);
  }
  return out;
}

export async function loadJournal(
  storage: Storage,
  sql: HqSql,
  facts: FactsProjector,
  storeRef: string,
  day: string,
): Promise<Journal> {
  await facts.catchUp();
  const store = facts.stores.list().find((s) => s.code === storeRef || s.id === storeRef);
  if (!store)
    throw new DomainError(HqError.NOT_FOUND, `No store ${storeRef}: give a store code such as S001.`, {
      field: 'store',
    });
  const ids = async (table: string, key: string) =>
    (
      await sql.all<{ id: string }>(`SELECT ${key} AS id FROM ${table} WHERE business_day = ? AND store_id = ?`, [
        day,
        store.id,
      ])
    ).map((r) => r.id);
  const [orderIds, returnIds, paymentIds] = await Promise.all([
    ids('hq_order_facts', 'order_id'),
    ids('hq_return_facts', 'return_id'),
    ids('hq_payment_facts', 'payment_id'),
  ]);
  const [orders, returns, payments] = await Promise.all([
    byIds(storage, 'orders', orderIds),
    byIds(storage, 'returns', returnIds),
    byIds(storage, 'payments', paymentIds),
  ]);
  const shiftRows = await sql.all<{ data: string }>(
    "SELECT data FROM documents WHERE collection = 'till_shifts' AND scope = ? AND NOT deleted",
    [store.id],
  );
  const shifts = shiftRows
    .map((r) => JSON.parse(r.data) as Record<string, unknown>)
    .filter(
      (s) =>
        s.status === 'closed' &&
        typeof s.closedAt === 'string' &&
        facts.stores.localTime(store.id, s.closedAt)?.day === day,
    );
  const payload = (store.doc.payload ?? {}) as { currency?: string };
  return buildJournal({
    storeId: store.id,
    storeCode: store.code,
    businessDay: day,
    currency: payload.currency ?? 'USD',
    orders,
    returns,
    payments,
    shifts,
  });
}
