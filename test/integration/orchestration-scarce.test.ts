// 1,000 web orders compete for a SKU with little stock, 20 at a time, on both backends: no unit
// is reserved twice (no level goes below zero, reservations per store equal the fulfillment
// orders there), and every order is either routed or on hold with a visible exception.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, backends, startTestServer, type TestServer } from './server-harness';
import { createChannelKey, postWebOrder, shipPayload, type ChannelKeyResult } from '../support/web-orders';

const ORDERS = 1000;
const CONCURRENCY = 20;

describe.each(backends)('scarce stock (%s)', (backend) => {
  let server: TestServer;
  let channel: ChannelKeyResult;

  beforeAll(async () => {
    server = await startTestServer(backend, { seedDemo: true });
    channel = await createChannelKey(server.url, server.hqToken);
  });
  afterAll(async () => server.dispose());

  it('never reserves a unit twice and accounts for every order', async () => {
    const storage = server.server.storage;
    const levels = (
      await storage.query<{ data: string }>("SELECT data FROM documents WHERE collection = 'inventory_levels'", [])
    ).map((r) => JSON.parse(r.data) as { storeId: string; sku: string; available: number; reserved: number });
    const stores = (
      await storage.query<{ data: string }>("SELECT data FROM documents WHERE collection = 'config'", [])
    ).map((r) => JSON.parse(r.data) as { id: string; kind: string; payload: { shipFromStore?: boolean } });
    const shipping = new Set(stores.filter((s) => s.kind === 'store' && s.payload.shipFromStore).map((s) => s.id));
    const totals = new Map<string, number>();
    for (const l of levels)
      if (shipping.has(l.storeId) && l.available > 0) totals.set(l.sku, (totals.get(l.sku) ?? 0) + l.available);
    // A SKU a few stores hold a few of: far fewer units than orders, and under the stores' capacity.
    const [sku, stock] = [...totals]
      .filter(([, n]) => n >= 8 && n <= 30)
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
    expect(stock).toBeGreaterThan(0);
    const products = (
      await storage.query<{ data: string }>("SELECT data FROM documents WHERE collection = 'products'", [])
    ).map((r) => JSON.parse(r.data) as { sku: string; prices: { amount: number }[] });
    const price = products.find((p) => p.sku === sku)?.prices[0]?.amount ?? 0;

    const answers: { status: number; body: Record<string, unknown> }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ORDERS) {
          next++;
          answers.push(await postWebOrder(server.url, channel.apiKey, shipPayload([{ sku, price }])));
        }
      }),
    );
    expect(answers).toHaveLength(ORDERS);
    expect(answers.filter((a) => a.status !== 201)).toEqual([]);
    const routed = answers.filter((a) => a.body.status === 'allocated');
    const held = answers.filter((a) => a.body.status === 'on_hold');
    expect(routed.length + held.length).toBe(ORDERS);
    expect(routed.length).toBe(stock);
    for (const h of held) expect((h.body.exception as { reason: string }).reason).toBe('no_route');

    const after = (
      await storage.query<{ data: string }>("SELECT data FROM documents WHERE collection = 'inventory_levels'", [])
    ).map((r) => JSON.parse(r.data) as { storeId: string; sku: string; available: number; reserved: number });
    const before = new Map(levels.map((l) => [`${l.storeId}:${l.sku}`, l]));
    const foByStore = new Map<string, number>();
    for (const a of routed)
      for (const fo of a.body.fulfillmentOrders as { storeId: string }[])
        foByStore.set(fo.storeId, (foByStore.get(fo.storeId) ?? 0) + 1);
    for (const l of after.filter((x) => x.sku === sku)) {
      expect(l.available, l.storeId).toBeGreaterThanOrEqual(0);
      expect(l.reserved - (before.get(`${l.storeId}:${l.sku}`)?.reserved ?? 0), l.storeId).toBe(
        foByStore.get(l.storeId) ?? 0,
      );
    }
    const open = await new Api(server.url, server.hqToken).get<{ exceptions: { reason: string }[] }>(
      '/api/hq/order-exceptions?status=open&limit=1000',
    );
    expect(open.body.exceptions.filter((e) => e.reason === 'no_route')).toHaveLength(held.length);
  });
});
