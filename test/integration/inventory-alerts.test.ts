// Stock alerts against a real server (SQLite, and PostgreSQL when POS_TEST_PG_URL is set): HQ sets
// reorder points per store and SKU; a register sees its own store's negative, oversold and
// below-reorder items with a suggestion that counts stock in transit; HQ sees any store or all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreAlerts } from '../../sync-server/inventory/alert-service';
import { ALERT_PATHS } from '../../sync-server/inventory/alert-routes';
import { InventoryError } from '../../shared/inventory/errors';
import { transitLocationId } from '../../shared/inventory/transit';
import {
  Api,
  backends,
  enrollDevice,
  pushRows,
  startTestServer,
  type EnrolledDevice,
  type TestServer,
} from './server-harness';
import { movementDoc, storeDoc } from './server-fixtures';

describe.each(backends)('stock alerts and reorder points on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  let s1: EnrolledDevice;
  let s2: EnrolledDevice;
  const summary = (a: StoreAlerts) => a.alerts.map((x) => [x.sku, x.kind, x.available, x.suggestedQuantity ?? null]);

  beforeAll(async () => {
    server = await startTestServer(backend);
    hq = new Api(server.url, server.hqToken);
    const stores = [storeDoc('S001'), storeDoc('S002')];
    await hq.post('/sync/config/push', pushRows(stores));
    const [a, b] = stores.map((s) => String(s.id)) as [string, string];
    await hq.post(
      '/sync/inventory_movements/push',
      pushRows([
        movementDoc(a, 'MUG', 'receipt', 3),
        movementDoc(a, 'TEE', 'receipt', 40),
        movementDoc(a, 'CAP', 'sale', -2),
        movementDoc(a, 'SOCK', 'receipt', 1),
        movementDoc(a, 'SOCK', 'reservation', 2),
        movementDoc(a, 'PEN', 'receipt', 2),
        // 5 pens already on their way to S001.
        movementDoc(transitLocationId(a), 'PEN', 'transfer_in', 5),
        movementDoc(b, 'MUG', 'receipt', 1),
      ]),
    );
    [s1, s2] = [await enrollDevice(server, 'S001'), await enrollDevice(server, 'S002')];
  });
  afterAll(async () => server?.dispose());

  it('HQ sets reorder points; the register sees its own alerts with suggestions', async () => {
    const put = await hq.request<{ saved: number }>('PUT', ALERT_PATHS.reorderPoints, {
      points: [
        { storeId: 'S001', sku: 'MUG', reorderPoint: 5, reorderQuantity: 10 },
        { storeId: 'S001', sku: 'TEE', reorderPoint: 5 },
        { storeId: 'S001', sku: 'PEN', reorderPoint: 4, reorderQuantity: 6 },
        { storeId: 'S002', sku: 'MUG', reorderPoint: 2, reorderQuantity: 4 },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.saved).toBe(4);
    const mine = await s1.api.get<{ stores: StoreAlerts[] }>(ALERT_PATHS.alerts);
    expect(mine.status).toBe(200);
    expect(mine.body.stores.map((s) => s.storeCode)).toEqual(['S001']);
    expect(summary(mine.body.stores[0]!)).toEqual([
      ['CAP', 'negative', -2, null],
      ['SOCK', 'oversold', -1, null],
      ['MUG', 'below_reorder', 3, 12],
      ['PEN', 'below_reorder', 2, 3],
    ]);
  });

  it('a sale that takes a store below its point raises the alert at once; HQ lists every store', async () => {
    await s2.api.post('/sync/inventory_movements/push', pushRows([movementDoc(s2.storeId, 'MUG', 'sale', -1)]));
    const all = await hq.get<{ stores: StoreAlerts[] }>(ALERT_PATHS.alerts);
    expect(all.body.stores.map((s) => s.storeCode)).toEqual(['S001', 'S002']);
    expect(summary(all.body.stores[1]!)).toEqual([['MUG', 'below_reorder', 0, 6]]);
    const one = await hq.get<{ stores: StoreAlerts[] }>(`${ALERT_PATHS.alerts}?storeId=S002`);
    expect(one.body.stores).toEqual([all.body.stores[1]]);
  });

  it('refuses registers setting points, bad points and unknown stores', async () => {
    const byRegister = await s1.api.request('PUT', ALERT_PATHS.reorderPoints, {
      points: [{ storeId: 'S001', sku: 'MUG', reorderPoint: 1 }],
    });
    expect(byRegister.status).toBe(403);
    for (const body of [
      {},
      { points: [] },
      { points: [{ storeId: 'S001', sku: 'MUG', reorderPoint: -1 }] },
      { points: [{ storeId: 'S001', sku: 'MUG', reorderPoint: '5' }] },
      { points: [{ storeId: 'S009', sku: 'MUG', reorderPoint: 5 }] },
      { points: [null] },
    ]) {
      const r = await hq.request<{ code: string; message: string }>('PUT', ALERT_PATHS.reorderPoints, body);
      expect(r.status).toBe(400);
      expect([InventoryError.BAD_REORDER_POINT, InventoryError.UNKNOWN_STORE]).toContain(r.body.code);
      expect(r.body.message.length).toBeGreaterThan(10);
    }
    expect((await hq.get(`${ALERT_PATHS.alerts}?storeId=S404`)).status).toBe(400);
  });
});
