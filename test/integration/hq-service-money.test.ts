// Customer service actions that move money, on both backends: cancelling some lines of a web
// order (their reservations released, totals derived again, an event with who and why; 409 once
// a line is shipped), and cancel and appeasement as one transaction each — a failure in the
// middle leaves the order, stock, payments and timeline as they were, and pressing again works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Api, backends, pushRows, startTestServer, type TestServer } from './server-harness';
import { fixtures } from '../support/fixtures/documents';
import { createHqUser, HqSession } from './hq-harness';
import { hashJson } from '../../sync-server/replication/canonical';
import type { DocumentWrite, WriteTx } from '../../sync-server/storage/storage';
import { existingOrchestration } from '../../sync-server/orchestration/registry';
import type { Orchestration } from '../../sync-server/orchestration/context';
import { appease, serviceCancel } from '../../sync-server/hq/service/money-actions';
import type { ServiceActor } from '../../sync-server/orchestration/service-actions';
import {
  createChannelKey,
  pickupPayload,
  postWebOrder,
  shipPayload,
  stockedItems,
  type ChannelKeyResult,
  type StockedItem,
} from '../support/web-orders';

type Doc = Record<string, unknown>;
interface Page {
  order: { status: string; lines: { id: string; sku: string }[]; totals?: { total: number } };
  timeline: { type: string; payload: Doc }[];
  refunded: number;
  cancelledLines: {
    lineId: string;
    sku: string;
    quantity: number;
    amount: number;
    by: string;
    at: string;
    reason: string;
  }[];
}

const agent: ServiceActor = { userId: 'u-ops', email: 'ops@chain.example', role: 'operations' };

