// Completing a sale durably and crash-safely.
//
// Why a journal and not an order status 'completing': the order statuses are fixed by
// shared/orders (open, suspended, completed, voided) and replication would push any intermediate
// state to the server. Instead:
//   1. every document of the sale is built up front with final ids and saved to a journal in
//      localStorage (a synchronous write: once it returns the sale is captured);
//   2. payments, stock movements and approval events are bulk-inserted side by side (one Dexie
//      transaction per collection, strict durability, see create-database.ts), then the order;
//   3. only when all of them succeeded is the journal entry removed, and only then does the
//      register show "complete".
// On start-up `recoverJournal` replays any entry left by a crash. Every insert is idempotent by
// id (an "already exists" conflict counts as done), so replaying twice never duplicates.
import { DomainError } from '../../../shared/errors';
import { formatOrderNumber, parseOrderNumber } from '../../../shared/ids';
import type { PendingOfflinePayment } from '../../../shared/payments/offline';
import type { Order, Payment } from '../../../shared/schemas';
import type { CompletedSale, SaleToComplete } from '../model/backend';
import { uuidv7 as newId } from '../../../shared/ids';
import { buildSaleDocuments, type SaleDocuments } from '../../../shared/orders/sale-documents';
import { readStoredJson } from './stored-json';
import type { Db } from './types';

export const SaleError = { WRITE_FAILED: 'SALE_WRITE_FAILED', NOT_FOUND: 'SALE_NOT_FOUND' } as const;

const JOURNAL_KEY = 'pos.sale-journal';
const SEQUENCE_KEY = 'pos.order-sequence';

type Journal = Record<string, SaleDocuments>;

function readJournal(storage: Storage): Journal {
  return readStoredJson<Journal>(storage, JOURNAL_KEY, {});
}

function writeJournal(storage: Storage, journal: Journal): void {
  storage.setItem(JOURNAL_KEY, JSON.stringify(journal));
}

interface BulkResult {
  error: { status: number; documentId?: string }[];
}

async function insertAll(insert: (docs: never[]) => Promise<BulkResult>, docs: readonly unknown[]): Promise<void> {
  if (docs.length === 0) return;
  const result = await insert(docs as never[]);
  const real = result.error.filter((e) => e.status !== 409); // 409: written by an earlier attempt
  if (real.length > 0) {
    throw new DomainError(
      SaleError.WRITE_FAILED,
      'The sale could not be saved on this register. Nothing is lost: press "Try again"; if it keeps failing, restart the register.',
      { status: real[0]!.status },
    );
  }
}

export async function writeSale(db: Db, docs: SaleDocuments): Promise<void> {
  // One strict-durability transaction per collection. Payments, movements and events side by side
  // (their commits overlap), the order last: a stored order means its payments are stored too. The
  // journal in localStorage cannot promise that: Chromium writes it to disk seconds late, and the
  // crash test (test/e2e/crash-sales.test.ts) found an order without its payment after a SIGKILL
  // when all four were written side by side; the restart then took it for complete.
  await Promise.all([
    insertAll((d) => db.payments.bulkInsert(d), docs.payments),
    insertAll((d) => db.inventory_movements.bulkInsert(d), docs.movements),
    insertAll((d) => db.order_events.bulkInsert(d), docs.events),
  ]);
  await insertAll((d) => db.orders.bulkInsert(d), [docs.order]);
}

export async function recoverJournal(db: Db, storage: Storage = localStorage): Promise<number> {
  const journal = readJournal(storage);
  const ids = Object.keys(journal);
  for (const id of ids) {
    await writeSale(db, journal[id]!);
    const rest = readJournal(storage);
    delete rest[id];
    writeJournal(storage, rest);
  }
  return ids.length;
}

export interface SalesScope {
  db: Db;
  storeId: string;
  deviceId: string;
  storage?: Storage;
}

/** Registers whose order numbers were checked against the database in this session. */
const checkedRegisters = new WeakMap<Db, Set<string>>();

/**
 * The next order sequence: above both the stored counter and any order this register wrote. The
 * database is consulted once per session (in case local storage was cleared), then the counter.
 */
