// Web order intake end to end over HTTP on both backends: a channel key, an order placed and
// routed with its stock reserved, dedupe by Idempotency-Key and externalRef, every refusal in
// the exceptions queue with its reason, HQ retry/cancel, preview without side effects, and the
// Shopify webhook's signature check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, backends, startTestServer, type TestServer } from './server-harness';
import {
  createChannelKey,
  pickupPayload,
  postWebOrder,
  shipPayload,
  shopifySignature,
  stockedItems,
  type ChannelKeyResult,
  type StockedItem,
} from '../support/web-orders';

describe.each(backends)('order intake (%s)', (backend) => {
  let server: TestServer;
  let hq: Api;
  let channel: ChannelKeyResult;
  let s001: string;
  let items: StockedItem[];

  const level = async (storeId: string, sku: string) =>
    (await server.server.storage.getDocuments('inventory_levels', [`${storeId}:${sku}`])).get(`${storeId}:${sku}`)
      ?.data as { reserved: number; available: number };
  const countOrders = () => server.server.storage.countDocuments('orders');

  beforeAll(async () => {
    server = await startTestServer(backend, { seedDemo: true });
    hq = new Api(server.url, server.hqToken);
    channel = await createChannelKey(server.url, server.hqToken);
    s001 = channel.homeStoreId;
    items = await stockedItems(server.server.storage, s001, 5);
    expect(items.length).toBeGreaterThan(2);
  });
  afterAll(async () => server.dispose());

  it('places a pickup order at the chosen store, reserved, numbered, taxed and visible to that store', async () => {
    const item = items[0] as StockedItem;
    const before = await level(s001, item.sku);
    const result = await postWebOrder(server.url, channel.apiKey, pickupPayload(item));
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ status: 'allocated', currency: 'USD' });
    expect(String(result.body.orderNumber)).toMatch(/^WEB-W01-\d{6}-[0-9A-Z]$/);
    const fos = result.body.fulfillmentOrders as {
      id: string;
      storeId: string;
      storeCode: string;
      pickupCode: string;
    }[];
    expect(fos).toHaveLength(1);
    expect(fos[0]).toMatchObject({ storeCode: 'S001', storeId: s001 });
    expect(fos[0]?.pickupCode).toMatch(/^[A-Z0-9]{6}$/);
    const totals = result.body.totals as { subtotal: number; taxTotal: number; total: number };
    expect(totals.subtotal).toBe(item.price);
    expect(totals.total).toBe(totals.subtotal + totals.taxTotal);
    const after = await level(s001, item.sku);
    expect(after.reserved).toBe(before.reserved + 1);
    expect(after.available).toBe(before.available - 1);
    // The store's pull scope carries the fulfillment order.
    const pulled = await server.server.storage.pull({
      collection: 'fulfillment_orders',
      afterSeq: 0,
      limit: 1000,
      storeId: s001,
    });
    expect(pulled.map((d) => d.id)).toContain(fos[0]?.id);
  });

  it('the same order sent three times is one order (Idempotency-Key, then externalRef)', async () => {
    const payload = pickupPayload(items[1] as StockedItem);
    const before = await countOrders();
    const answers = await Promise.all(
      [1, 2, 3].map(() => postWebOrder(server.url, channel.apiKey, payload, { idempotencyKey: 'idem-three-times' })),
    );
    const ok = answers.filter((a) => a.status === 201 || a.status === 200);
    // Concurrent copies either get the stored answer or are told to retry; none makes a second order.
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const a of answers) expect([200, 201, 409]).toContain(a.status);
    const again = await postWebOrder(server.url, channel.apiKey, payload, {
      idempotencyKey: 'another-key-same-externalref',
    });
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    expect(new Set([...ok, again].map((a) => a.body.orderId)).size).toBe(1);
    expect(await countOrders()).toBe(before + 1);
  });

  it('refuses a reused Idempotency-Key with a different order', async () => {
    await postWebOrder(server.url, channel.apiKey, pickupPayload(items[2] as StockedItem), {
      idempotencyKey: 'reused-key',
    });
    const other = await postWebOrder(server.url, channel.apiKey, pickupPayload(items[2] as StockedItem), {
      idempotencyKey: 'reused-key',
    });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('ORDERS_IDEMPOTENCY_KEY_REUSED');
  });

  it('parks every refusal in the exceptions queue with its reason; nothing is lost', async () => {
    const item = items[0] as StockedItem;
    const cases: [Record<string, unknown>, number, string][] = [
      [pickupPayload({ sku: 'NO-SUCH-SKU', price: 100 }), 422, 'unknown_sku'],
      [pickupPayload({ sku: item.sku, price: item.price + 500 }), 422, 'price_mismatch'],
      [shipPayload([item], { fulfillment: { method: 'ship' } }), 422, 'no_shipping_address'],
      [pickupPayload(item, 'S001', { payment: { token: 'tok_test_0002' } }), 402, 'payment_declined'],
      [pickupPayload(item, 'S999'), 422, 'pickup_store_unavailable'],
    ];
    const before = await countOrders();
    for (const [payload, status, reason] of cases) {
      const result = await postWebOrder(server.url, channel.apiKey, payload);
      expect(result.status, reason).toBe(status);
      expect((result.body.exception as { reason: string }).reason).toBe(reason);
      expect(typeof result.body.message).toBe('string');
    }
    expect(await countOrders()).toBe(before);
    const listed = await hq.get<{ exceptions: { id: string; reason: string; status: string }[] }>(
      '/api/hq/order-exceptions?status=open',
    );
    expect(listed.body.exceptions.map((e) => e.reason).sort()).toEqual(cases.map((c) => c[2]).sort());
    const unknown = listed.body.exceptions.find((e) => e.reason === 'unknown_sku');
    // Retrying without fixing the cause keeps it open; cancelling closes it.
    const retried = await hq.post<{ exception: { status: string } }>(
      `/api/hq/order-exceptions/${unknown?.id}/retry`,
      {},
    );
    expect(retried.body.exception.status).toBe('open');
    const cancelled = await hq.post<{ exception: { status: string } }>(
      `/api/hq/order-exceptions/${unknown?.id}/cancel`,
      {},
    );
    expect(cancelled.body.exception.status).toBe('cancelled');
    const again = await hq.post<{ code: string }>(`/api/hq/order-exceptions/${unknown?.id}/cancel`, {});
    expect(again.status).toBe(409);
  });

  it('answers bad requests with coded errors', async () => {
    const noKey = await postWebOrder(server.url, 'ck_wrong', pickupPayload(items[0] as StockedItem));
    expect(noKey.status).toBe(401);
    expect(noKey.body.code).toBe('ORDERS_UNAUTHENTICATED');
    const bad = await postWebOrder(server.url, channel.apiKey, {
      ...pickupPayload(items[0] as StockedItem),
      lines: [{ sku: 'X', quantity: -1, unitPrice: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'ORDERS_INVALID_PAYLOAD' });
    const notHq = await new Api(server.url, channel.apiKey).get('/api/hq/order-exceptions');
    expect(notHq.status).toBe(401);
  });

  it('previews a plan with no side effects', async () => {
    const seq = await server.server.storage.latestSeq();
    const preview = await hq.post<{ plan: { kind: string; splits: number; allocations: { storeCode: string }[] } }>(
      '/api/hq/routing/preview',
      {
        lines: items.slice(0, 3).map((i) => ({ sku: i.sku, quantity: 1 })),
        fulfillment: { method: 'ship', location: { lat: 40.7484, lng: -73.9857 } },
      },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.plan.kind).toBe('routed');
    expect(preview.body.plan.allocations.length).toBe(preview.body.plan.splits + 1);
    expect(await server.server.storage.latestSeq()).toBe(seq);
  });

  it('cancel releases the reservation and voids the card', async () => {
    const item = items[3] as StockedItem;
    const before = await level(s001, item.sku);
    const placed = await postWebOrder(server.url, channel.apiKey, pickupPayload(item));
    expect((await level(s001, item.sku)).reserved).toBe(before.reserved + 1);
    const cancelled = await hq.post<{ order: { status: string }; voided: boolean }>(
      `/api/hq/orders/${String(placed.body.orderId)}/cancel`,
      { reason: 'customer changed their mind' },
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ order: { status: 'cancelled' }, voided: true });
    expect((await level(s001, item.sku)).reserved).toBe(before.reserved);
    const fo = (placed.body.fulfillmentOrders as { id: string }[])[0];
    const doc = (await server.server.storage.getDocuments('fulfillment_orders', [fo?.id ?? ''])).get(fo?.id ?? '');
    expect(doc?.data.status).toBe('cancelled');
  });

  it('takes Shopify orders/create webhooks only with a valid signature', async () => {
    const item = items[4] as StockedItem;
    const shopify = {
      id: 820982911946154500,
      name: '#1001',
      email: 'shop@example.com',
      currency: 'USD',
      line_items: [{ sku: item.sku, quantity: 1, price: (item.price / 100).toFixed(2) }],
      shipping_address: {
        first_name: 'Sam',
        last_name: 'Shopper',
        address1: '20 W 34th St',
        city: 'New York',
        province_code: 'NY',
        zip: '10001',
        country_code: 'US',
        latitude: 40.7484,
        longitude: -73.9857,
      },
      shipping_lines: [{ code: 'Standard', title: 'Standard', price: '5.00' }],
      customer: { first_name: 'Sam', last_name: 'Shopper', email: 'shop@example.com' },
    };
    const raw = JSON.stringify(shopify);
    const url = `${server.url}/api/webhooks/shopify/${channel.id}/orders-create`;
    const ordersBefore = await countOrders();
    const exceptionsBefore = (await hq.get<{ exceptions: unknown[] }>('/api/hq/order-exceptions')).body.exceptions
      .length;
    const bad = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': shopifySignature(raw, 'not-the-secret') },
      body: raw,
    });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { code: string }).code).toBe('ORDERS_BAD_SIGNATURE');
    expect(await countOrders()).toBe(ordersBefore);
    expect((await hq.get<{ exceptions: unknown[] }>('/api/hq/order-exceptions')).body.exceptions.length).toBe(
      exceptionsBefore,
    );
    const good = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-hmac-sha256': shopifySignature(raw, channel.webhookSecret),
        'x-shopify-webhook-id': 'wh-1',
      },
      body: raw,
    });
    const body = (await good.json()) as { status: string; orderId: string; fulfillmentOrders: { type: string }[] };
    expect(good.status).toBe(201);
    expect(body.fulfillmentOrders[0]?.type).toBe('ship');
    const order = (await server.server.storage.getDocuments('orders', [body.orderId])).get(body.orderId)?.data;
    expect(order).toMatchObject({
      externalRef: `shopify:${String(shopify.id)}`,
      channel: 'web',
      fulfillment: { method: 'ship', shippingCost: 500 },
    });
    // Shopify retries deliveries: the same webhook again is the same order.
    const retry = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-hmac-sha256': shopifySignature(raw, channel.webhookSecret),
        'x-shopify-webhook-id': 'wh-1',
      },
      body: raw,
    });
    expect(((await retry.json()) as { orderId: string }).orderId).toBe(body.orderId);
    expect(await countOrders()).toBe(ordersBefore + 1);
  });

  it('parks a pickup at a store that has stopped offering pickup', async () => {
    const configs = (
      await server.server.storage.query<{ data: string }>("SELECT data FROM documents WHERE collection = 'config'", [])
    ).map((r) => JSON.parse(r.data) as Record<string, unknown> & { kind: string; payload: Record<string, unknown> });
    const s005 = configs.find((c) => c.kind === 'store' && c.payload.code === 'S005');
    if (!s005) throw new Error('no S005');
    const next = { ...s005, payload: { ...s005.payload, pickupEnabled: false }, updatedAt: new Date().toISOString() };
    const pushed = await hq.post<{ rejected: unknown[]; conflicts: unknown[] }>('/sync/config/push', [
      { newDocumentState: next, assumedMasterState: s005 },
    ]);
    expect(pushed.body).toMatchObject({ rejected: [], conflicts: [] });
    const result = await postWebOrder(server.url, channel.apiKey, pickupPayload(items[0] as StockedItem, 'S005'));
    expect(result.status).toBe(422);
    expect(result.body.exception).toMatchObject({ reason: 'pickup_store_unavailable' });
    expect(String(result.body.message)).toContain('does not offer pickup');
  });
});
