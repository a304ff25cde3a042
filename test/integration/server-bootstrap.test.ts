// The register's pull-only replication of server-owned collections (renderer/src/sync/
// pull-only-replication.ts): a first run in pages, documents changed, added or deleted on the
// server while it runs, a resumed first run that rewrites nothing it already has, checkpoints kept
// across restarts, and a malformed page reported with a code and retried. Real server, real RxDB
// on Dexie (fake-indexeddb); both backends.
import { describe, expect, it } from 'vitest';
import { localCheckpoints, memoryCheckpoints } from '../../renderer/src/sync/checkpoint-store';
import { replicatePullOnly } from '../../renderer/src/sync/pull-only-replication';
import { startSync } from '../../renderer/src/sync/start-sync';
import { SyncClientError, SyncHttp, type FetchLike } from '../../renderer/src/sync/sync-http';
import { SyncStatusStore } from '../../renderer/src/sync/sync-status';
import { useCatalogServer, type Doc } from './catalog-fixture';
import { backends, pushRows } from './server-harness';
import { productDoc } from './server-fixtures';

const PRODUCTS = 250;

const priceOf = (doc: Doc | undefined) => (doc?.prices as { amount: number }[] | undefined)?.[0]?.amount;

describe.each(backends)('pull-only bootstrap on %s', (backend) => {
  const fx = useCatalogServer(backend, { prefix: 'BOOT', products: PRODUCTS });

  /** HQ writes a new state of a stored product (or its tombstone). */
  async function hqChange(master: Doc, next: Doc): Promise<void> {
    const answer = await fx.hq.post<{ conflicts: unknown[]; rejected: unknown[] }>('/sync/products/push', [
      { assumedMasterState: { ...master, _deleted: false }, newDocumentState: next },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ conflicts: [], rejected: [] });
  }

  it('pulls every page, and keeps what the server changed, added and deleted while the first run was under way', async () => {
    const db = await fx.openDb(['products']);
    let pages = 0;
    const added = productDoc('BOOT-NEW', 777);
    const [first, second] = fx.products as [Doc, Doc];
    const fetchDuring: FetchLike = async (input, init) => {
      const response = await fetch(input, init);
      // After the first page has been read (it holds `first` and `second`), HQ changes them.
      if (input.includes('/sync/products/pull') && ++pages === 1) {
        await hqChange(first, { ...first, prices: [{ ...(first.prices as Doc[])[0], amount: 9999 }], _deleted: false });
        await hqChange(second, { ...second, _deleted: true });
        await fx.hq.post('/sync/products/push', pushRows([added]));
      }
      return response;
    };
    const status = new SyncStatusStore();
    const sync = replicatePullOnly({
      collection: db.products,
      http: new SyncHttp({ baseUrl: fx.server.url, credential: fx.device.credential, fetch: fetchDuring }),
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
    const db = await fx.openDb(['products']);
    const http = new SyncHttp({ baseUrl: fx.server.url, credential: fx.device.credential });
    const status = new SyncStatusStore();
    const checkpoints = memoryCheckpoints();
    const options = { collection: db.products, http, status, checkpoints, identifier: 'resume', pageSize: 100 };
    const once = replicatePullOnly(options);
    await once.awaitInSync();
    await once.cancel();
    // As if the register stopped after writing the pages but before storing their checkpoint.
    await checkpoints.set('pos-sync:resume:products', 0);
    const target = fx.products[10]!;
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
    const db = await fx.openDb(['products', 'orders']);
    const first = startSync({ db, serverUrl: fx.server.url, credential: fx.device.credential });
    await first.awaitInSync();
    await first.stop();
    const stored = await localCheckpoints(db)!.get(`pos-sync:${fx.server.url}:products`);
    expect(stored).toBeGreaterThan(0);
    expect(await db.products.count().exec()).toBeGreaterThanOrEqual(PRODUCTS);

    const pulls: string[] = [];
    const spy: FetchLike = (input, init) => {
      if (input.includes('/sync/products/pull')) pulls.push(new URL(input).searchParams.get('seq') ?? '');
      return fetch(input, init);
    };
    const restarted = startSync({ db, serverUrl: fx.server.url, credential: fx.device.credential, fetch: spy });
    await restarted.awaitInSync();
    await restarted.stop();
    expect(pulls[0]).toBe(String(stored));
    // Products are never pushed by a register: nothing waits to go up, nothing was refused.
    expect(restarted.status.pending).toBe(0);
    expect(restarted.status.refused).toEqual([]);
  });

  it('a malformed page is reported with a code, nothing is stored from it, and the pull is retried', async () => {
    const db = await fx.openDb(['products']);
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
      http: new SyncHttp({ baseUrl: fx.server.url, credential: fx.device.credential, fetch: broken }),
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
