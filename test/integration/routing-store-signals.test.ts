// What routing reads about each store besides stock, on both backends: whether a register was
// seen recently (ROUTING_OFFLINE_MINUTES), the capacity used today, and the store configuration's
// `routing.safetyStock` and `routing.shippingCost`. Checked through HQ's side-effect-free preview
// and a real web order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, backends, enrollDevice, pushRows, startTestServer, type TestServer } from './server-harness';
import { createChannelKey, pickupPayload, postWebOrder, shipPayload, stockedItems } from '../support/web-orders';

interface StoreDoc {
  id: string;
  kind: string;
  payload: { code: string; location: { lat: number; lng: number }; routing?: Record<string, number> };
}

interface Level {
  storeId: string;
  sku: string;
  available: number;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(backends)('routing reads store presence, capacity and configuration (%s)', (backend) => {
  let server: TestServer;
  let hq: Api;
  let stores: StoreDoc[];
  const byCode = (code: string) => stores.find((s) => s.payload.code === code) as StoreDoc;

  beforeAll(async () => {
    server = await startTestServer(backend, { seedDemo: true });
    hq = new Api(server.url, server.hqToken);
    stores = (
      await server.server.storage.query<{ data: string }>("SELECT data FROM documents WHERE collection = 'config'", [])
    )
      .map((r) => JSON.parse(r.data) as StoreDoc)
      .filter((d) => d.kind === 'store');
  });
  afterAll(async () => server.dispose());

  async function levels(): Promise<Level[]> {
    return (
      await server.server.storage.query<{ data: string }>(
        "SELECT data FROM documents WHERE collection = 'inventory_levels'",
        [],
      )
    ).map((r) => JSON.parse(r.data) as Level);
  }

  /** HQ republishes a store document with `change` applied. */
  async function updateStore(code: string, change: (payload: StoreDoc['payload']) => StoreDoc['payload']) {
    const id = byCode(code).id;
    const master = (await server.server.storage.getDocuments('config', [id])).get(id)?.data as unknown as StoreDoc;
    const next = {
      ...structuredClone(master),
      payload: change(structuredClone(master.payload)),
      updatedAt: new Date().toISOString(),
    };
    const answer = await hq.post(
      '/sync/config/push',
      pushRows([next as unknown as Record<string, unknown>], [master as unknown as Record<string, unknown>]),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ rejected: [], conflicts: [] });
  }

  const preview = (body: unknown) => hq.post<{ plan: Record<string, unknown> }>('/api/hq/routing/preview', body);

  it('skips a store none of whose registers was seen within ROUTING_OFFLINE_MINUTES, and takes it back once one is', async () => {
    const s001 = byCode('S001');
    const [item] = await stockedItems(server.server.storage, s001.id, 1);
    expect(item).toBeDefined();
    if (!item) return;
    const body = {
      lines: [{ sku: item.sku, quantity: 1 }],
      fulfillment: { method: 'pickup', pickupStoreCode: 'S001' },
    };
    expect((await preview(body)).body.plan).toMatchObject({ kind: 'routed', allocations: [{ storeId: s001.id }] });

    // Last seen two hours ago (the default limit is 60 minutes).
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString();
    await server.server.storage.query('INSERT INTO store_presence (store_id, last_seen_at) VALUES (?, ?)', [
      s001.id,
      old,
    ]);
    expect((await preview(body)).body.plan).toMatchObject({ kind: 'pickup_alternatives', reason: 'offline' });

    // A register of S001 pulls: the store is seen again and routing takes it.
    const register = await enrollDevice(server, s001.id, 'S001 register');
    expect((await register.api.get('/sync/products/pull?seq=0&limit=1')).status).toBe(200);
    await until('S001 seen again', async () => {
      const [row] = await server.server.storage.query<{ last_seen_at: string }>(
        'SELECT last_seen_at FROM store_presence WHERE store_id = ?',
        [s001.id],
      );
      return row && row.last_seen_at > old ? row : undefined;
    });
    expect((await preview(body)).body.plan).toMatchObject({ kind: 'routed', allocations: [{ storeId: s001.id }] });
  });

  it('skips a store whose capacity for today is used up', async () => {
    const s002 = byCode('S002');
    const [item] = await stockedItems(server.server.storage, s002.id, 1);
    if (!item) throw new Error('S002 has no stock');
    const body = {
      lines: [{ sku: item.sku, quantity: 1 }],
      fulfillment: { method: 'pickup', pickupStoreCode: 'S002' },
    };
    expect((await preview(body)).body.plan).toMatchObject({ kind: 'routed' });
    await server.server.storage.query('INSERT INTO store_capacity (store_id, day, used) VALUES (?, ?, ?)', [
      s002.id,
      new Date().toISOString().slice(0, 10),
      40,
    ]);
    expect((await preview(body)).body.plan).toMatchObject({ kind: 'pickup_alternatives', reason: 'over_capacity' });
    await server.server.storage.query('DELETE FROM store_capacity WHERE store_id = ?', [s002.id]);
  });

  it("keeps back the store's configured safety stock from web orders", async () => {
    const s003 = byCode('S003');
    const [item] = await stockedItems(server.server.storage, s003.id, 1);
    if (!item) throw new Error('S003 has no stock');
    const body = {
      lines: [{ sku: item.sku, quantity: item.available }],
      fulfillment: { method: 'pickup', pickupStoreCode: 'S003' },
    };
    expect((await preview(body)).body.plan).toMatchObject({ kind: 'routed', allocations: [{ storeId: s003.id }] });
    await updateStore('S003', (p) => ({ ...p, routing: { safetyStock: 1 } }));
    // Every unit but the safety stock: S003 can no longer fill it (another store may).
    const held = (await preview(body)).body.plan;
    expect(held.kind).not.toBe('routed');
    expect(held).toMatchObject({
      reason: held.kind === 'pickup_alternatives' ? 'cannot_fill' : 'pickup_store_unavailable',
    });
    // One unit fewer fits under the safety stock; a real order for it is routed there.
    if (item.available > 1) {
      const channel = await createChannelKey(server.url, server.hqToken, { code: 'W03', homeStoreCode: 'S003' });
      const placed = await postWebOrder(
        server.url,
        channel.apiKey,
        pickupPayload(item, 'S003', {
          lines: [{ sku: item.sku, quantity: item.available - 1, unitPrice: item.price }],
        }),
      );
      expect(placed.status).toBe(201);
      expect(placed.body.status).toBe('allocated');
    }
    await updateStore('S003', (p) => ({ ...p, routing: {} }));
  });

  it('breaks a tie on distance and capacity by the configured shipping cost', async () => {
    const s001 = byCode('S001');
    const s002 = byCode('S002');
    const products = (
      await server.server.storage.query<{ data: string }>(
        "SELECT data FROM documents WHERE collection = 'products'",
        [],
      )
    ).map((r) => JSON.parse(r.data) as { sku: string; unit: string; active: boolean; prices: { amount: number }[] });
    const each = new Set(products.filter((p) => p.unit === 'each' && p.active).map((p) => p.sku));
    const all = await levels();
    const shared = all.find(
      (l) =>
        each.has(l.sku) &&
        l.storeId === s001.id &&
        l.available > 2 &&
        all.some((m) => m.storeId === s002.id && m.sku === l.sku && m.available > 2),
    );
    if (!shared) throw new Error('no SKU stocked at both S001 and S002');
    // Both stores at one place, the parcel going there: distance and capacity tie.
    const place = s001.payload.location;
    await updateStore('S002', (p) => ({ ...p, location: { ...place }, routing: { shippingCost: 900 } }));
    await updateStore('S001', (p) => ({ ...p, routing: { shippingCost: 300 } }));
    const body = {
      lines: [{ sku: shared.sku, quantity: 1 }],
      fulfillment: { method: 'ship', location: place },
    };
    expect((await preview(body)).body.plan).toMatchObject({ kind: 'routed', allocations: [{ storeId: s001.id }] });
    await updateStore('S001', (p) => ({ ...p, routing: { shippingCost: 1200 } }));
    expect((await preview(body)).body.plan).toMatchObject({ kind: 'routed', allocations: [{ storeId: s002.id }] });

    // The intake routes the same way.
    const channel = await createChannelKey(server.url, server.hqToken, { code: 'W02' });
    const price = products.find((p) => p.sku === shared.sku)?.prices[0]?.amount ?? 0;
    const placed = await postWebOrder(
      server.url,
      channel.apiKey,
      shipPayload([{ sku: shared.sku, price }], {
        fulfillment: { ...(shipPayload([]).fulfillment as Record<string, unknown>), location: place },
      }),
    );
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body.fulfillmentOrders).toMatchObject([{ storeId: s002.id, storeCode: 'S002' }]);
  });
});
