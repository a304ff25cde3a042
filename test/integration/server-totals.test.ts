// GET /sync/totals: live documents per collection in the caller's scope and the latest seq, for
// the register's first-run percent. Both backends.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPosDatabase, posStorage } from '../../renderer/src/local-data/create-database';
import { startSync } from '../../renderer/src/sync/start-sync';
import { initialSyncProgress } from '../../renderer/src/sync/totals';
import { Api, backends, pushRows, type EnrolledDevice, type TestServer, startTwoStoreServer } from './server-harness';
import { orderDoc, productDoc } from './server-fixtures';

interface Totals {
  collections: Record<string, number>;
  seq: number;
}

describe.each(backends)('sync totals on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  let a: EnrolledDevice;
  let b: EnrolledDevice;

  beforeAll(async () => {
    ({ server, hq, a, b } = await startTwoStoreServer(backend));
    const products = Array.from({ length: 30 }, (_, i) => productDoc(`TOT-${i}`));
    await hq.post('/sync/products/push', pushRows(products));
    // One product deleted: a register will not hold it, so it is not counted.
    await hq.post('/sync/products/push', [
      { assumedMasterState: { ...products[0], _deleted: false }, newDocumentState: { ...products[0], _deleted: true } },
    ]);
    expect(
      (
        await a.api.post<{ rejected: unknown[] }>(
          '/sync/orders/push',
          pushRows([orderDoc(a.storeId), orderDoc(a.storeId)]),
        )
      ).body.rejected,
    ).toEqual([]);
    expect(
      (await b.api.post<{ rejected: unknown[] }>('/sync/orders/push', pushRows([orderDoc(b.storeId)]))).body.rejected,
    ).toEqual([]);
  });
  afterAll(async () => {
    await server.dispose();
  });

  it("counts live documents in each device's scope, every collection listed, with the latest seq", async () => {
    const forA = await a.api.get<Totals>('/sync/totals');
    const forB = await b.api.get<Totals>('/sync/totals');
    const forHq = await hq.get<Totals>('/sync/totals');
    expect(forA.status).toBe(200);
    expect(Object.keys(forA.body.collections)).toHaveLength(12);
    expect(forA.body.collections).toMatchObject({ products: 29, config: 2, orders: 2, payments: 0 });
    expect(forB.body.collections).toMatchObject({ products: 29, orders: 1 });
    expect(forHq.body.collections).toMatchObject({ products: 29, orders: 3 });
    const metrics = await (
      await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.hqToken}` } })
    ).text();
    expect(forA.body.seq).toBe(Number(/^pos_sync_latest_seq (\d+)/m.exec(metrics)?.[1]));
  });

  it('refuses a request without a credential', async () => {
    const answer = await new Api(server.url, undefined).get<{ code: string }>('/sync/totals');
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('SYNC_UNAUTHENTICATED');
  });

  it('gives a register 100 % exactly when its replica holds what the totals announced', async () => {
    const db = await createPosDatabase({
      name: `totals-${process.pid}`,
      storage: posStorage({ indexedDB: new IDBFactory(), IDBKeyRange }),
      only: ['products', 'config', 'orders'],
    });
    const sync = startSync({ db, serverUrl: server.url, credential: a.credential });
    try {
      const totals = await sync.totals();
      await sync.awaitInSync();
      const counts = {
        products: await db.products.count().exec(),
        config: await db.config.count().exec(),
        orders: await db.orders.count().exec(),
      };
      expect(counts).toEqual({ products: 29, config: 2, orders: 2 });
      expect(initialSyncProgress(totals, counts).percent).toBe(100);
      expect(initialSyncProgress(totals, { ...counts, products: 0 }).percent).toBeLessThan(100);
    } finally {
      await sync.stop();
      await db.remove();
    }
  });
});
