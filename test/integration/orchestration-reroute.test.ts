// A store rejects a web order: the work moves to another store with its reservation, the order
// keeps its status, and the new store's pick → ready → pickup sends the customer a real e-mail
// (in-process SMTP server), consumes the reservation and captures the card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp, type TestSmtp } from '../support/test-smtp';
import { backends, enrollDevice, startTestServer, type EnrolledDevice, type TestServer } from './server-harness';
import {
  createChannelKey,
  pickupPayload,
  postWebOrder,
  stockedItems,
  type ChannelKeyResult,
} from '../support/web-orders';
import { existingOrchestration } from '../../sync-server/orchestration/registry';
import { moveFulfillment, orderEvents, storedDoc, until } from './orchestration-helpers';

describe.each(backends)('re-routing and handover (%s)', (backend) => {
  let server: TestServer;
  let smtp: TestSmtp;
  let channel: ChannelKeyResult;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    process.env.SMTP_URL = smtp.url;
    server = await startTestServer(backend, { seedDemo: true });
    delete process.env.SMTP_URL;
    channel = await createChannelKey(server.url, server.hqToken);
  });
  afterAll(async () => {
    await server.dispose();
    await smtp.close();
  });

  const doc = (collection: string, id: string) => storedDoc(server.server.storage, collection, id);
  const level = async (storeId: string, sku: string) =>
    (await doc('inventory_levels', `${storeId}:${sku}`)) as { onHand: number; reserved: number };
  const move = (
    device: EnrolledDevice,
    foId: string,
    change: (fo: Record<string, unknown>) => Record<string, unknown>,
  ) => moveFulfillment(server.server.storage, device, foId, change);

  it('moves a rejected order to another store, reservation and all, then hands it over', async () => {
    const s001 = channel.homeStoreId;
    const storage = server.server.storage;
    const candidates = await stockedItems(storage, s001, 50);
    // An item another pickup store also has, so the re-route has somewhere to go.
    const levels = (
      await storage.query<{ data: string }>("SELECT data FROM documents WHERE collection = 'inventory_levels'", [])
    ).map((r) => JSON.parse(r.data) as { storeId: string; sku: string; available: number });
    const item = candidates.find((c) => levels.some((l) => l.sku === c.sku && l.storeId !== s001 && l.available > 0));
    expect(item).toBeDefined();
    if (!item) return;
    const s001Before = await level(s001, item.sku);
    const placed = await postWebOrder(server.url, channel.apiKey, pickupPayload(item));
    expect(placed.status).toBe(201);
    const orderId = String(placed.body.orderId);
    const first = (placed.body.fulfillmentOrders as { id: string }[])[0]?.id ?? '';
    const registerA = await enrollDevice(server, s001, 'A');

    await move(registerA, first, (fo) => ({ ...fo, status: 'rejected' }));

    expect((await doc('fulfillment_orders', first)).status).toBe('rerouted');
    const [moved] = await storage.query<{ id: string }>(
      {
        sqlite:
          "SELECT id FROM documents WHERE collection = 'fulfillment_orders' AND json_extract(data, '$.previousFulfillmentOrderId') = ?",
        postgres:
          "SELECT id FROM documents WHERE collection = 'fulfillment_orders' AND (data::jsonb ->> 'previousFulfillmentOrderId') = ?",
      },
      [first],
    );
    expect(moved).toBeDefined();
    const second = (await doc('fulfillment_orders', moved?.id ?? '')) as {
      id: string;
      assignedStoreId: string;
      rerouteCount: number;
      status: string;
    };
    expect(second.assignedStoreId).not.toBe(s001);
    expect(second).toMatchObject({ rerouteCount: 1, status: 'allocated' });
    expect((await level(s001, item.sku)).reserved).toBe(s001Before.reserved);
    const otherBefore = levels.find((l) => l.storeId === second.assignedStoreId && l.sku === item.sku) as unknown as {
      available: number;
    };
    const other = await level(second.assignedStoreId, item.sku);
    expect(other.reserved).toBeGreaterThanOrEqual(1);
    expect(otherBefore.available - 1).toBe(other.onHand - other.reserved);
    const events = await orderEvents(storage, orderId);
    expect(events.map((e) => e.type)).toContain('fulfillment_rerouted');
    expect((await doc('orders', orderId)).status).toBe('allocated');

    // The new store works the order: pick, ready (e-mail), picked up (reservation consumed, card captured).
    const registerB = await enrollDevice(server, second.assignedStoreId, 'B');
    await move(registerB, second.id, (fo) => ({ ...fo, status: 'picking' }));
    expect((await doc('orders', orderId)).status).toBe('in_fulfillment');
    await move(registerB, second.id, (fo) => ({
      ...fo,
      status: 'picked',
      lines: (fo.lines as { quantity: number }[]).map((l) => ({ ...l, pickedQuantity: l.quantity })),
    }));
    await move(registerB, second.id, (fo) => ({ ...fo, status: 'ready_for_pickup' }));
    const mail = await until('the ready-for-pickup e-mail', async () =>
      smtp.mails.find((m) => m.text.includes('ready for pickup')),
    );
    expect(mail.to).toBe('ada@example.com');
    expect(mail.text).toContain(String((await doc('fulfillment_orders', second.id)).pickupCode));
    const beforeHandover = await level(second.assignedStoreId, item.sku);
    await move(registerB, second.id, (fo) => ({ ...fo, status: 'picked_up' }));
    const afterHandover = await level(second.assignedStoreId, item.sku);
    expect(afterHandover.reserved).toBe(beforeHandover.reserved - 1);
    expect(afterHandover.onHand).toBe(beforeHandover.onHand - 1);
    expect((await doc('orders', orderId)).status).toBe('fulfilled');
    await until('the capture event', async () =>
      (await orderEvents(storage, orderId)).some((e) => e.type === 'payment_captured') ? true : undefined,
    );
  });

  it('takes the order away from a store that does not start picking in time', async () => {
    const storage = server.server.storage;
    const o = existingOrchestration(storage);
    if (!o) throw new Error('orchestration not running');
    const s001 = channel.homeStoreId;
    const levels = (
      await storage.query<{ data: string }>("SELECT data FROM documents WHERE collection = 'inventory_levels'", [])
    ).map((r) => JSON.parse(r.data) as { storeId: string; sku: string; available: number });
    const item = (await stockedItems(storage, s001, 50)).find((c) =>
      levels.some((l) => l.sku === c.sku && l.storeId !== s001 && l.available > 1),
    );
    if (!item) throw new Error('no item stocked at two stores');
    const deadline = o.settings.acceptTimeoutMs;
    o.settings.acceptTimeoutMs = 0;
    const placed = await postWebOrder(server.url, channel.apiKey, pickupPayload(item));
    o.settings.acceptTimeoutMs = deadline;
    const first = (placed.body.fulfillmentOrders as { id: string }[])[0]?.id ?? '';
    await until('the timed-out fulfillment order to be re-routed', async () =>
      (await doc('fulfillment_orders', first)).status === 'rerouted' ? true : undefined,
    );
    const history = (await doc('fulfillment_orders', first)).history as { status: string; reason?: string }[];
    expect(history.map((h) => h.reason)).toContain('not accepted in time');
    const [moved] = await storage.query<{ id: string }>(
      {
        sqlite:
          "SELECT id FROM documents WHERE collection = 'fulfillment_orders' AND json_extract(data, '$.previousFulfillmentOrderId') = ?",
        postgres:
          "SELECT id FROM documents WHERE collection = 'fulfillment_orders' AND (data::jsonb ->> 'previousFulfillmentOrderId') = ?",
      },
      [first],
    );
    expect((await doc('fulfillment_orders', moved?.id ?? '')).assignedStoreId).not.toBe(s001);
  });

  it('re-routes the short-picked units, then only the rest when the store rejects', async () => {
    const storage = server.server.storage;
    const s001 = channel.homeStoreId;
    const levels = (
      await storage.query<{ data: string }>("SELECT data FROM documents WHERE collection = 'inventory_levels'", [])
    ).map((r) => JSON.parse(r.data) as { storeId: string; sku: string; available: number });
    const item = (await stockedItems(storage, s001, 50)).find(
      (c) => c.available >= 3 && levels.some((l) => l.sku === c.sku && l.storeId !== s001 && l.available >= 3),
    );
    if (!item) throw new Error('no item stocked at two stores');
    const placed = await postWebOrder(
      server.url,
      channel.apiKey,
      pickupPayload(item, 'S001', { lines: [{ sku: item.sku, quantity: 2, unitPrice: item.price }] }),
    );
    const first = (placed.body.fulfillmentOrders as { id: string }[])[0]?.id ?? '';
    const before = await level(s001, item.sku);
    const register = await enrollDevice(server, s001, 'short');
    await move(register, first, (fo) => ({
      ...fo,
      status: 'picking',
      lines: (fo.lines as Record<string, unknown>[]).map((l) => ({ ...l, pickedQuantity: 1, shortQuantity: 1 })),
    }));
    const next = await storage.query<{ id: string }>(
      {
        sqlite:
          "SELECT id FROM documents WHERE collection = 'fulfillment_orders' AND json_extract(data, '$.previousFulfillmentOrderId') = ?",
        postgres:
          "SELECT id FROM documents WHERE collection = 'fulfillment_orders' AND (data::jsonb ->> 'previousFulfillmentOrderId') = ?",
      },
      [first],
    );
    expect(next).toHaveLength(1);
    const moved = (await doc('fulfillment_orders', next[0]?.id ?? '')) as {
      lines: { quantity: number }[];
      assignedStoreId: string;
    };
    expect(moved.lines.map((l) => l.quantity)).toEqual([1]);
    expect(moved.assignedStoreId).not.toBe(s001);
    expect((await level(s001, item.sku)).reserved).toBe(before.reserved - 1);
    // The store then gives up on the rest: one more unit moves, not two.
    await move(register, first, (fo) => ({ ...fo, status: 'rejected' }));
    const all = await storage.query<{ id: string }>(
      {
        sqlite:
          "SELECT id FROM documents WHERE collection = 'fulfillment_orders' AND json_extract(data, '$.previousFulfillmentOrderId') = ?",
        postgres:
          "SELECT id FROM documents WHERE collection = 'fulfillment_orders' AND (data::jsonb ->> 'previousFulfillmentOrderId') = ?",
      },
      [first],
    );
    expect(all).toHaveLength(2);
    const quantities = await Promise.all(
      all.map(
        async (r) => ((await doc('fulfillment_orders', r.id)) as { lines: { quantity: number }[] }).lines[0]?.quantity,
      ),
    );
    expect(quantities).toEqual([1, 1]);
    expect((await level(s001, item.sku)).reserved).toBe(before.reserved - 2);
    expect((await doc('fulfillment_orders', first)).status).toBe('rerouted');
  });
});
