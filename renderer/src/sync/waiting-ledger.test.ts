// The waiting count lives in the register's database: it survives a restart (database closed and
// opened again on IndexedDB), an older push answer never clears a newer write, and "All synced"
// needs the first full sync, the stored list read and empty, and an empty inbox.
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createPosDatabase, posStorage, type PosDatabase } from '../local-data/create-database';
import { SyncStatusStore } from './sync-status';
import { localDocumentStore, memoryStore, WaitingLedger } from './waiting-ledger';

describe('waiting ledger', () => {
  const indexedDB = new IDBFactory();
  const open = (name: string) =>
    createPosDatabase({ name, storage: posStorage({ indexedDB, IDBKeyRange }), only: ['orders', 'payments'] });
  let db: PosDatabase | undefined;
  afterEach(async () => {
    await db?.remove();
    db = undefined;
  });

  it('keeps what waits across a restart, and forgets what the server acknowledged', async () => {
    db = await open('ledger-restart');
    const ledger = new WaitingLedger(localDocumentStore(db)!, ['orders', 'payments']);
    await ledger.load();
    ledger.written('orders', 'o1');
    ledger.written('orders', 'o2');
    ledger.written('payments', 'p1');
    ledger.acknowledged(ledger.snapshot('orders', ['o2']));
    await ledger.flush();
    expect(ledger.current).toEqual({ count: 2, known: true });
    await db.close();

    db = await open('ledger-restart');
    const after = new WaitingLedger(localDocumentStore(db)!, ['orders', 'payments']);
    expect(after.current).toEqual({ count: 0, known: false });
    await after.load();
    expect(after.current).toEqual({ count: 2, known: true });
    after.acknowledged(after.snapshot('orders', ['o1']));
    after.acknowledged(after.snapshot('payments', ['p1']));
    await after.flush();
    await db.close();

    db = await open('ledger-restart');
    const third = new WaitingLedger(localDocumentStore(db)!, ['orders', 'payments']);
    await third.load();
    expect(third.current).toEqual({ count: 0, known: true });
  });

  it('does not let an older push answer clear a newer write, and counts rows a push offers after a crash', async () => {
    const ledger = new WaitingLedger(memoryStore(), ['orders']);
    await ledger.load();
    ledger.written('orders', 'a');
    const snapshot = ledger.snapshot('orders', ['a']);
    ledger.written('orders', 'a'); // edited again while the push was in flight
    ledger.acknowledged(snapshot);
    expect(ledger.current.count).toBe(1);
    // Written before a crash, never marked: RxDB offers it to the push handler on start.
    ledger.sending('orders', ['a', 'b']);
    expect(ledger.current.count).toBe(2);
    ledger.acknowledged(ledger.snapshot('orders', ['a', 'b']));
    expect(ledger.current.count).toBe(0);
  });

  it('merges writes made while the stored list loads, and does not resurrect ones acknowledged meanwhile', async () => {
    const store = memoryStore();
    await store.set('sync-waiting-orders', { ids: ['old1', 'old2'] });
    const ledger = new WaitingLedger(store, ['orders']);
    const loading = ledger.load();
    ledger.written('orders', 'new');
    ledger.acknowledged(ledger.snapshot('orders', ['old2']));
    await loading;
    await ledger.flush();
    expect(ledger.current).toEqual({ count: 2, known: true });
    expect((store.values.get('sync-waiting-orders') as { ids: string[] }).ids.sort()).toEqual(['new', 'old1']);
  });
});

describe('"All synced" only when it is true', () => {
  it('needs the first full sync, the waiting list read and empty, and no open inbox entry', async () => {
    const store = memoryStore();
    await store.set('sync-waiting-orders', { ids: ['unsent-before-restart'] });
    const ledger = new WaitingLedger(store, ['orders']);
    const status = new SyncStatusStore({ ledger });
    expect(status.current).toMatchObject({ allSynced: false, label: 'Checking what waits to sync…' });
    await ledger.load();
    expect(status.current).toMatchObject({ pending: 1, allSynced: false, label: '1 waiting to sync' });
    ledger.acknowledged(ledger.snapshot('orders', ['unsent-before-restart']));
    expect(status.current).toMatchObject({ pending: 0, allSynced: false, label: 'Not synced yet' });
    status.firstSync(true);
    expect(status.current).toMatchObject({ allSynced: true, label: 'All synced' });
    status.inbox(2);
    expect(status.current).toMatchObject({ allSynced: false, label: '2 in the sync inbox' });
    status.inbox(0);
    status.localWrite('orders', 'x');
    expect(status.current).toMatchObject({ allSynced: false, label: '1 waiting to sync' });
    status.complete();
  });
});
