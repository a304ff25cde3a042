// The register's pull-only replication of server-owned collections (renderer/src/sync/
// pull-only-replication.ts): a first run in pages, documents changed, added or deleted on the
// server while it runs, a resumed first run that rewrites nothing it already has, checkpoints kept
// across restarts, and a malformed page reported with a code and retried. Real server, real RxDB
// on Dexie (fake-indexeddb); both backends.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPosDatabase, posStorage, type PosDatabase } from '../../renderer/src/local-data/create-database';
import { localCheckpoints, memoryCheckpoints } from '../../renderer/src/sync/checkpoint-store';
import { replicatePullOnly } from '../../renderer/src/sync/pull-only-replication';
import { startSync } from '../../renderer/src/sync/start-sync';
import { SyncClientError, SyncHttp, type FetchLike } from '../../renderer/src/sync/sync-http';
import { SyncStatusStore } from '../../renderer/src/sync/sync-status';
import {
  Api,
  backends,
  enrollDevice,
  pushRows,
  startTestServer,
  type EnrolledDevice,
  type TestServer,
} from './server-harness';
import { productDoc, storeDoc } from './server-fixtures';

const PRODUCTS = 250;
let opened = 0;

async function openDb(only: Parameters<typeof createPosDatabase>[0]['only']): Promise<PosDatabase> {
  return createPosDatabase({
    name: `boot-${process.pid}-${++opened}`,
    storage: posStorage({ indexedDB: new IDBFactory(), IDBKeyRange }),
    only,
  });
}

type Doc = Record<string, unknown>;
const priceOf = (doc: Doc | undefined) => (doc?.prices as { amount: number }[] | undefined)?.[0]?.amount;