describe.each(backends)('HQ customer service money (%s)', (backend) => {
  let server: TestServer;
  let ops: HqSession;
  let viewer: HqSession;
  let channel: ChannelKeyResult;
  let items: StockedItem[];

  const reserved = async (sku: string) => {
    const id = `${channel.homeStoreId}:${sku}`;
    return Number((await server.server.storage.getDocuments('inventory_levels', [id])).get(id)?.data.reserved ?? 0);
  };
  const page = async (orderId: string) => (await ops.call<Page>('GET', `/orders/${orderId}`)).body;
  const twoLineOrder = async (a: StockedItem, b: StockedItem) => {
    const placed = await postWebOrder(
      server.url,
      channel.apiKey,
      pickupPayload(a, 'S001', {
        lines: [
          { sku: a.sku, quantity: 1, unitPrice: a.price },
          { sku: b.sku, quantity: 2, unitPrice: b.price },
        ],
      }),
    );
    expect(placed.status).toBe(201);
    return String(placed.body.orderId);
  };
  /**
   * Orchestration whose storage fails the write of the service_action event — the last write of
   * each action, after the order, stock and payment rows are in the same transaction.
   */
  const failingAtEvent = (): Orchestration => {
    const o = existingOrchestration(server.server.storage);
    if (!o) throw new Error('the server registered no orchestration');
    const bind = <T extends object>(target: T, key: string | symbol): unknown => {
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    };
    const failingTx = (tx: WriteTx): WriteTx =>
      new Proxy(tx, {
        get: (target, key) =>
          key === 'putDocuments'
            ? async (writes: DocumentWrite[]) => {
                if (writes.some((w) => w.collection === 'order_events' && w.data.type === 'service_action'))
                  throw new Error('disk full');
                return target.putDocuments(writes);
              }
            : bind(target, key),
      });
    const storage = new Proxy(o.storage, {
      get: (target, key) =>
        key === 'write'
          ? <T>(work: (tx: WriteTx) => Promise<T>) => target.write((tx) => work(failingTx(tx)))
          : bind(target, key),
    });
    return { ...o, storage };
  };

  beforeAll(async () => {
    server = await startTestServer(backend, { seedDemo: true });
    channel = await createChannelKey(server.url, server.hqToken);
    items = await stockedItems(server.server.storage, channel.homeStoreId, 5);
    await createHqUser(server.server.storage, 'ops@chain.example', 'operations');
    await createHqUser(server.server.storage, 'look@chain.example', 'viewer');
    ops = new HqSession(server.url);
    viewer = new HqSession(server.url);
    await ops.signIn('ops@chain.example');
    await viewer.signIn('look@chain.example');
  });
  afterAll(async () => server?.dispose());

  it('cancels one line: its reservation released, the other kept, totals lower, an event with who and why', async () => {
    const [a, b] = items as [StockedItem, StockedItem];
    const before = { a: await reserved(a.sku), b: await reserved(b.sku) };
    const orderId = await twoLineOrder(a, b);
    expect(await reserved(a.sku)).toBe(before.a + 1);
    expect(await reserved(b.sku)).toBe(before.b + 2);
    const start = await page(orderId);
    const lineB = start.order.lines.find((l) => l.sku === b.sku)?.id ?? '';
    expect(
      (await viewer.call('POST', `/orders/${orderId}/cancel-lines`, { lineIds: [lineB], reason: 'no' })).status,
    ).toBe(403);
    const unknown = await ops.call<{ code: string }>('POST', `/orders/${orderId}/cancel-lines`, {
      lineIds: ['no-such-line'],
      reason: 'customer changed mind',
    });
    expect(unknown.status).toBe(400);
    const done = await ops.call<{ order: Page['order']; payment: string; amount: number }>(
      'POST',
      `/orders/${orderId}/cancel-lines`,
      { lineIds: [lineB], reason: 'customer changed mind' },
    );
    expect(done.status).toBe(200);
    expect(done.body.order.lines.map((l) => l.sku)).toEqual([a.sku]);
    expect(done.body.amount).toBe((start.order.totals?.total ?? 0) - (done.body.order.totals?.total ?? 0));
    expect(done.body.amount).toBeGreaterThanOrEqual(2 * b.price);
    // The web shop's authorisation is not captured yet: the hand-over captures only what is left.
    expect(done.body.payment).toBe('reduced');
    expect(await reserved(a.sku)).toBe(before.a + 1);
    expect(await reserved(b.sku)).toBe(before.b);
    const after = await page(orderId);
    expect(after.order.status).not.toBe('cancelled');
    expect(after.timeline.find((e) => e.type === 'service_action')).toMatchObject({
      payload: {
        action: 'cancelled',
        reason: `lines 2× ${b.sku}: customer changed mind`,
        amount: done.body.amount,
        by: { email: 'ops@chain.example', role: 'operations' },
      },
    });
    // The line left the order; the order page still shows it, struck through, with who and when.
    expect(after.cancelledLines).toEqual([
      {
        lineId: lineB,
        sku: b.sku,
        name: expect.any(String) as string,
        quantity: 2,
        amount: done.body.amount,
        reason: 'customer changed mind',
        by: 'ops@chain.example',
        at: expect.any(String) as string,
      },
    ]);
    expect(Date.parse(after.cancelledLines[0]?.at ?? '')).toBeGreaterThan(Date.now() - 120_000);
    const again = await ops.call('POST', `/orders/${orderId}/cancel-lines`, { lineIds: [lineB], reason: 'twice over' });
    expect(again.status).toBe(400);
    // The last line is the whole order: it is cancelled and its reservation released.
    const last = await ops.call<{ order: { status: string } }>('POST', `/orders/${orderId}/cancel-lines`, {
      lineIds: [after.order.lines[0]?.id],
      reason: 'customer changed mind again',
    });
    expect(last.body.order.status).toBe('cancelled');
    expect(await reserved(a.sku)).toBe(before.a);
  });

  it('refuses with 409 HQ_LINE_FULFILLED to cancel a line already shipped', async () => {
    const [a, b] = [items[2], items[3]] as [StockedItem, StockedItem];
    const placed = await postWebOrder(server.url, channel.apiKey, shipPayload([a, b]));
    expect(placed.status).toBe(201);
    const orderId = String(placed.body.orderId);
    const storage = server.server.storage;
    const fos = (
      await storage.pull({ collection: 'fulfillment_orders', afterSeq: 0, limit: 5000, storeId: null })
    ).filter((d) => d.data.orderId === orderId);
    expect(fos.length).toBeGreaterThan(0);
    // The store shipped the parcel (stands in for the register's pick, pack and ship).
    await storage.write((tx) =>
      tx.putDocuments(
        fos.map((fo) => {
          const shipped = {
            ...fo.data,
            status: 'shipped',
            shipment: { carrier: 'UPS', trackingNumber: '1Z9', cost: 599 },
          };
          const json = JSON.stringify(shipped);
          return { ...fo, data: shipped, json, hash: hashJson(json) };
        }),
      ),
    );
    const { order } = await page(orderId);
    const refused = await ops.call<{ code: string; message: string }>('POST', `/orders/${orderId}/cancel-lines`, {
      lineIds: [order.lines[0]?.id],
      reason: 'customer asked',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('HQ_LINE_FULFILLED');
    expect(refused.body.message).toMatch(/return authorisation/);
    expect((await page(orderId)).order.lines).toHaveLength(2);
  });

  it('cancel is one transaction: a failure in the middle leaves nothing done, and the retry works', async () => {
    const item = items[4] as StockedItem;
    const before = await reserved(item.sku);
    const placed = await postWebOrder(server.url, channel.apiKey, pickupPayload(item));
    const orderId = String(placed.body.orderId);
    const held = await reserved(item.sku);
    expect(held).toBe(before + 1);
    // Stock released, order and fulfillment order cancelled, then the event's write fails.
    await expect(serviceCancel(failingAtEvent(), orderId, 'customer asked', agent)).rejects.toThrow(
      /voided at the bank, but recording it failed/,
    );
    const unchanged = await page(orderId);
    expect(unchanged.order.status).not.toBe('cancelled');
    expect(unchanged.timeline.some((e) => e.type === 'service_action' || e.payload.to === 'cancelled')).toBe(false);
    expect(await reserved(item.sku)).toBe(held);
    const fo = (
      await server.server.storage.pull({ collection: 'fulfillment_orders', afterSeq: 0, limit: 5000, storeId: null })
    ).find((d) => d.data.orderId === orderId);
    expect(fo?.data.status).not.toBe('cancelled');
    // Pressing again: the authorisation is already void, the cancel is recorded whole.
    const retried = await ops.call<{ order: { status: string } }>('POST', `/orders/${orderId}/cancel`, {
      reason: 'customer asked',
    });
    expect(retried.status).toBe(200);
    expect(retried.body.order.status).toBe('cancelled');
    expect(await reserved(item.sku)).toBe(before);
    expect((await page(orderId)).timeline.filter((e) => e.type === 'service_action')).toHaveLength(1);
  });

  it('appeasement is one transaction: store credit is not given when its event cannot be written', async () => {
    const placed = await postWebOrder(server.url, channel.apiKey, pickupPayload(items[0] as StockedItem));
    const orderId = String(placed.body.orderId);
    const credit = async (customerId: string) =>
      Number(
        (
          (await server.server.storage.getDocuments('config', [customerId])).get(customerId)?.data.payload as
            { balance: number } | undefined
        )?.balance ?? 0,
      );
    const customerId = randomUUID();
    const customer = { ...structuredClone(fixtures.customers), id: customerId, displayName: 'Ada', searchName: 'ada' };
    const token = new Api(server.url, server.hqToken);
    expect((await token.post('/sync/customers/push', pushRows([customer]))).status).toBe(200);
    const balance = await credit(customerId);
    const input = { amount: 300, method: 'store_credit' as const, reason: 'late pickup', customerId };
    // The payment row and its balance projection are written, then the event's write fails.
    await expect(appease(failingAtEvent(), orderId, input, agent)).rejects.toThrow(/disk full/);
    expect(await credit(customerId)).toBe(balance);
    const unchanged = await page(orderId);
    expect(unchanged.refunded).toBe(0);
    expect(unchanged.timeline.some((e) => e.type === 'service_action')).toBe(false);
    const given = await ops.call('POST', `/orders/${orderId}/appeasement`, input);
    expect(given.status).toBe(201);
    expect(await credit(customerId)).toBe(balance + 300);
    expect((await page(orderId)).refunded).toBe(300);
  });
});
