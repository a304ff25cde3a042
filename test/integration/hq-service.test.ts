// Customer service from the HQ console on both backends: order search and the order page's
// timeline, cancel (reservation released, card voided), appeasement within the role's limit
// (store credit reaches the customer's balance), return authorisation looked up by another
// store's register and marked used once that store's desk takes the return (a second use
// refused), the exceptions queue, the customer 360 summary and its notes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, backends, enrollDevice, pushRows, startTestServer, type TestServer } from './server-harness';
import { createHqUser, HqSession } from './hq-harness';
import { returnOf, saleAt } from './hq-fixtures';
import { fixtures } from '../support/fixtures/documents';
import { hashJson } from '../../sync-server/replication/canonical';
import {
  createChannelKey,
  shipPayload,
  pickupPayload,
  postWebOrder,
  stockedItems,
  type ChannelKeyResult,
  type StockedItem,
} from '../support/web-orders';

type Doc = Record<string, unknown>;
interface Timeline {
  timeline: { type: string; actor: string; summary: string; payload: Doc }[];
  order: Doc;
  can: Record<string, boolean>;
  paid: number;
  refunded: number;
}

describe.each(backends)('HQ customer service (%s)', (backend) => {
  let server: TestServer;
  let token: Api;
  let ops: HqSession;
  let admin: HqSession;
  let viewer: HqSession;
  let channel: ChannelKeyResult;
  let items: StockedItem[];
  const customerId = randomUUID();

  const level = async (storeId: string, sku: string) =>
    (await server.server.storage.getDocuments('inventory_levels', [`${storeId}:${sku}`])).get(`${storeId}:${sku}`)
      ?.data as { reserved: number };
  const webOrder = async (item: StockedItem): Promise<{ orderId: string; orderNumber: string }> => {
    const placed = await postWebOrder(server.url, channel.apiKey, pickupPayload(item));
    expect(placed.status).toBe(201);
    return { orderId: String(placed.body.orderId), orderNumber: String(placed.body.orderNumber) };
  };

  beforeAll(async () => {
    server = await startTestServer(backend, { seedDemo: true });
    token = new Api(server.url, server.hqToken);
    channel = await createChannelKey(server.url, server.hqToken);
    items = await stockedItems(server.server.storage, channel.homeStoreId, 5);
    const storage = server.server.storage;
    await createHqUser(storage, 'ops@chain.example', 'operations');
    await createHqUser(storage, 'boss@chain.example', 'admin');
    await createHqUser(storage, 'look@chain.example', 'viewer');
    ops = new HqSession(server.url);
    admin = new HqSession(server.url);
    viewer = new HqSession(server.url);
    await ops.signIn('ops@chain.example');
    await admin.signIn('boss@chain.example');
    await viewer.signIn('look@chain.example');
    const customer = {
      ...structuredClone(fixtures.customers),
      id: customerId,
      displayName: 'Ada Customer',
      searchName: 'ada customer ada@example.com',
      email: 'ada@example.com',
    };
    const pushed = await token.post<{ rejected: unknown[] }>('/sync/customers/push', pushRows([customer]));
    expect(pushed.status).toBe(200);
  });
  afterAll(async () => server?.dispose());

  it('finds orders by number, customer, channel, store and status, newest first; refuses bad filters', async () => {
    const a = await webOrder(items[0] as StockedItem);
    const byNumber = await ops.call<{ orders: Doc[] }>('GET', `/orders?number=${a.orderNumber.slice(-8)}`);
    expect(byNumber.status).toBe(200);
    expect(byNumber.body.orders.map((o) => o.id)).toEqual([a.orderId]);
    const byCustomer = await ops.call<{ orders: Doc[] }>('GET', '/orders?customer=Ada%20Cust&channel=web&store=S001');
    expect(byCustomer.body.orders.map((o) => o.id)).toContain(a.orderId);
    expect(byCustomer.body.orders[0]).toMatchObject({ channel: 'web', storeCode: 'S001' });
    const none = await ops.call<{ orders: Doc[] }>('GET', '/orders?status=cancelled&number=' + a.orderNumber);
    expect(none.body.orders).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const dated = await ops.call<{ orders: Doc[] }>('GET', `/orders?from=${today}&to=${today}&channel=web`);
    expect(dated.body.orders.map((o) => o.id)).toContain(a.orderId);
    for (const bad of ['status=lost', 'from=2026-13-45', 'store=NOPE', 'limit=0', 'channel=fax']) {
      const refused = await ops.call<{ code: string }>('GET', `/orders?${bad}`);
      expect(refused.status, bad).toBe(400);
      expect(refused.body.code).toBe('HQ_INVALID_INPUT');
    }
    expect((await ops.call('GET', `/orders/${randomUUID()}`)).status).toBe(404);
  });

  it('cancels a web order from its page: reservation released, card voided, an event with who and why', async () => {
    const item = items[1] as StockedItem;
    const before = await level(channel.homeStoreId, item.sku);
    const { orderId } = await webOrder(item);
    expect((await level(channel.homeStoreId, item.sku)).reserved).toBe(before.reserved + 1);
    const page = await ops.call<Timeline>('GET', `/orders/${orderId}`);
    expect(page.body.can.cancel).toBe(true);
    expect((await viewer.call('POST', `/orders/${orderId}/cancel`, { reason: 'customer asked' })).status).toBe(403);
    expect((await ops.call('POST', `/orders/${orderId}/cancel`, {})).status).toBe(400);
    const cancelled = await ops.call<{ order: Doc; payment: string }>('POST', `/orders/${orderId}/cancel`, {
      reason: 'customer asked by phone',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ order: { status: 'cancelled' }, payment: 'voided' });
    expect((await level(channel.homeStoreId, item.sku)).reserved).toBe(before.reserved);
    const after = await ops.call<Timeline>('GET', `/orders/${orderId}`);
    const service = after.body.timeline.find((e) => e.type === 'service_action');
    expect(service).toMatchObject({
      actor: 'ops@chain.example (operations)',
      payload: { action: 'cancelled', reason: 'customer asked by phone', method: 'void' },
    });
    expect(after.body.timeline.some((e) => e.type === 'status_changed' && e.payload.to === 'cancelled')).toBe(true);
    expect(after.body.can.cancel).toBe(false);
    const again = await ops.call<{ code: string }>('POST', `/orders/${orderId}/cancel`, { reason: 'twice' });
    expect(again.status).toBe(409);
  });

  it('gives store credit within the role limit; above it needs an admin; never more than was paid', async () => {
    const { orderId } = await webOrder(items[2] as StockedItem);
    const page = await ops.call<Timeline>('GET', `/orders/${orderId}`);
    const paid = page.body.paid;
    expect(paid).toBeGreaterThan(0);
    const over = await ops.call<{ code: string; message: string }>('POST', `/orders/${orderId}/appeasement`, {
      amount: 5_001,
      method: 'store_credit',
      reason: 'late pickup',
    });
    expect(over.status).toBe(403);
    expect(over.body.code).toBe('HQ_OVER_LIMIT');
    expect(over.body.message).toMatch(/admin/);
    const none = await viewer.call('POST', `/orders/${orderId}/appeasement`, {
      amount: 100,
      method: 'store_credit',
      reason: 'late pickup',
    });
    expect(none.status).toBe(403);
    const amount = Math.min(250, paid);
    const given = await ops.call<{ payment: Doc }>('POST', `/orders/${orderId}/appeasement`, {
      amount,
      method: 'store_credit',
      reason: 'late pickup',
    });
    expect(given.status).toBe(201);
    expect(given.body.payment).toMatchObject({
      kind: 'refund',
      method: 'store_credit',
      storeCreditCustomerId: customerId,
    });
    const ledger = (await server.server.storage.getDocuments('config', [customerId])).get(customerId);
    expect((ledger?.data.payload as { balance: number }).balance).toBe(amount);
    const tooMuch = await admin.call<{ code: string }>('POST', `/orders/${orderId}/appeasement`, {
      amount: paid - amount + 1,
      method: 'store_credit',
      reason: 'more',
    });
    expect(tooMuch.status).toBe(400);
    // The card is charged at pickup: before that there is nothing on it to refund.
    const card = await ops.call<{ code: string }>('POST', `/orders/${orderId}/appeasement`, {
      amount: 1,
      method: 'card_refund',
      reason: 'late',
    });
    expect(card.status).toBe(409);
    const after = await ops.call<Timeline>('GET', `/orders/${orderId}`);
    expect(after.body.refunded).toBe(amount);
    expect(after.body.timeline.find((e) => e.type === 'service_action')).toMatchObject({
      payload: { action: 'appeasement', amount, method: 'store_credit', by: { email: 'ops@chain.example' } },
    });
  });

  it('authorises a return that another store’s register looks up by RA number', async () => {
    const sale = saleAt(channel.homeStoreId, new Date().toISOString(), { customerId });
    expect((await token.post('/sync/orders/push', pushRows([sale]))).status).toBe(200);
    const line = (sale.lines as { id: string; quantity: number }[])[0] as { id: string; quantity: number };
    const other = await token.post<{ store: Doc }>('/api/hq/console/stores', {
      payload: {
        code: 'S077',
        name: 'Other',
        address: { line1: '1 Main', city: 'Boston', country: 'US' },
        location: { lat: 42.3, lng: -71 },
        openingHours: [],
        capacityPerDay: 10,
        pickupEnabled: false,
        shipFromStore: false,
      },
    });
    expect(other.status).toBe(201);
    const register = await enrollDevice(server, String(other.body.store.id), 'Desk');
    const tooMany = await ops.call<{ code: string }>('POST', `/orders/${sale.id as string}/return-authorisations`, {
      lines: [{ lineId: line.id, quantity: line.quantity + 1 }],
      reason: 'damaged',
    });
    expect(tooMany.status).toBe(400);
    const created = await ops.call<{ returnAuthorisation: { raNumber: string } }>(
      'POST',
      `/orders/${sale.id as string}/return-authorisations`,
      { lines: [{ lineId: line.id, quantity: 1 }], reason: 'arrived damaged' },
    );
    expect(created.status).toBe(201);
    const ra = created.body.returnAuthorisation.raNumber;
    expect(ra).toMatch(/^RA-[0-9A-Z]{8}$/);
    const looked = await register.api.get<{ returnAuthorisation: Doc; valid: boolean }>(
      `/api/returns/authorisations/${ra.toLowerCase()}`,
    );
    expect(looked.status).toBe(200);
    expect(looked.body).toMatchObject({ valid: true, returnAuthorisation: { orderId: sale.id, status: 'open' } });
    // The other store's returns desk takes the return: the RA is used there, a second use refused.
    const taken: Doc = { ...returnOf(sale, new Date().toISOString()), storeId: String(other.body.store.id) };
    expect((await token.post('/sync/returns/push', pushRows([taken]))).body).toMatchObject({ rejected: [] });
    const second = await register.api.get<{ code: string; message: string }>(`/api/returns/authorisations/${ra}`);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('HQ_RA_USED');
    expect(second.body.message).toMatch(/already used at S077/);
    const used = await ops.call<{ returnAuthorisations: Doc[] }>('GET', `/orders/${sale.id as string}`);
    expect(used.body.returnAuthorisations[0]).toMatchObject({
      status: 'used',
      used: { storeCode: 'S077', returnId: String(taken.id) },
    });
    expect((await register.api.get('/api/returns/authorisations/RA-XXXX')).status).toBe(400);
    expect((await register.api.get('/api/returns/authorisations/RA-00000000')).status).toBe(404);
    expect((await new Api(server.url, undefined).get(`/api/returns/authorisations/${ra}`)).status).toBe(401);
    const page = await ops.call<Timeline>('GET', `/orders/${sale.id as string}`);
    expect(page.body.timeline.find((e) => e.type === 'service_action')).toMatchObject({
      payload: { action: 'return_authorised', raNumber: ra },
    });
    // A POS sale is returned at a register, not cancelled by HQ; it has no parcel to re-ship.
    expect((await ops.call('POST', `/orders/${sale.id as string}/cancel`, { reason: 'nope' })).status).toBe(409);
    const reship = await ops.call('POST', `/orders/${sale.id as string}/reship`, {
      fulfillmentOrderId: randomUUID(),
      reason: 'lost',
    });
    expect(reship.status).toBe(404);
  });

  it('re-ships a lost parcel: a new ship fulfillment order with stock reserved and an event', async () => {
    const item = items[3] as StockedItem;
    const placed = await postWebOrder(server.url, channel.apiKey, shipPayload([item]));
    expect(placed.status).toBe(201);
    const orderId = String(placed.body.orderId);
    const storage = server.server.storage;
    // The store shipped the parcel (stands in for the register's pick, pack and ship).
    const fo = (await storage.pull({ collection: 'fulfillment_orders', afterSeq: 0, limit: 1000, storeId: null })).find(
      (d) => d.data.orderId === orderId,
    );
    expect(fo).toBeDefined();
    const shipped = {
      ...(fo?.data as Doc),
      status: 'shipped',
      shipment: { carrier: 'UPS', trackingNumber: '1Z999', cost: 599 },
    };
    const json = JSON.stringify(shipped);
    await storage.write((tx) =>
      tx.putDocuments([{ ...(fo as NonNullable<typeof fo>), data: shipped, json, hash: hashJson(json) }]),
    );
    const page = await ops.call<Timeline>('GET', `/orders/${orderId}`);
    expect(page.body.can.reship).toBe(true);
    const storeIds = (await ops.call<{ stores: Doc[] }>('GET', '/stores')).body.stores.map((x) => String(x.id));
    const reserved = async () => {
      const levels = await storage.getDocuments(
        'inventory_levels',
        storeIds.map((id) => `${id}:${item.sku}`),
      );
      return [...levels.values()].reduce((sum, l) => sum + Number(l.data.reserved), 0);
    };
    const before = await reserved();
    const again = await ops.call<{ fulfillmentOrders: Doc[] }>('POST', `/orders/${orderId}/reship`, {
      fulfillmentOrderId: fo?.id,
      reason: 'carrier lost the parcel',
    });
    expect(again.status).toBe(201);
    expect(again.body.fulfillmentOrders[0]).toMatchObject({ type: 'ship', previousFulfillmentOrderId: fo?.id });
    expect(await reserved()).toBe(before + 1);
    const after = await ops.call<Timeline>('GET', `/orders/${orderId}`);
    expect(after.body.timeline.find((e) => e.type === 'service_action')).toMatchObject({
      payload: { action: 'reshipped', reason: 'carrier lost the parcel' },
    });
    const notShipped = await ops.call('POST', `/orders/${orderId}/reship`, {
      fulfillmentOrderId: again.body.fulfillmentOrders[0]?.id,
      reason: 'lost',
    });
    expect(notShipped.status).toBe(409);
  });

  it('lists the exceptions queue and cancels an exception from the console', async () => {
    const refused = await postWebOrder(server.url, channel.apiKey, pickupPayload({ sku: 'NO-SUCH-SKU', price: 100 }));
    expect(refused.status).toBe(422);
    const list = await viewer.call<{
      exceptions: { id: string; reason: string; status: string; orderExists: boolean }[];
    }>('GET', '/exceptions?status=open');
    const found = list.body.exceptions.find((e) => e.reason === 'unknown_sku');
    expect(found).toMatchObject({ orderExists: false });
    expect((await viewer.call('POST', `/exceptions/${found?.id ?? ''}/cancel`)).status).toBe(403);
    // The SKU is still unknown: the retry runs intake again and the exception stays open.
    const retried = await ops.call<{ exception: { status: string; reason: string } }>(
      'POST',
      `/exceptions/${found?.id ?? ''}/retry`,
    );
    expect(retried.status).toBe(200);
    expect(retried.body.exception).toMatchObject({ status: 'open', reason: 'unknown_sku' });
    const cancelled = await ops.call<{ exception: { status: string } }>(
      'POST',
      `/exceptions/${found?.id ?? ''}/cancel`,
    );
    expect(cancelled.body.exception.status).toBe('cancelled');
    expect((await ops.call('POST', `/exceptions/${found?.id ?? ''}/cancel`)).status).toBe(409);
    expect((await ops.call('GET', '/exceptions?status=weird')).status).toBe(400);
  });

  it('keeps customer notes edited on the Customer 360 page: who and when, length limit, no card numbers', async () => {
    const path = `/customers/${customerId}/notes`;
    expect((await viewer.call('PUT', path, { notes: 'prefers e-mail' })).status).toBe(403);
    const pan = await ops.call<{ code: string; details: { field: string } }>('PUT', path, {
      notes: 'card 4111 1111 1111 1111 on file',
    });
    expect(pan.status).toBe(400);
    expect(pan.body).toMatchObject({ code: 'HQ_INVALID_INPUT', details: { field: 'notes' } });
    const long = await ops.call<{ message: string }>('PUT', path, { notes: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(/2000/);
    expect((await ops.call('PUT', `/customers/${randomUUID()}/notes`, { notes: 'hello' })).status).toBe(404);
    const saved = await ops.call<{ notes: string; edited: { by: string } }>('PUT', path, {
      notes: '  Prefers e-mail; VIP since 2024.  ',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ notes: 'Prefers e-mail; VIP since 2024.', edited: { by: 'ops@chain.example' } });
    const summary = await viewer.call<{ customer: Doc; notesEdited: { by: string; at: string } }>(
      'GET',
      `/customers/${customerId}/summary`,
    );
    expect(summary.body.customer.notes).toBe('Prefers e-mail; VIP since 2024.');
    expect(summary.body.notesEdited.by).toBe('ops@chain.example');
    expect(Date.now() - Date.parse(summary.body.notesEdited.at)).toBeLessThan(60_000);
  });

  it('summarises a customer across channels and stores (API with the HQ token)', async () => {
    const summary = await token.get<{
      orders: Doc[];
      storeCredit: { balance: number };
      totals: { channels: Record<string, number> };
    }>(`/api/hq/customers/${customerId}/summary`);
    expect(summary.status).toBe(200);
    expect(summary.body.totals.channels.web).toBeGreaterThanOrEqual(3);
    expect(summary.body.totals.channels.pos).toBe(1);
    expect(summary.body.storeCredit.balance).toBeGreaterThan(0);
    expect((await token.get(`/api/hq/customers/${randomUUID()}/summary`)).status).toBe(404);
    expect((await new Api(server.url, undefined).get(`/api/hq/customers/${customerId}/summary`)).status).toBe(401);
    const found = await viewer.call<{ customers: Doc[] }>('GET', '/customers?q=ADA');
    expect(found.body.customers.map((c) => c.id)).toContain(customerId);
  });
});
