// The answer to a push is lost after the server committed it (a proxy forwards the request and
// cuts the connection when the answer starts); the real RxDB register sees a network failure,
// retries the same rows, and the server recognises them as already stored: no duplicate order,
// no stock movement counted twice, no conflict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startTestServer, type TestServer } from './server-harness';
import { storeDoc } from './server-fixtures';
import { enroll, hqPush, openRegister, pullAll, type TestRegister } from '../support/sync-clients';
import { receiptMovement, registerSales } from '../support/sync-docs';
import { startDropProxy, type DropProxy } from '../support/sync-drop-proxy';

describe.each(backends)('lost push answers on %s', (backend) => {
  let server: TestServer;
  let proxy: DropProxy;
  let register: TestRegister;
  let storeId = '';

  beforeAll(async () => {
    server = await startTestServer(backend);
    const store = storeDoc('S001');
    storeId = String(store.id);
    await hqPush(server, 'config', [store]);
    await hqPush(server, 'inventory_movements', [receiptMovement(storeId, 'SKU-1', 10, 'lost')]);
    proxy = await startDropProxy(server.url);
    const device = await enroll(server, 'S001');
    register = await openRegister({ url: proxy.url, hqToken: server.hqToken }, device, [
      'orders',
      'inventory_movements',
    ]);
  });

  afterAll(async () => {
    await register?.close();
    await proxy?.close();
    await server?.dispose();
  });

  it('stores the retried push once', async () => {
    // Three sales of SKU-1 (the fixture spreads SKUs by sequence: 1, 11, 21 all end in 1).
    const sales = registerSales({ storeId, storeCode: 'S001', registerCode: 'R01' }, 3, 1);
    for (const movement of sales.movements) movement.sku = 'SKU-1';
    await register.db.orders.bulkInsert(sales.orders as never[]);
    await register.db.inventory_movements.bulkInsert(sales.movements as never[]);
    // The first answer of each collection's push is lost, and the first retry's as well.
    const metrics = server.server.metrics;
    const before = { pushes: metrics.pushes, documents: metrics.pushedDocuments };
    proxy.dropAnswers('/push', 4);
    const sync = register.startSync();
    await sync.awaitInSync();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await sync.awaitInSync();

    expect(proxy.dropped).toBe(4);
    // Every push the proxy cut off was processed by the server; each document was written once.
    expect(metrics.pushes - before.pushes).toBeGreaterThanOrEqual(4 + 2);
    expect(metrics.pushedDocuments - before.documents).toBe(6);
    expect(metrics.conflicts).toBe(0);
    expect(await server.server.storage.countDocuments('orders')).toBe(3);
    expect(await server.server.storage.countDocuments('inventory_movements')).toBe(4);
    const levels = await pullAll(server.url, server.hqToken, 'inventory_levels');
    expect(levels).toEqual([expect.objectContaining({ storeId, sku: 'SKU-1', onHand: 7, available: 7 })]);
    expect(sync.status.pending).toBe(0);
    expect(sync.status.conflicts).toBe(0);
    expect(sync.status.refused).toEqual([]);
    const orders = await pullAll(server.url, server.hqToken, 'orders');
    expect(orders.map((order) => order.id).sort()).toEqual(sales.orders.map((order) => order.id).sort());
  });
});
