// A transfer S001 → S002 against a real server (SQLite, and PostgreSQL when POS_TEST_PG_URL is
// set): requested by S002, approved and shipped by S001 (stock in transit, available at neither),
// received at S002 one unit short, with the discrepancy on the transfer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_PATHS, type AvailabilityAnswer } from '../../shared/inventory/availability';
import { InventoryError } from '../../shared/inventory/errors';
import type { Transfer } from '../../shared/inventory/transfers';
import { TRANSFER_PATHS } from '../../sync-server/inventory/transfer-routes';
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

const ID = '0193a000-0000-7000-8000-0000000000c1';
const SKU = 'MUG-RED-12';

describe.each(backends)('transfers on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  let s1: EnrolledDevice;
  let s2: EnrolledDevice;
  let s3: EnrolledDevice;
  const step = (api: Api, name: string, lines?: unknown) =>
    api.post<Transfer & { code?: string }>(
      TRANSFER_PATHS.step.replace(':id', ID).replace(':step', name),
      lines ? { lines } : {},
    );
  const levels = async () =>
    (
      await hq.post<AvailabilityAnswer>(INVENTORY_PATHS.availability, {
        skus: [SKU],
        storeIds: [s1.storeId, s2.storeId],
      })
    ).body.rows.map((r) => [r.storeCode, r.onHand, r.available, r.inTransit]);

  beforeAll(async () => {
    server = await startTestServer(backend);
    hq = new Api(server.url, server.hqToken);
    const stores = [storeDoc('S001'), storeDoc('S002'), storeDoc('S003')];
    await hq.post('/sync/config/push', pushRows(stores));
    await hq.post('/sync/inventory_movements/push', pushRows([movementDoc(String(stores[0]!.id), SKU, 'receipt', 20)]));
    [s1, s2, s3] = [
      await enrollDevice(server, 'S001'),
      await enrollDevice(server, 'S002'),
      await enrollDevice(server, 'S003'),
    ];
  });
  afterAll(async () => server?.dispose());

  it('S002 requests, S001 approves and ships 10: in transit, available at neither store', async () => {
    const created = await s2.api.post<Transfer>(TRANSFER_PATHS.create, {
      id: ID,
      fromStoreId: 'S001',
      lines: [{ sku: SKU, quantity: 10 }],
    });
    expect(created).toMatchObject({
      status: 201,
      body: { status: 'requested', fromStoreId: s1.storeId, toStoreId: s2.storeId },
    });
    expect(await step(s2.api, 'approve')).toMatchObject({ status: 403 });
    expect(await step(s1.api, 'ship', [{ sku: SKU, quantity: 10 }])).toMatchObject({
      status: 400,
      body: { code: InventoryError.TRANSFER_STATE },
    });
    expect((await step(s1.api, 'approve')).body.status).toBe('approved');
    expect(
      (await s1.api.get<{ outgoing: Transfer[] }>(TRANSFER_PATHS.create)).body.outgoing.map((t) => [t.id, t.status]),
    ).toEqual([[ID, 'approved']]);
    expect((await step(s1.api, 'ship', [{ sku: SKU, quantity: 10 }])).body.status).toBe('shipped');
    expect(
      (await s2.api.get<{ incoming: Transfer[] }>(TRANSFER_PATHS.create)).body.incoming.map((t) => [t.id, t.status]),
    ).toEqual([[ID, 'shipped']]);
    expect((await s1.api.get<{ outgoing: Transfer[] }>(TRANSFER_PATHS.create)).body.outgoing).toEqual([]);
    expect(await levels()).toEqual([
      ['S001', 10, 10, 0],
      ['S002', 0, 0, 10],
    ]);
  });

  it('S002 receives 9: shelf +9, transit back to 0, the missing unit recorded', async () => {
    const received = await step(s2.api, 'receive', [{ sku: SKU, quantity: 9 }]);
    expect(received.body).toMatchObject({
      status: 'received',
      discrepancies: [{ sku: SKU, shipped: 10, received: 9, difference: -1 }],
    });
    expect(received.body.history.map((h) => h.status)).toEqual(['requested', 'approved', 'shipped', 'received']);
    expect(await levels()).toEqual([
      ['S001', 10, 10, 0],
      ['S002', 9, 9, 0],
    ]);
    expect(await step(s2.api, 'receive', [{ sku: SKU, quantity: 9 }])).toMatchObject({
      status: 400,
      body: { code: InventoryError.TRANSFER_STATE },
    });
  });

  it('keeps other stores out and refuses bad requests with a code', async () => {
    expect(await s3.api.get(TRANSFER_PATHS.one.replace(':id', ID))).toMatchObject({
      status: 400,
      body: { code: InventoryError.TRANSFER_NOT_FOUND },
    });
    expect(
      await s2.api.post(TRANSFER_PATHS.create, { id: 'x', fromStoreId: 'S001', lines: [{ sku: SKU, quantity: 1 }] }),
    ).toMatchObject({ status: 400, body: { code: InventoryError.BAD_TRANSFER } });
    expect(
      await s2.api.post(TRANSFER_PATHS.create, {
        id: '0193a000-0000-7000-8000-0000000000c2',
        fromStoreId: 'S002',
        lines: [{ sku: SKU, quantity: 1 }],
      }),
    ).toMatchObject({ status: 400, body: { code: InventoryError.BAD_TRANSFER } });
    expect(
      await s2.api.post(TRANSFER_PATHS.create, {
        id: '0193a000-0000-7000-8000-0000000000c3',
        fromStoreId: 'S001',
        lines: [],
      }),
    ).toMatchObject({ status: 400, body: { code: InventoryError.BAD_TRANSFER } });
    expect(await step(s1.api, 'teleport')).toMatchObject({ status: 404 });
  });
});
