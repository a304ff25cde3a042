// The balance due travels with the fulfillment order, on both backends: the server keeps each open
// pickup part's `settlement` (prices of its lines, what the order's payments still hold after the
// parts handed over, the authorisation left) current as money moves — intake, a re-route to
// another store, a hand-over, a counter payment — and a register may not change it. The store the
// short line moved to holds neither the web order nor its payments, and settles from it alone.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settlePart, settlePickup, type PartSettlement } from '../../shared/orders/pickup-settlement';
import type { Order } from '../../shared/schemas/orders';
import { backends, type EnrolledDevice, type TestServer } from './server-harness';
import { moveFulfillment, storedDoc, until } from './orchestration-helpers';
import {
  fulfillmentOrdersOf,
  paymentsOf,
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
  settlement?: PartSettlement;
}

describe.each(backends)('the settlement travels with the fulfillment order (%s)', (backend) => {
  let server: TestServer;
  let channel: ChannelKeyResult;
  let register: EnrolledDevice;
  let items: StockedItem[];

  beforeAll(async () => {
    ({ server, channel, register, items } = await startWebOrderServer(backend, { items: 20, minAvailable: 2 }));
  });
  afterAll(async () => server.dispose());

  const storage = () => server.server.storage;
  const fosOf = (orderId: string) => fulfillmentOrdersOf<Fo>(storage(), orderId);

  async function pairFrom(pool: StockedItem[]): Promise<[StockedItem, StockedItem]> {
    const [a, b] = await stockedElsewhere(storage(), pool, channel.homeStoreId);
    if (!a || !b) throw new Error('too few items stocked at two stores');
    return [a, b];
  }

  it('keeps the re-routed part’s balance current, so both counters together collect what the card did not hold', async () => {
    const [a, b] = await pairFrom(items);
    // Pay at pickup with a card the bank half approves: half is held, the rest is due at the counters.
    const placed = await postWebOrder(
      server.url,
      channel.apiKey,
      pickupPayload(a, 'S001', {
        lines: [a, b].map((i) => ({ sku: i.sku, quantity: 1, unitPrice: i.price })),
        payment: { payAtPickup: true, token: 'tok_test_0051' },
      }),
    );
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const orderId = String(placed.body.orderId);
    const total = (placed.body.totals as { total: number }).total;
    const held = Number(placed.body.amountAuthorized);
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(total);
    const first = (placed.body.fulfillmentOrders as { id: string }[])[0]!.id;
    const order = (await storedDoc(storage(), 'orders', orderId)) as unknown as Order;
    const [card] = await paymentsOf(storage(), orderId);

    // Intake: the part carries the order's money.
    const atIntake = (await storedDoc(storage(), 'fulfillment_orders', first)) as unknown as Fo;
    expect(atIntake.settlement).toMatchObject({
      currency: order.currency,
      covered: held,
      authorised: held,
      paymentIds: [card!.id],
    });
    expect(atIntake.settlement?.lines.map((l) => l.orderLineId).sort()).toEqual(order.lines.map((l) => l.id).sort());

    // b is short at S001 and moves to another store: the new part carries its line and the money.
    await moveFulfillment(storage(), register, first, (fo) => ({ ...fo, status: 'picking' }));
    await moveFulfillment(storage(), register, first, (fo) => ({
      ...fo,
      status: 'picked',
      lines: (fo.lines as Line[]).map((l) =>
        l.sku === b.sku ? { ...l, shortQuantity: l.quantity } : { ...l, pickedQuantity: l.quantity },
      ),
    }));
    const other = await until('the short line re-routed', async () =>
      (await fosOf(orderId)).find((f) => f.assignedStoreId !== channel.homeStoreId),
    );
    const lineA = order.lines.find((l) => l.sku === a.sku)!;
    const lineB = order.lines.find((l) => l.sku === b.sku)!;
    expect(other.settlement).toMatchObject({ covered: held, authorised: held });
    expect(other.settlement?.lines.map((l) => l.orderLineId)).toEqual([lineB.id]);

    // S001 hands a over: what the register computes, with the balance paid in cash and pushed.
    const atS001 = settlePickup(order, [{ orderLineId: lineA.id, quantity: 1 }], [card!]);
    const cashId = randomUUID();
    if (atS001.balanceDue > 0) {
      const now = new Date().toISOString();
      const cash = {
        id: cashId,
        orderId,
        storeId: channel.homeStoreId,
        deviceId: register.deviceId,
        kind: 'sale',
        method: 'cash',
        status: 'approved',
        amount: atS001.balanceDue,
        currency: order.currency,
        createdAt: now,
        updatedAt: now,
      };
      const pushed = await register.api.post('/sync/payments/push', [
        { newDocumentState: { ...cash, _deleted: false } },
      ]);
      expect(pushed.body).toMatchObject({ rejected: [], conflicts: [] });
    }
    await moveFulfillment(storage(), register, first, (fo) => ({ ...fo, status: 'ready_for_pickup' }));
    await moveFulfillment(storage(), register, first, (fo) => ({
      ...fo,
      status: 'picked_up',
      handover: {
        method: 'pickup_code',
        at: new Date().toISOString(),
        by: { kind: 'device', deviceId: register.deviceId },
        collectedBy: 'Ada Customer',
        payment: {
          currency: order.currency,
          value: atS001.value,
          balanceCollected: atS001.balanceDue,
          capture: atS001.capture,
          paymentIds: atS001.balanceDue > 0 ? [cashId] : [],
        },
      },
    }));

    // The other store settles from its part alone: together the counters collect total − held.
    const moved = (await storedDoc(storage(), 'fulfillment_orders', other.id)) as unknown as Fo;
    const atOther = settlePart(moved.settlement!, [{ orderLineId: lineB.id, quantity: 1 }], []);
    expect(atS001.balanceDue + atOther.balanceDue).toBe(total - held);
    expect(atS001.capture + atOther.capture).toBe(held);
    expect(atOther.value).toBe(total - atS001.value);
  });

  it('refuses a register that changes the settlement', async () => {
    const item = items[items.length - 1]!;
    const placed = await postWebOrder(
      server.url,
      channel.apiKey,
      pickupPayload(item, 'S001', { payment: { payAtPickup: true } }),
    );
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const foId = (placed.body.fulfillmentOrders as { id: string }[])[0]!.id;
    const master = await storedDoc(storage(), 'fulfillment_orders', foId);
    expect((master as unknown as Fo).settlement?.covered).toBe(0);
    const forged = {
      ...master,
      status: 'picking',
      settlement: { ...(master.settlement as PartSettlement), covered: 1_000_000 },
      updatedAt: new Date().toISOString(),
    };
    const answer = await register.api.post('/sync/fulfillment_orders/push', [
      { newDocumentState: { ...forged, _deleted: false }, assumedMasterState: master },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      rejected: [{ id: foId, code: 'SYNC_CHANGE_FORBIDDEN', field: 'settlement' }],
    });
  });
});
