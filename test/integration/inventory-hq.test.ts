// The HQ console's inventory API against a real server (SQLite, and PostgreSQL when
// POS_TEST_PG_URL is set): reorder points from a CSV upload (the importer's parser) with row
// errors, each store's alerts, acknowledging one until the level moves, and a store's ledger for
// an item explained line by line with who moved what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryError } from '../../shared/inventory/errors';
import {
  HQ_INVENTORY_PATHS,
  type ConsoleAlert,
  type ConsoleLedgerLine,
} from '../../sync-server/inventory/hq-inventory-routes';
import type { ReorderCsvReport } from '../../sync-server/inventory/reorder-points-csv';
import { fixtures } from '../support/fixtures/documents';
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

interface ConsoleStore {
  storeCode: string;
  alerts: ConsoleAlert[];
}

describe.each(backends)('HQ console inventory on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  let s1: EnrolledDevice;
  let storeA: string;
  const csv = (text: string) =>
    fetch(`${server.url}${HQ_INVENTORY_PATHS.reorderCsv}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.hqToken}`, 'content-type': 'text/csv' },
      body: text,
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as ReorderCsvReport & { code?: string } }));
  const alerts = async (query = '') =>
    (await hq.get<{ stores: ConsoleStore[] }>(`${HQ_INVENTORY_PATHS.alerts}${query}`)).body.stores;

  beforeAll(async () => {
    server = await startTestServer(backend);
    hq = new Api(server.url, server.hqToken);
    const stores = [storeDoc('S001'), storeDoc('S002')];
    await hq.post('/sync/config/push', pushRows(stores));
    storeA = String(stores[0]!.id);
    const storeB = String(stores[1]!.id);
    await hq.post('/sync/staff/push', pushRows([{ ...fixtures.staff, storeIds: [storeA] }]));
    await hq.post(
      '/sync/inventory_movements/push',
      pushRows([
        { ...movementDoc(storeA, 'MUG', 'receipt', 6), createdAt: '2026-12-03T08:00:00.000Z' },
        movementDoc(storeA, 'TEE', 'receipt', 40),
        movementDoc(storeB, 'MUG', 'receipt', 1),
      ]),
    );
    s1 = await enrollDevice(server, 'S001', 'Front till');
    await s1.api.post(
      '/sync/inventory_movements/push',
      pushRows([
        { ...movementDoc(storeA, 'MUG', 'sale', -2), deviceId: s1.deviceId, staffId: fixtures.staff.id },
        { ...movementDoc(storeA, 'MUG', 'sale', -1), deviceId: s1.deviceId },
      ]),
    );
  });
  afterAll(async () => server?.dispose());

  it('reads reorder points from CSV, reporting bad rows by row and column and saving the rest', async () => {
    const upload = await csv(
      [
        'Store Code,SKU,Reorder Point,Reorder Quantity',
        'S001,MUG,5,10',
        'S001,TEE,5,',
        'S002,MUG,2,4',
        'S009,MUG,1,1',
        'S001,CAP,lots,1',
        'S001,MUG,7,1',
      ].join('\n'),
    );
    expect(upload.status).toBe(200);
    expect(upload.body).toMatchObject({ rows: 6, saved: 3, errorCount: 3 });
    expect(upload.body.errors.map((e) => [e.row, e.column])).toEqual([
      [4, 'store_code'],
      [5, 'reorder_point'],
      [6, 'sku'],
    ]);
    const noHeader = await csv('store,sku\nS001,MUG\n');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.code).toBe(InventoryError.BAD_REORDER_POINT);
  });

  it("lists each store's alerts; an acknowledgement holds until the level moves", async () => {
    const [a, b] = await alerts();
    expect(a!.storeCode).toBe('S001');
    expect(a!.alerts.map((x) => [x.sku, x.kind, x.available, x.suggestedQuantity])).toEqual([
      ['MUG', 'below_reorder', 3, 12],
    ]);
    expect(b!.alerts.map((x) => [x.sku, x.kind, x.available])).toEqual([['MUG', 'below_reorder', 1]]);
    const ack = await hq.post<{ acknowledged: { by: string } }>(HQ_INVENTORY_PATHS.acknowledge, {
      storeId: 'S001',
      sku: 'MUG',
      kind: 'below_reorder',
    });
    expect(ack.status).toBe(200);
    expect((await alerts('?storeId=S001'))[0]!.alerts[0]!.acknowledged).toMatchObject({ by: 'hq-token' });
    // Another sale moves the level: the alert is news again.
    await s1.api.post('/sync/inventory_movements/push', pushRows([movementDoc(storeA, 'MUG', 'sale', -1)]));
    const after = (await alerts('?storeId=S001'))[0]!.alerts[0]!;
    expect(after).toMatchObject({ sku: 'MUG', available: 2 });
    expect(after.acknowledged).toBeUndefined();
    const none = await hq.post<{ code: string }>(HQ_INVENTORY_PATHS.acknowledge, {
      storeId: 'S001',
      sku: 'TEE',
      kind: 'below_reorder',
    });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe(InventoryError.ALERT_NOT_FOUND);
  });

  it("explains a store's ledger for an item line by line: type, quantity, who, when, running level", async () => {
    const ledger = await hq.get<{ storeCode: string; lines: ConsoleLedgerLine[]; level: { onHand: number } }>(
      `${HQ_INVENTORY_PATHS.ledger}?storeId=S001&sku=MUG`,
    );
    expect(ledger.status).toBe(200);
    expect(ledger.body.lines.map((l) => [l.type, l.quantity, l.who, l.onHandAfter])).toEqual([
      ['receipt', 6, 'test-device', 6],
      ['sale', -2, `${fixtures.staff.displayName} (S001-R01)`, 4],
      ['sale', -1, 'S001-R01', 3],
      ['sale', -1, 'test-device', 2],
    ]);
    expect(ledger.body.lines[0]!.createdAt).toBe('2026-12-03T08:00:00.000Z');
    expect(ledger.body.level.onHand).toBe(2);
    const bad = await hq.get<{ code: string }>(`${HQ_INVENTORY_PATHS.ledger}?storeId=S001`);
    expect(bad.body.code).toBe(InventoryError.BAD_LEDGER_QUERY);
    const unknown = await hq.get<{ code: string }>(`${HQ_INVENTORY_PATHS.ledger}?storeId=S404&sku=MUG`);
    expect(unknown.body.code).toBe(InventoryError.UNKNOWN_STORE);
    const anonymous = await new Api(server.url, undefined).get<{ code: string }>(
      `${HQ_INVENTORY_PATHS.ledger}?storeId=S001&sku=MUG`,
    );
    expect(anonymous.status).toBe(401);
  });
});
