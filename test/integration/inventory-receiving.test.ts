// Receiving against a real server (SQLite, and PostgreSQL when POS_TEST_PG_URL is set): HQ sends
// an ASN as CSV, S001 receives it one carton short with a damaged unit, the sellable units land in
// S001's stock through the ledger, and the outcome is recorded on the ASN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_PATHS, type AvailabilityAnswer } from '../../shared/inventory/availability';
import { InventoryError } from '../../shared/inventory/errors';
import type { PurchaseOrder } from '../../shared/inventory/receiving';
import { RECEIVING_PATHS } from '../../sync-server/inventory/receiving-routes';
import {
  Api,
  backends,
  enrollDevice,
  pushRows,
  startTestServer,
  type EnrolledDevice,
  type TestServer,
} from './server-harness';
import { storeDoc } from './server-fixtures';

const ASN_ID = '0193a000-0000-7000-8000-0000000000b1';
const CSV = [
  'id,number,store,supplier,sku,quantity,carton',
  `${ASN_ID},ASN-1001,S001,Mugs Inc,MUG-RED-12,12,C-0001`,
  `${ASN_ID},ASN-1001,S001,Mugs Inc,MUG-RED-12,12,C-0002`,
  `${ASN_ID},ASN-1001,S001,Mugs Inc,TEA-GREEN-50,10,C-0003`,
].join('\n');

describe.each(backends)('receiving on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  let s1: EnrolledDevice;
  let s2: EnrolledDevice;
  const close = (api: Api, lines: unknown[]) =>
    api.post<PurchaseOrder & { code?: string }>(RECEIVING_PATHS.close.replace(':id', ASN_ID), { lines });

  beforeAll(async () => {
    server = await startTestServer(backend);
    hq = new Api(server.url, server.hqToken);
    await hq.post('/sync/config/push', pushRows([storeDoc('S001'), storeDoc('S002')]));
    s1 = await enrollDevice(server, 'S001');
    s2 = await enrollDevice(server, 'S002');
  });
  afterAll(async () => server?.dispose());

  it('HQ sends an ASN as CSV; only S001 sees it', async () => {
    const created = await hq.post<{ created: { number: string; kind: string; cartons: number }[] }>(
      RECEIVING_PATHS.hqCsv,
      { csv: CSV },
    );
    expect(created).toMatchObject({
      status: 201,
      body: { created: [{ number: 'ASN-1001', kind: 'asn', cartons: 3 }] },
    });
    const open = await s1.api.get<{ orders: PurchaseOrder[] }>(RECEIVING_PATHS.list);
    expect(open.body.orders.map((o) => [o.number, o.lines.length])).toEqual([['ASN-1001', 3]]);
    expect((await s2.api.get<{ orders: PurchaseOrder[] }>(RECEIVING_PATHS.list)).body.orders).toEqual([]);
    expect(await s2.api.get(RECEIVING_PATHS.one.replace(':id', ASN_ID))).toMatchObject({
      status: 400,
      body: { code: InventoryError.RECEIVING_NOT_FOUND },
    });
    // Not a replicated collection: no register can pull it.
    expect((await s1.api.get('/sync/inventory_documents/pull?seq=0')).status).toBe(404);
  });

  it('S001 receives it one carton short with one damaged mug: stock gets the sellable units, the ASN the outcome', async () => {
    const counted = [
      { sku: 'MUG-RED-12', received: 12, damaged: 1 },
      { sku: 'TEA-GREEN-50', received: 10, damaged: 0 },
    ];
    const closed = await close(s1.api, counted);
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.result).toEqual([
      { sku: 'MUG-RED-12', expected: 24, received: 12, damaged: 1, over: 0, short: 12 },
      { sku: 'TEA-GREEN-50', expected: 10, received: 10, damaged: 0, over: 0, short: 0 },
    ]);
    const rows = (
      await hq.post<AvailabilityAnswer>(INVENTORY_PATHS.availability, {
        skus: ['MUG-RED-12', 'TEA-GREEN-50'],
        storeIds: [s1.storeId],
      })
    ).body.rows;
    expect(rows.map((r) => [r.sku, r.onHand])).toEqual([
      ['MUG-RED-12', 11],
      ['TEA-GREEN-50', 10],
    ]);
    // A retried close (lost answer) changes nothing; a different count is refused.
    expect((await close(s1.api, counted)).status).toBe(200);
    expect(await close(s1.api, [{ sku: 'MUG-RED-12', received: 24, damaged: 0 }])).toMatchObject({
      status: 400,
      body: { code: InventoryError.RECEIVING_CLOSED },
    });
    const again = (
      await hq.post<AvailabilityAnswer>(INVENTORY_PATHS.availability, { skus: ['MUG-RED-12'], storeIds: [s1.storeId] })
    ).body.rows;
    expect(again[0]!.onHand).toBe(11);
    const ledger = await hq.get<{ lines: { type: string; referenceId: string; reason?: string }[] }>(
      `${INVENTORY_PATHS.ledger}?storeId=S001&sku=MUG-RED-12`,
    );
    expect(ledger.body.lines).toEqual([
      expect.objectContaining({ type: 'receipt', referenceId: ASN_ID, reason: 'Received ASN ASN-1001' }),
    ]);
  });

  it('refuses bad documents and writers with a code', async () => {
    expect(await s1.api.post(RECEIVING_PATHS.hqCsv, { csv: CSV })).toMatchObject({ status: 403 });
    expect(await hq.post(RECEIVING_PATHS.hqCsv, { csv: 'number,sku\nX,Y' })).toMatchObject({
      status: 400,
      body: { code: InventoryError.BAD_RECEIVING_DOCUMENT },
    });
    expect(await hq.post(RECEIVING_PATHS.hqCsv, { csv: CSV.replace(',12,C-0001', ',twelve,C-0001') })).toMatchObject({
      status: 400,
      body: { code: InventoryError.BAD_RECEIVING_DOCUMENT, details: { row: 2 } },
    });
    expect(await hq.post(RECEIVING_PATHS.hqCsv, { csv: CSV.replaceAll('S001', 'S999') })).toMatchObject({
      status: 400,
      body: { code: InventoryError.UNKNOWN_STORE },
    });
    expect(
      await hq.post(RECEIVING_PATHS.hqCreate, {
        id: ASN_ID,
        kind: 'purchase_order',
        number: 'P',
        storeId: 'S001',
        supplier: 'X',
        lines: [],
      }),
    ).toMatchObject({ status: 400 });
    expect(await close(s1.api, [{ sku: 'MUG-RED-12', received: 1, damaged: 5 }])).toMatchObject({
      status: 400,
      body: { code: InventoryError.BAD_RECEIVING_DOCUMENT },
    });
  });
});