export async function nextSequence(scope: SalesScope, storeCode: string, registerCode: string): Promise<number> {
  const storage = scope.storage ?? localStorage;
  let highest = Number(storage.getItem(SEQUENCE_KEY) ?? '0') || 0;
  const checked = checkedRegisters.get(scope.db) ?? new Set<string>();
  checkedRegisters.set(scope.db, checked);
  if (checked.has(`${storeCode}-${registerCode}`)) {
    storage.setItem(SEQUENCE_KEY, String(highest + 1));
    return highest + 1;
  }
  checked.add(`${storeCode}-${registerCode}`);
  const recent = await scope.db.orders
    .find({ selector: { storeId: scope.storeId }, sort: [{ createdAt: 'desc' }], limit: 50 })
    .exec();
  for (const o of recent) {
    try {
      const parts = parseOrderNumber(o.orderNumber);
      if (parts.storeCode === storeCode && parts.registerCode === registerCode)
        highest = Math.max(highest, parts.sequence);
    } catch {
      // another channel's number format
    }
  }
  storage.setItem(SEQUENCE_KEY, String(highest + 1));
  return highest + 1;
}

export async function completeSale(scope: SalesScope, sale: SaleToComplete): Promise<CompletedSale> {
  return (await completeSaleWriting(scope, sale)).completed;
}

/**
 * completeSale, also giving the documents this call stored (`written`; absent for a retry of a
 * sale already stored), so the receipt can be built without reading them back.
 */
export async function completeSaleWriting(
  scope: SalesScope,
  sale: SaleToComplete,
): Promise<{ completed: CompletedSale; written?: SaleDocuments }> {
  const storage = scope.storage ?? localStorage;
  const existing = (await scope.db.orders.findByIds([sale.cart.saleId]).exec()).get(sale.cart.saleId);
  if (existing) return { completed: { orderId: existing.id, orderNumber: existing.orderNumber } }; // a retry after success
  const journal = readJournal(storage);
  let docs = journal[sale.cart.saleId];
  if (!docs) {
    const storeCode = sale.context.store.code;
    const registerCode = sale.context.registerCode;
    const orderNumber = formatOrderNumber({
      storeCode,
      registerCode,
      sequence: await nextSequence(scope, storeCode, registerCode),
    });
    docs = buildSaleDocuments({
      ...sale,
      storeId: scope.storeId,
      deviceId: scope.deviceId,
      orderNumber,
      now: new Date().toISOString(),
      newId,
    });
    writeJournal(storage, { ...readJournal(storage), [sale.cart.saleId]: docs });
  }
  await writeSale(scope.db, docs);
  const rest = readJournal(storage);
  delete rest[sale.cart.saleId];
  writeJournal(storage, rest);
  return { completed: { orderId: docs.order.id, orderNumber: docs.order.orderNumber }, written: docs };
}

/**
 * The completed sale with this sale id (a POS order's id is its sale id): the order if it is
 * written, or a journal entry, which is then written first so that its receipt can be shown. Used
 * at start-up to recognise a sale whose completion outran the clearing of the cart.
 */
export async function findCompletedSale(
  db: Db,
  saleId: string,
  storage: Storage = localStorage,
): Promise<CompletedSale | undefined> {
  const order = await db.orders.findOne(saleId).exec();
  if (order) return { orderId: order.id, orderNumber: order.orderNumber };
  const docs = readJournal(storage)[saleId];
  if (!docs) return undefined;
  await writeSale(db, docs);
  const rest = readJournal(storage);
  delete rest[saleId];
  writeJournal(storage, rest);
  return { orderId: docs.order.id, orderNumber: docs.order.orderNumber };
}

export async function loadSale(db: Db, orderId: string): Promise<{ order: Order; payments: Payment[] }> {
  const order = await db.orders.findOne(orderId).exec();
  if (!order) throw new DomainError(SaleError.NOT_FOUND, 'That sale is not on this register.');
  const payments = await db.payments.find({ selector: { orderId } }).exec();
  return { order: order.toJSON() as Order, payments: payments.map((p) => p.toJSON() as Payment) };
}

export async function pendingOfflineCard(db: Db, storeId: string): Promise<PendingOfflinePayment[]> {
  const pending = await db.payments.find({ selector: { storeId, status: 'pending_offline' } }).exec();
  return pending.map((p) => ({ paymentId: p.id, amount: p.amount, takenAt: p.offline?.capturedAt ?? p.createdAt }));
}
