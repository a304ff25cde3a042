// Stock across stores against a real server (SQLite, and PostgreSQL when POS_TEST_PG_URL is set):
// registers pull only their own store's levels, the batch availability API answers the rest with
// distances, transit stock is available nowhere, and HQ reads any store's ledger line by line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_PATHS, type AvailabilityAnswer, type LedgerLine } from '../../shared/inventory/availability';
import { movementDocument } from '../../shared/inventory/documents';
import { InventoryError } from '../../shared/inventory/errors';
import { receiveMovements, shipMovements, transitLocationId } from '../../shared/inventory/transit';
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

interface PullBody {
  documents: Record<string, unknown>[];
  checkpoint: { seq: number };
}

describe.each(backends)('inventory availability on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  let a: EnrolledDevice;
  let b: EnrolledDevice;
  // Manhattan, Brooklyn and Boston: 9.6 km and ~302 km from S001.
  const stores = [storeDoc('S001'), storeDoc('S002'), storeDoc('S003')];
  const coords = [
    { lat: 40.758, lng: -73.9855 },
    { lat: 40.6782, lng: -73.9442 },
    { lat: 42.3601, lng: -71.0589 },
  ];
  stores.forEach((s, i) => ((s.payload as Record<string, unknown>).location = coords[i]));
  const [s1, s2, s3] = stores.map((s) => String(s.id)) as [string, string, string];
  const sku = 'MUG-RED-12';
  const ctx = { deviceId: 'hq', at: new Date().toISOString() };

  async function pullAll(api: Api, collection: string): Promise<Record<string, unknown>[]> {
    const docs: Record<string, unknown>[] = [];
    for (let seq = 0; ;) {
      const page = await api.get<PullBody>(`/sync/${collection}/pull?seq=${seq}&limit=500`);
      expect(page.status).toBe(200);
      docs.push(...page.body.documents);
      if (page.body.documents.length < 500) return docs;
      seq = page.body.checkpoint.seq;
    }
  }

  beforeAll(async () => {
    server = await startTestServer(backend);
    hq = new Api(server.url, server.hqToken);
    expect((await hq.post('/sync/config/push', pushRows(stores))).status).toBe(200);
    const receipts = [
      movementDoc(s1, sku, 'receipt', 12),
      movementDoc(s2, sku, 'receipt', 5),
      movementDoc(s3, sku, 'receipt', 7),
      movementDoc(s1, 'TEA', 'receipt', 3),
    ];
    expect((await hq.post('/sync/inventory_movements/push', pushRows(receipts))).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    a = await enrollDevice(server, 'S001');
    b = await enrollDevice(server, 'S002');
  });
  afterAll(async () => server?.dispose());

  it("a register pulls only its own store's levels", async () => {
    const mine = await pullAll(a.api, 'inventory_levels');
    expect(mine.map((l) => l.storeId)).toEqual([s1, s1]);
    expect((await pullAll(b.api, 'inventory_levels')).map((l) => l.id)).toEqual([`${s2}:${sku}`]);
    expect(await pullAll(hq, 'inventory_levels')).toHaveLength(4);
  });

  it('answers other stores with distance from the asking store, nearest first', async () => {
    const res = await a.api.post<AvailabilityAnswer>(INVENTORY_PATHS.availability, { skus: [sku, 'NOPE'] });
    expect(res.status).toBe(200);
    expect(res.body.fromStoreId).toBe(s1);
    const mugs = res.body.rows.filter((r) => r.sku === sku);
    expect(mugs.map((r) => [r.storeCode, r.available, r.distanceKm !== null && Math.round(r.distanceKm)])).toEqual([
      ['S001', 12, 0],
      ['S002', 5, 10],
      ['S003', 7, 302],
    ]);
    expect(res.body.rows.filter((r) => r.sku === 'NOPE').every((r) => r.onHand === 0 && r.available === 0)).toBe(true);
    const only = await hq.post<AvailabilityAnswer>(INVENTORY_PATHS.availability, { skus: [sku], storeIds: [s3] });
    expect(only.body.rows).toEqual([expect.objectContaining({ storeCode: 'S003', onHand: 7, distanceKm: null })]);
  });

  it('stock shipped S001 → S002 is in transit, available at neither, until received with a discrepancy', async () => {
    const transferId = '0193a000-0000-7000-8000-0000000000f1';
    const ref = { referenceType: 'transfer' as const, referenceId: transferId };
    const ship = shipMovements(transferId, s1, s2, [{ sku, quantity: 4 }]).map((m) => movementDocument(m, ref, ctx));
    expect((await hq.post('/sync/inventory_movements/push', pushRows(ship))).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    const ask = () => hq.post<AvailabilityAnswer>(INVENTORY_PATHS.availability, { skus: [sku], storeIds: [s1, s2] });
    expect((await ask()).body.rows.map((r) => [r.storeCode, r.onHand, r.available, r.inTransit])).toEqual([
      ['S001', 8, 8, 0],
      ['S002', 5, 5, 4],
    ]);
    // The transit location is nobody's store: no register pulls it.
    expect((await pullAll(b.api, 'inventory_levels')).some((l) => l.storeId === transitLocationId(s2))).toBe(false);
    const receive = receiveMovements(transferId, s2, [{ sku, quantity: 4 }], [{ sku, quantity: 3 }]).map((m) =>
      movementDocument(m, ref, ctx),
    );
    expect((await hq.post('/sync/inventory_movements/push', pushRows(receive))).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    expect((await ask()).body.rows.map((r) => [r.storeCode, r.onHand, r.inTransit])).toEqual([
      ['S001', 8, 0],
      ['S002', 8, 0],
    ]);
  });

  it("HQ reads any store's ledger line by line; a register only its own", async () => {
    await b.api.post('/sync/inventory_movements/push', pushRows([movementDoc(s2, sku, 'sale', -2)]));
    const res = await hq.get<{ lines: LedgerLine[]; level: { onHand: number } }>(
      `${INVENTORY_PATHS.ledger}?storeId=S002&sku=${sku}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.lines.map((l) => [l.type, l.quantity, l.onHandAfter])).toEqual([
      ['receipt', 5, 5],
      ['transfer_in', 3, 8],
      ['sale', -2, 6],
    ]);
    expect(res.body.level.onHand).toBe(6);
    expect((await b.api.get(`${INVENTORY_PATHS.ledger}?storeId=${s2}&sku=${sku}`)).status).toBe(200);
    expect(await a.api.get(`${INVENTORY_PATHS.ledger}?storeId=S002&sku=${sku}`)).toMatchObject({
      status: 403,
      body: { code: 'SYNC_FORBIDDEN' },
    });
  });

  it('refuses bad questions with a code that says what to change', async () => {
    const tooMany = Array.from({ length: 101 }, (_, i) => `S-${i}`);
    expect(await a.api.post(INVENTORY_PATHS.availability, { skus: tooMany })).toMatchObject({
      status: 400,
      body: { code: InventoryError.BAD_AVAILABILITY_QUERY },
    });
    expect(
      await a.api.post(INVENTORY_PATHS.availability, {
        skus: [sku],
        storeIds: ['0193a000-0000-7000-8000-0000000000ff'],
      }),
    ).toMatchObject({
      status: 400,
      body: { code: InventoryError.UNKNOWN_STORE },
    });
    expect(await hq.get(`${INVENTORY_PATHS.ledger}?storeId=S009&sku=${sku}`)).toMatchObject({
      status: 400,
      body: { code: InventoryError.UNKNOWN_STORE },
    });
    expect(await hq.get(`${INVENTORY_PATHS.ledger}?sku=${sku}`)).toMatchObject({
      status: 400,
      body: { code: InventoryError.BAD_LEDGER_QUERY },
    });
    expect((await new Api(server.url, undefined).post(INVENTORY_PATHS.availability, { skus: [sku] })).status).toBe(401);
  });
});
