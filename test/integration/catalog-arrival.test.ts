// The register sells on a catalog that has arrived but is not stored yet (renderer/src/sync/
// arriving-documents.ts, pull-only-replication.ts, local-data/catalog.ts): scans and search answer
// from the pulled pages while the IndexedDB write is held back, and a crash in the middle of that
// background write loses nothing: the next start resumes from the stored checkpoint and ends with
// every product stored. Real server, real RxDB on Dexie (fake-indexeddb); both backends.
import type { RxCollection } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../renderer/src/local-data/catalog';
import { ArrivingDocuments } from '../../renderer/src/sync/arriving-documents';
import { localCheckpoints } from '../../renderer/src/sync/checkpoint-store';
import { replicatePullOnly } from '../../renderer/src/sync/pull-only-replication';
import { SyncHttp, type FetchLike } from '../../renderer/src/sync/sync-http';
import { SyncStatusStore } from '../../renderer/src/sync/sync-status';
import { useCatalogServer, type Doc } from './catalog-fixture';
import { backends } from './server-harness';

const PRODUCTS = 250;
const PAGE = 50;

/** The products collection with its bulkInsert replaced (the rest is the real collection). */
function withBulkInsert(
  collection: RxCollection,
  bulkInsert: (docs: Doc[], real: (docs: Doc[]) => Promise<unknown>) => Promise<unknown>,
): RxCollection {
  const real = (docs: Doc[]) => collection.bulkInsert(docs);
  return new Proxy(collection, {
    get(target, property) {
      if (property === 'bulkInsert') return (docs: Doc[]) => bulkInsert(docs, real);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe.each(backends)('catalog on arrival on %s', (backend) => {
  const fx = useCatalogServer(backend, { prefix: 'ARR', products: PRODUCTS });

  it('scans and searches every product as soon as it has arrived, while nothing is stored yet', async () => {
    const db = await fx.openDb(['products']);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let writes = 0;
    const collection = withBulkInsert(db.products, async (docs, real) => {
      writes++;
      await held;
      return real(docs);
    });
    const arriving = new ArrivingDocuments();
    const catalog = new Catalog(
      db,
      () => '',
      () => undefined,
      { products: arriving },
    );
    await catalog.warm();
    const sync = replicatePullOnly({
      collection,
      http: new SyncHttp({ baseUrl: fx.server.url, credential: fx.device.credential }),
      status: new SyncStatusStore(),
      checkpoints: localCheckpoints(db)!,
      identifier: 'arrive',
      pageSize: PAGE,
      writeChunk: 100,
      arriving,
    });
    await sync.awaitArrived();

    // Everything has arrived, the first write is held: nothing is in IndexedDB.
    await expect.poll(() => writes).toBe(1);
    expect(await db.products.count().exec()).toBe(0);
    expect(arriving.size).toBe(PRODUCTS);
    const last = fx.products[PRODUCTS - 1]!;
    expect(await catalog.findByBarcode(last.sku as string)).toMatchObject({ id: last.id, price: 100 + PRODUCTS - 1 });
    const found = await catalog.search(last.name as string, 5);
    expect(found[0]).toMatchObject({ id: last.id, name: last.name });
    expect(await catalog.findByBarcode('NO-SUCH-CODE')).toBeUndefined();

    release();
    await sync.awaitInSync();
    await sync.cancel();
    // Stored: the pending copies are dropped and lookups read IndexedDB again.
    expect(arriving.size).toBe(0);
    expect(await db.products.count().exec()).toBe(PRODUCTS);
    expect(await catalog.findByBarcode(last.sku as string)).toMatchObject({ id: last.id });
    catalog.stop();
  });

  it('a crash in the middle of the background write loses nothing: the next start resumes from the stored checkpoint', async () => {
    const db = await fx.openDb(['products']);
    const checkpoints = localCheckpoints(db)!;
    const key = 'pos-sync:crash:products';
    let writes = 0;
    // The second chunk's write dies half-way (as far as IndexedDB lets it: half the chunk lands),
    // then the register is gone: no retry, no checkpoint for that chunk.
    const dying = withBulkInsert(db.products, async (docs, real) => {
      if (++writes < 2) return real(docs);
      await real(docs.slice(0, docs.length / 2));
      throw new Error('register killed during the write');
    });
    const first = replicatePullOnly({
      collection: dying,
      http: new SyncHttp({ baseUrl: fx.server.url, credential: fx.device.credential }),
      status: new SyncStatusStore(),
      checkpoints,
      identifier: 'crash',
      pageSize: PAGE,
      writeChunk: 100,
      arriving: new ArrivingDocuments(),
    });
    await first.awaitArrived();
    await expect.poll(() => writes, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await first.cancel();
    const afterCrash = await checkpoints.get(key);
    const storedAfterCrash = await db.products.count().exec();
    expect(storedAfterCrash).toBe(150); // the first chunk (100) and half the second
    expect(afterCrash).toBeGreaterThan(0);

    // The next start: pulls from the checkpoint of the first chunk, not from 0 and not past it.
    const pulls: string[] = [];
    const spy: FetchLike = (input, init) => {
      if (input.includes('/sync/products/pull')) pulls.push(new URL(input).searchParams.get('seq') ?? '');
      return fetch(input, init);
    };
    const arriving = new ArrivingDocuments();
    const catalog = new Catalog(
      db,
      () => '',
      () => undefined,
      { products: arriving },
    );
    void catalog.warm();
    const again = replicatePullOnly({
      collection: db.products,
      http: new SyncHttp({ baseUrl: fx.server.url, credential: fx.device.credential, fetch: spy }),
      status: new SyncStatusStore(),
      checkpoints,
      identifier: 'crash',
      pageSize: PAGE,
      writeChunk: 100,
      arriving,
    });
    await again.awaitInSync();
    await again.cancel();
    expect(pulls[0]).toBe(String(afterCrash));
    expect(await checkpoints.get(key)).toBeGreaterThan(afterCrash);
    expect(await db.products.count().exec()).toBe(PRODUCTS);
    const stored = await db.products.findByIds(fx.products.map((p) => p.id as string)).exec();
    for (const product of fx.products) {
      const doc = stored.get(product.id as string)?.toJSON() as Doc | undefined;
      expect(doc?.sku).toBe(product.sku);
      expect((doc?.prices as { amount: number }[])[0]?.amount).toBe(
        (product.prices as { amount: number }[])[0]!.amount,
      );
    }
    // Products stored before the crash and after it are all found by the restarted catalog.
    for (const product of [fx.products[0]!, fx.products[120]!, fx.products[PRODUCTS - 1]!])
      expect(await catalog.findByBarcode(product.sku as string)).toMatchObject({ id: product.id });
    catalog.stop();
  });
  it('a page written in pieces stores its checkpoint only after its last piece, so a crash inside it resumes from the page before', async () => {
    const db = await fx.openDb(['products']);
    const checkpoints = localCheckpoints(db)!;
    const key = 'pos-sync:pieces:products';
    const pageSeqs: number[] = [];
    const recording: FetchLike = async (input, init) => {
      const response = await fetch(input, init);
      const page = (await response.clone().json()) as { checkpoint: { seq: number } };
      pageSeqs.push(page.checkpoint.seq);
      return response;
    };
    // Pages of 100 written 40 at a time: 40, 40, 20 for the first page, then the second page's
    // second piece dies half-way (half of it lands) and the register is gone.
    const seenCheckpoints: number[] = [];
    let writes = 0;
    const dying = withBulkInsert(db.products, async (docs, real) => {
      seenCheckpoints.push(await checkpoints.get(key));
      expect(docs.length).toBeLessThanOrEqual(40);
      if (++writes < 5) return real(docs);
      await real(docs.slice(0, docs.length / 2));
      throw new Error('register killed during the write');
    });
    const first = replicatePullOnly({
      collection: dying,
      http: new SyncHttp({ baseUrl: fx.server.url, credential: fx.device.credential, fetch: recording }),
      status: new SyncStatusStore(),
      checkpoints,
      identifier: 'pieces',
      pageSize: 100,
      backgroundChunk: 40,
      arriving: new ArrivingDocuments(),
    });
    await first.awaitArrived();
    await expect.poll(() => writes, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    await first.cancel();
    // No checkpoint while the first page was in pieces; the first page's after its last piece.
    expect(seenCheckpoints.slice(0, 5)).toEqual([0, 0, 0, pageSeqs[0], pageSeqs[0]]);
    expect(await checkpoints.get(key)).toBe(pageSeqs[0]);
    expect(await db.products.count().exec()).toBe(100 + 40 + 20);

    const again = replicatePullOnly({
      collection: db.products,
      http: new SyncHttp({ baseUrl: fx.server.url, credential: fx.device.credential }),
      status: new SyncStatusStore(),
      checkpoints,
      identifier: 'pieces',
      pageSize: 100,
      backgroundChunk: 40,
      arriving: new ArrivingDocuments(),
    });
    await again.awaitInSync();
    await again.cancel();
    expect(await db.products.count().exec()).toBe(PRODUCTS);
    const stored = await db.products.findByIds(fx.products.map((p) => p.id as string)).exec();
    expect(stored.size).toBe(PRODUCTS);
  });
});
