// Three registers (real RxDB + Dexie on fake-indexeddb) in two stores against a real server:
// they converge, a change on one reaches the others over the live stream, and the sync status
// tells the clerk what was refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createPosDatabase, posStorage, type PosDatabase } from '../../renderer/src/local-data/create-database';
import { startSync, type SyncController } from '../../renderer/src/sync/start-sync';
import { Api, backends, enrollDevice, pushRows, startTestServer, type TestServer } from './server-harness';
import { orderDoc, productDoc, storeDoc } from './server-fixtures';

interface Register {
  db: PosDatabase;
  sync: SyncController;
  storeId: string;
}

async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for: ${what}`);
}

describe.each(backends)('three registers on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  const registers: Register[] = [];
  const storeA = storeDoc('S001');
  const storeB = storeDoc('S002');
  const products = Array.from({ length: 30 }, (_, i) => productDoc(`SKU-${i}`, 100 + i));

  beforeAll(async () => {
    server = await startTestServer(backend);
    hq = new Api(server.url, server.hqToken);
    await hq.post('/sync/config/push', pushRows([storeA, storeB]));
    await hq.post('/sync/products/push', pushRows(products));
    for (const [i, code] of ['S001', 'S001', 'S002'].entries()) {
      const device = await enrollDevice(server, code, `Register ${i}`);
      // Four collections each: the free RxDB edition allows 13 open collections per process.
      const db = await createPosDatabase({
        name: `reg-${backend}-${i}-${Date.now()}`,
        storage: posStorage({ indexedDB: new IDBFactory(), IDBKeyRange }),
        only: ['products', 'orders', 'order_events', 'inventory_levels'],
      });
      registers.push({
        db,
        sync: startSync({ db, serverUrl: server.url, credential: device.credential }),
        storeId: device.storeId,
      });
    }
  });

  afterAll(async () => {
    for (const register of registers) {
      await register.sync.stop();
      await register.db.remove();
    }
    registers.length = 0;
    await server?.dispose();
  });

  it('pulls the catalog into every register and reports itself online', async () => {
    for (const register of registers) {
      await register.sync.awaitInSync();
      expect(await register.db.products.count().exec()).toBe(products.length);
    }
    await eventually(() => registers.every((r) => r.sync.status.online && r.sync.status.streamConnected), 'all online');
    expect(registers[0]!.sync.status.lastSyncAt).not.toBeNull();
  });

  it('carries a sale to the other register of the store over the live stream, and not to the other store', async () => {
    const [a1, a2, b1] = registers as [Register, Register, Register];
    const order = orderDoc(a1.storeId);
    await a1.db.orders.insert(order as never);
    await eventually(
      async () => (await a2.db.orders.findOne(order.id as string).exec()) !== null,
      'order on the second register',
    );
    await a1.sync.awaitInSync();
    expect(a1.sync.status.pending).toBe(0);
    await b1.sync.awaitInSync();
    expect(await b1.db.orders.findOne(order.id as string).exec()).toBeNull();
  });

  it('pushes an update the server accepts as based on its master state (no conflict)', async () => {
    const [a1, a2] = registers as [Register, Register, Register];
    const order = orderDoc(a1.storeId, { status: 'open' });
    await a1.db.orders.insert(order as never);
    await a1.sync.awaitInSync();
    const doc = await a1.db.orders.findOne(order.id as string).exec();
    await doc!.incrementalPatch({ status: 'completed' } as never);
    await a1.sync.awaitInSync();
    expect(a1.sync.status.conflicts).toBe(0);
    await eventually(
      async () => (await a2.db.orders.findOne(order.id as string).exec())?.get('status') === 'completed',
      'completed on the second register',
    );
    const onServer = await hq.get<{ documents: Record<string, unknown>[] }>('/sync/orders/pull?seq=0&limit=1000');
    expect(onServer.body.documents.find((d) => d.id === order.id)).toMatchObject({ status: 'completed' });
  });

  it('delivers an HQ price change to all registers', async () => {
    const product = products[0]!;
    const master = { ...product, _deleted: false };
    const changed = {
      ...product,
      prices: [{ priceBookId: (product.prices as { priceBookId: string }[])[0]!.priceBookId, amount: 777 }],
      _deleted: false,
    };
    const result = await hq.post<{ conflicts: unknown[] }>('/sync/products/push', [
      { newDocumentState: changed, assumedMasterState: master },
    ]);
    expect(result.body.conflicts).toEqual([]);
    for (const register of registers) {
      await eventually(async () => {
        const doc = await register.db.products.findOne(product.id as string).exec();
        return (doc?.toJSON() as { prices?: { amount: number }[] } | undefined)?.prices?.[0]?.amount === 777;
      }, 'new price on every register');
    }
  });

  it('shows refused documents in the sync status and keeps syncing the rest', async () => {
    const [a1, a2] = registers as [Register, Register, Register];
    const bad = orderDoc(a1.storeId);
    (bad.lines as Record<string, unknown>[])[0]!.unitPrice = -1;
    const foreign = orderDoc(registers[2]!.storeId);
    const good = orderDoc(a1.storeId);
    // RxDB's own schema checks are off in production builds, as on a real register.
    await a1.db.orders.bulkInsert([bad, foreign, good] as never[]);
    await eventually(() => a1.sync.status.refused.length >= 2, 'two refused documents');
    const refused = Object.fromEntries(a1.sync.status.refused.map((r) => [r.id, r]));
    expect(refused[bad.id as string]).toMatchObject({
      collection: 'orders',
      code: 'SYNC_INVALID_DOCUMENT',
      field: 'lines.0.unitPrice',
    });
    expect(refused[foreign.id as string]).toMatchObject({ collection: 'orders', code: 'SYNC_FORBIDDEN' });
    await eventually(
      async () => (await a2.db.orders.findOne(good.id as string).exec()) !== null,
      'good order reaches the second register',
    );
    const all = await hq.get<{ documents: { id: string }[] }>('/sync/orders/pull?seq=0&limit=1000');
    const ids = all.body.documents.map((d) => d.id);
    expect(ids).toContain(good.id);
    expect(ids).not.toContain(bad.id);
    expect(ids).not.toContain(foreign.id);
  });
});