describe.each(backends)('pull-only bootstrap on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  let device: EnrolledDevice;
  let products: Doc[];
  const dbs: PosDatabase[] = [];

  /** HQ writes a new state of a stored product (or its tombstone). */
  async function hqChange(master: Doc, next: Doc): Promise<void> {
    const answer = await hq.post<{ conflicts: unknown[]; rejected: unknown[] }>('/sync/products/push', [
      { assumedMasterState: { ...master, _deleted: false }, newDocumentState: next },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ conflicts: [], rejected: [] });
  }

  beforeAll(async () => {
    server = await startTestServer(backend);
    hq = new Api(server.url, server.hqToken);
    await hq.post('/sync/config/push', pushRows([storeDoc('S001')]));
    device = await enrollDevice(server, 'S001');
    products = Array.from({ length: PRODUCTS }, (_, i) => productDoc(`BOOT-${String(i).padStart(4, '0')}`, 100 + i));
    const answer = await hq.post<{ rejected: unknown[] }>('/sync/products/push', pushRows(products));
    expect(answer.body.rejected).toEqual([]);
  });
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.remove();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('pulls every page, and keeps what the server changed, added and deleted while the first run was under way', async () => {
    const db = await openDb(['products']);
    dbs.push(db);
    let pages = 0;
    const added = productDoc('BOOT-NEW', 777);
    const [first, second] = products as [Doc, Doc];
    const fetchDuring: FetchLike = async (input, init) => {
      const response = await fetch(input, init);
      // After the first page has been read (it holds `first` and `second`), HQ changes them.
      if (input.includes('/sync/products/pull') && ++pages === 1) {
        await hqChange(first, { ...first, prices: [{ ...(first.prices as Doc[])[0], amount: 9999 }], _deleted: false });
        await hqChange(second, { ...second, _deleted: true });
        await hq.post('/sync/products/push', pushRows([added]));
      }
      return response;
    };
    const status = new SyncStatusStore();
    const sync = replicatePullOnly({
      collection: db.products,
      http: new SyncHttp({ baseUrl: server.url, credential: device.credential, fetch: fetchDuring }),
      status,
      checkpoints: memoryCheckpoints(),
      identifier: 'test',
      pageSize: 100,
      writeChunk: 100,
    });
    await sync.awaitInSync();
    await sync.cancel();

    expect(pages).toBeGreaterThanOrEqual(3); // 100 + 100 + the rest with the three changes
    expect(await db.products.count().exec()).toBe(PRODUCTS); // 250 − 1 deleted + 1 added
    expect(priceOf((await db.products.findOne(first.id as string).exec())?.toJSON() as Doc)).toBe(9999);
    expect(await db.products.findOne(second.id as string).exec()).toBeNull();
    expect(await db.products.findOne(added.id as string).exec()).not.toBeNull();
    expect(status.current.lastError).toBeFalsy();
  });

  it('a first run resumed from an older checkpoint writes only the documents that differ', async () => {
    const db = await openDb(['products']);
    dbs.push(db);
    const http = new SyncHttp({ baseUrl: server.url, credential: device.credential });
    const status = new SyncStatusStore();
    const checkpoints = memoryCheckpoints();
    const options = { collection: db.products, http, status, checkpoints, identifier: 'resume', pageSize: 100 };
    const once = replicatePullOnly(options);
    await once.awaitInSync();
    await once.cancel();
    // As if the register stopped after writing the pages but before storing their checkpoint.
    await checkpoints.set('pos-sync:resume:products', 0);
    const target = products[10]!;
    await hqChange(target, { ...target, name: 'Renamed while the register was off', _deleted: false });
    const written: string[] = [];
    const watch = db.products.eventBulks$.subscribe((bulk) => written.push(...bulk.events.map((e) => e.documentId)));
    const again = replicatePullOnly(options);
    await again.awaitInSync();
    await again.cancel();
    watch.unsubscribe();
    expect(written).toEqual([target.id]);
    expect((await db.products.findOne(target.id as string).exec())?.get('name')).toBe(
      'Renamed while the register was off',
    );
  });

  it('startSync uses the pull-only loop for server-owned collections and resumes from the stored checkpoint', async () => {
    const db = await openDb(['products', 'orders']);
    dbs.push(db);
    const first = startSync({ db, serverUrl: server.url, credential: device.credential });
    await first.awaitInSync();
    await first.stop();
    const stored = await localCheckpoints(db)!.get(`pos-sync:${server.url}:products`);
    expect(stored).toBeGreaterThan(0);
    expect(await db.products.count().exec()).toBeGreaterThanOrEqual(PRODUCTS);

    const pulls: string[] = [];
    const spy: FetchLike = (input, init) => {
      if (input.includes('/sync/products/pull')) pulls.push(new URL(input).searchParams.get('seq') ?? '');
      return fetch(input, init);
    };
    const restarted = startSync({ db, serverUrl: server.url, credential: device.credential, fetch: spy });
    await restarted.awaitInSync();
    await restarted.stop();
    expect(pulls[0]).toBe(String(stored));
    // Products are never pushed by a register: nothing waits to go up, nothing was refused.
    expect(restarted.status.pending).toBe(0);
    expect(restarted.status.refused).toEqual([]);
  });

  it('a malformed page is reported with a code, nothing is stored from it, and the pull is retried', async () => {
    const db = await openDb(['products']);
    dbs.push(db);
    let calls = 0;
    const broken: FetchLike = async (input, init) => {
      if (++calls === 1)
        return new Response(JSON.stringify({ documents: 'nope', checkpoint: { seq: 5 } }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      return fetch(input, init);
    };
    const status = new SyncStatusStore();
    const codes: string[] = [];
    const sub = status.status$.subscribe((s) => {
      if (s.lastError) codes.push(s.lastError.code);
    });
    const sync = replicatePullOnly({
      collection: db.products,
      http: new SyncHttp({ baseUrl: server.url, credential: device.credential, fetch: broken }),
      status,
      checkpoints: memoryCheckpoints(),
      identifier: 'broken',
    });
    await sync.awaitInSync();
    await sync.cancel();
    sub.unsubscribe();
    expect(codes).toContain(SyncClientError.BAD_RESPONSE);
    expect(await db.products.count().exec()).toBeGreaterThanOrEqual(PRODUCTS);
  });
});
