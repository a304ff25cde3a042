// Writing a return durably, the way a sale is written (see sales.ts): every document is built
// with final ids and journaled to localStorage first (synchronous: once it returns, the return is
// captured), then the payments, movements, approval events, an exchange's new order and the return
// document are bulk-inserted side by side with strict durability; the journal entry goes only when
// all succeeded. Each collection is its own IndexedDB database, so no order between them is atomic
// anyway: the journal is what makes the unit whole, and the desk replays any entry a crash left
// before it takes the next return (inserts are idempotent). Side by side instead of "return last"
// took one flush off the critical path (bench/RESULTS.md, Returns desk, 2026-12-03).
import { DomainError } from '../../../shared/errors';
import type { ReturnDocuments } from './returns-documents';
import { readStoredJson } from './stored-json';
import type { Db } from './types';

export const ReturnWriteError = { WRITE_FAILED: 'RETURN_WRITE_FAILED' } as const;

const JOURNAL_KEY = 'pos.return-journal';
type Journal = Record<string, ReturnDocuments>;

interface BulkResult {
  error: { status: number }[];
}

async function insertAll(insert: (docs: never[]) => Promise<BulkResult>, docs: readonly unknown[]): Promise<void> {
  if (docs.length === 0) return;
  const result = await insert(docs as never[]);
  const real = result.error.filter((e) => e.status !== 409); // 409: written by an earlier attempt
  if (real.length > 0) {
    throw new DomainError(
      ReturnWriteError.WRITE_FAILED,
      'The return could not be saved on this register. Nothing is lost: press "Complete" again; if it keeps failing, restart the register.',
      { status: real[0]!.status },
    );
  }
}

async function writeReturn(db: Db, docs: ReturnDocuments): Promise<void> {
  await Promise.all([
    insertAll((d) => db.payments.bulkInsert(d), docs.payments),
    insertAll((d) => db.inventory_movements.bulkInsert(d), docs.movements),
    insertAll((d) => db.order_events.bulkInsert(d), docs.events),
    insertAll((d) => db.orders.bulkInsert(d), docs.order ? [docs.order] : []),
    insertAll((d) => db.returns.bulkInsert(d), [docs.ret]),
  ]);
}

function forget(storage: Storage, id: string): void {
  const rest = readStoredJson<Journal>(storage, JOURNAL_KEY, {});
  delete rest[id];
  storage.setItem(JOURNAL_KEY, JSON.stringify(rest));
}

export async function completeReturnDurably(
  db: Db,
  docs: ReturnDocuments,
  storage: Storage = localStorage,
): Promise<void> {
  const journal = readStoredJson<Journal>(storage, JOURNAL_KEY, {});
  storage.setItem(JOURNAL_KEY, JSON.stringify({ ...journal, [docs.ret.id]: docs }));
  await writeReturn(db, docs);
  forget(storage, docs.ret.id);
}

/** Finishes returns a crash interrupted; returns how many. */
export async function recoverReturnJournal(db: Db, storage: Storage = localStorage): Promise<number> {
  const journal = readStoredJson<Journal>(storage, JOURNAL_KEY, {});
  for (const [id, docs] of Object.entries(journal)) {
    await writeReturn(db, docs);
    forget(storage, id);
  }
  return Object.keys(journal).length;
}
