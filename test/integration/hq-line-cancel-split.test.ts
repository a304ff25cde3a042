// HQ line cancel on a split pickup order, on both backends: a line short-picked at S001 and
// re-routed to another store stays cancellable after S001 hands its part over (S001 gave the
// customer none of it): the re-routed part is emptied and cancelled. The line S001 did hand over
// is still refused with 409 HQ_LINE_FULFILLED (it is returned instead).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type EnrolledDevice, type TestServer } from './server-harness';
import { createHqUser, HqSession } from './hq-harness';
import { moveFulfillment, until } from './orchestration-helpers';
import {
  fulfillmentOrdersOf,
  pickupPayload,
  postWebOrder,
  startWebOrderServer,
  stockedElsewhere,
  type ChannelKeyResult,
  type StockedItem,
} from '../support/web-orders';

type Line = { id: string; sku: string; orderLineId: string; quantity: number };
interface Fo {
  id: string;
  assignedStoreId: string;
  status: string;
  lines: Line[];
}

describe.each(backends)('HQ line cancel on a split pickup order (%s)', (backend) => {
  let server: TestServer;
  let channel: ChannelKeyResult;
  let register: EnrolledDevice;
  let ops: HqSession;
  let items: StockedItem[];

  beforeAll(async () => {
    ({ server, channel, register, items } = await startWebOrderServer(backend, { items: 30 }));
    await createHqUser(server.server.storage, 'ops@chain.example', 'operations');
    ops = new HqSession(server.url);
    await ops.signIn('ops@chain.example');
  }, 120_000);
  afterAll(async () => server?.dispose());

  const storage = () => server.server.storage;
  const fosOf = (orderId: string) => fulfillmentOrdersOf<Fo>(storage(), orderId);

  /** Two items S001 has, the second also stocked at another store (so its short pick can move there). */
  async function pair(): Promise<[StockedItem, StockedItem]> {
    const [movable] = await stockedElsewhere(storage(), items, channel.homeStoreId);
    const other = items.find((i) => i.sku !== movable?.sku && i.available > 1);
    if (!movable || !other) throw new Error('too few items stocked at two stores');
    return [other, movable];
  }

  it('cancels a line short-picked at a store that then handed its part over; the handed-over line stays refused', async () => {
    const [a, b] = await pair();
    const placed = await postWebOrder(
      server.url,
      channel.apiKey,
      pickupPayload(a, 'S001', { lines: [a, b].map((i) => ({ sku: i.sku, quantity: 1, unitPrice: i.price })) }),
    );
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const orderId = String(placed.body.orderId);
    const first = (placed.body.fulfillmentOrders as { id: string }[])[0]!.id;

    // S001 picks a, is short of b (re-routed to another store), and hands a over.
    await moveFulfillment(storage(), register, first, (fo) => ({ ...fo, status: 'picking' }));
    await moveFulfillment(storage(), register, first, (fo) => ({
      ...fo,
      status: 'picked',
      lines: (fo.lines as Line[]).map((l) =>
        l.sku === b.sku ? { ...l, shortQuantity: l.quantity } : { ...l, pickedQuantity: l.quantity },
      ),
    }));
    const moved = await until('the short line re-routed', async () =>
      (await fosOf(orderId)).find((f) => f.assignedStoreId !== channel.homeStoreId),
    );
    await moveFulfillment(storage(), register, first, (fo) => ({ ...fo, status: 'ready_for_pickup' }));
    await moveFulfillment(storage(), register, first, (fo) => ({
      ...fo,
      status: 'picked_up',
      handover: {
        method: 'pickup_code',
        at: new Date().toISOString(),
        by: { kind: 'device', deviceId: register.deviceId },
        collectedBy: 'Ada Customer',
      },
    }));

    const order = (await ops.call<{ order: { lines: { id: string; sku: string }[] } }>('GET', `/orders/${orderId}`))
      .body.order;
    const idOf = (sku: string) => order.lines.find((l) => l.sku === sku)!.id;

    const handedOver = await ops.call<{ code: string }>('POST', `/orders/${orderId}/cancel-lines`, {
      lineIds: [idOf(a.sku)],
      reason: 'customer asked',
    });
    expect(handedOver.status).toBe(409);
    expect(handedOver.body.code).toBe('HQ_LINE_FULFILLED');

    const reserved = async () => {
      const id = `${moved.assignedStoreId}:${b.sku}`;
      return Number((await storage().getDocuments('inventory_levels', [id])).get(id)?.data.reserved ?? 0);
    };
    const reservedBefore = await reserved();
    const cancelled = await ops.call<{ order: { lines: { sku: string }[] } }>(
      'POST',
      `/orders/${orderId}/cancel-lines`,
      {
        lineIds: [idOf(b.sku)],
        reason: 'the other store cannot find it either',
      },
    );
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.order.lines.map((l) => l.sku)).toEqual([a.sku]);
    const parts = await fosOf(orderId);
    expect(parts.find((f) => f.id === moved.id)?.status).toBe('cancelled');
    expect(parts.find((f) => f.id === first)?.status).toBe('picked_up');
    // The re-routed part's reservation at the other store is released.
    expect(await reserved()).toBe(reservedBefore - 1);
  });
});
