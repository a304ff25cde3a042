// Money of a web pickup order on both backends: pay at pickup (no authorisation, or a partial one
// that is kept), and the capture job taking from the web authorisation what the hand-over
// recorded (handover.payment.capture), releasing the rest, or voiding it when the counter took it all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settlePickup } from '../../shared/orders/pickup-settlement';
import type { Order } from '../../shared/schemas/orders';
import { existingOrchestration } from '../../sync-server/orchestration/registry';
import { backends, enrollDevice, type EnrolledDevice, type TestServer } from './server-harness';
import { moveFulfillment, orderEvents, storedDoc, until } from './orchestration-helpers';
import {
  fulfillmentOrdersOf,
  paymentsOf as storedPaymentsOf,
  pickupPayload,
  postWebOrder,
  shipPayload,
  startWebOrderServer,
  stockedElsewhere,
  type ChannelKeyResult,
  type StockedItem,
} from '../support/web-orders';

interface PlacedFo {
  id: string;
}

describe.each(backends)('pay at pickup and capture at hand-over (%s)', (backend) => {
  let server: TestServer;
  let channel: ChannelKeyResult;
  let register: EnrolledDevice;
  let items: StockedItem[];

  beforeAll(async () => {
    ({ server, channel, register, items } = await startWebOrderServer(backend, { items: 10, minAvailable: 2 }));
    expect(items.length).toBeGreaterThanOrEqual(6);
  });
  afterAll(async () => server.dispose());

  const storage = () => server.server.storage;
  const gateway = () => {
    const o = existingOrchestration(storage());
    if (!o) throw new Error('orchestration not running');
    return o.payments.gateway;
  };
  const paymentsOf = (orderId: string) => storedPaymentsOf(storage(), orderId);

  async function place(item: StockedItem, payment: unknown, quantity = 1) {
    const placed = await postWebOrder(
      server.url,
      channel.apiKey,
      pickupPayload(item, 'S001', { payment, lines: [{ sku: item.sku, quantity, unitPrice: item.price }] }),
    );
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const orderId = String(placed.body.orderId);
    const fo = (placed.body.fulfillmentOrders as PlacedFo[])[0];
    if (!fo) throw new Error('the order was not routed');
    return { body: placed.body, orderId, foId: fo.id, total: (placed.body.totals as { total: number }).total };
  }

  /** Picks everything, stages it, and hands over `taken` units of the line with the settlement the register makes. */
  async function handOver(orderId: string, foId: string, taken: number, balanceCollected?: number) {
    const move = (change: (fo: Record<string, unknown>) => Record<string, unknown>) =>
      moveFulfillment(storage(), register, foId, change);
    await move((fo) => ({ ...fo, status: 'picking' }));
    await move((fo) => ({
      ...fo,
      status: 'picked',
      lines: (fo.lines as { quantity: number }[]).map((l) => ({ ...l, pickedQuantity: l.quantity })),
    }));
    await move((fo) => ({ ...fo, status: 'ready_for_pickup' }));
    const order = (await storedDoc(storage(), 'orders', orderId)) as unknown as Order;
    const line = (
      (await storedDoc(storage(), 'fulfillment_orders', foId)).lines as { id: string; orderLineId: string }[]
    )[0];
    if (!line) throw new Error('no line');
    const settlement = settlePickup(
      order,
      [{ orderLineId: line.orderLineId, quantity: taken }],
      await paymentsOf(orderId),
    );
    const collected = balanceCollected ?? settlement.balanceDue;
    await move((fo) => ({
      ...fo,
      status: 'picked_up',
      handover: {
        method: 'pickup_code',
        at: new Date().toISOString(),
        by: { kind: 'device', deviceId: register.deviceId },
        collectedBy: 'Ada Customer',
        collected: [{ lineId: line.id, quantity: taken }],
        payment: {
          currency: order.currency,
          value: settlement.value,
          balanceCollected: collected,
          // What the counter collected beyond the balance comes off the card.
          capture: Math.max(0, Math.min(settlement.authorised, settlement.value - collected)),
          paymentIds: [],
        },
      },
    }));
    return settlement;
  }

  const captureEvent = (orderId: string) =>
    until('the capture job', async () => {
      const events = await orderEvents(storage(), orderId);
      return events.some((e) => e.type === 'payment_captured' || /voided/.test(String(e.payload.text)))
        ? events
        : undefined;
    });

  it('places a pay-at-pickup order without a card: nothing authorised, the whole total due at the counter', async () => {
    const { body, orderId, total } = await place(items[0]!, { payAtPickup: true });
    expect(body).toMatchObject({
      status: 'allocated',
      amountAuthorized: 0,
      payAtPickup: true,
      balanceDueAtPickup: total,
    });
    expect(await paymentsOf(orderId)).toEqual([]);
  });

  it('keeps a partial authorisation when the rest is paid at pickup, and captures it at hand-over', async () => {
    const { body, orderId, foId, total } = await place(items[1]!, { payAtPickup: true, token: 'tok_test_0051' });
    const half = Math.floor(total / 2);
    expect(body).toMatchObject({ amountAuthorized: half, payAtPickup: true, balanceDueAtPickup: total - half });
    const [card] = await paymentsOf(orderId);
    expect(card).toMatchObject({ status: 'approved', amount: half, card: { entryMode: 'ecommerce' } });
    const settlement = await handOver(orderId, foId, 1);
    expect(settlement).toMatchObject({ value: total, authorised: half, balanceDue: total - half, capture: half });
    const events = await captureEvent(orderId);
    expect(events.find((e) => e.type === 'payment_captured')?.payload).toMatchObject({
      paymentId: card?.id,
      amount: half,
    });
    // Not voided at intake: the gateway holds exactly the capture, nothing released.
    const repeat = await gateway().capture({ authorizationId: card!.gateway!.reference });
    expect(repeat).toMatchObject({ captured: { amount: half }, released: { amount: 0 } });
  });

  it('refuses a half approval without pay at pickup (and gives the hold back)', async () => {
    const answer = await postWebOrder(
      server.url,
      channel.apiKey,
      pickupPayload(items[2]!, 'S001', { payment: { token: 'tok_test_0051' } }),
    );
    expect(answer.status).toBe(402);
    expect(answer.body).toMatchObject({ exception: { details: { declineCode: 'partial_approval' } } });
  });

  it('refuses pay at pickup on a shipped order, and a pay-at-pickup flag that is not true', async () => {
    const ship = await postWebOrder(
      server.url,
      channel.apiKey,
      shipPayload([items[2]!], { payment: { payAtPickup: true } }),
    );
    expect(ship.status).toBe(400);
    expect(ship.body).toMatchObject({ code: 'ORDERS_INVALID_PAYLOAD', details: { field: 'payment.payAtPickup' } });
    const notTrue = await postWebOrder(
      server.url,
      channel.apiKey,
      pickupPayload(items[2]!, 'S001', { payment: { payAtPickup: false } }),
    );
    expect(notTrue.status).toBe(400);
    expect(notTrue.body).toMatchObject({ code: 'ORDERS_INVALID_PAYLOAD' });
  });

  it('captures what the hand-over recorded for a partial pickup and releases the rest to the card', async () => {
    const { orderId, foId, total } = await place(items[2]!, { token: 'tok_test_4242' }, 2);
    const settlement = await handOver(orderId, foId, 1);
    expect(settlement.capture).toBeGreaterThan(0);
    expect(settlement.capture).toBeLessThan(total);
    const events = await captureEvent(orderId);
    const [card] = await paymentsOf(orderId);
    expect(events.find((e) => e.type === 'payment_captured')?.payload).toMatchObject({
      paymentId: card?.id,
      amount: settlement.capture,
    });
    expect(events.some((e) => String(e.payload.text).includes(`${total - settlement.capture} released`))).toBe(true);
    const repeat = await gateway().capture({ authorizationId: card!.gateway!.reference });
    expect(repeat).toMatchObject({
      captured: { amount: settlement.capture },
      released: { amount: total - settlement.capture },
    });
  });

  it('captures a split order once, when its last part is handed over: the sum of both hand-overs', async () => {
    const s001 = channel.homeStoreId;
    // b is short at S001 and stocked elsewhere, so its line moves to another store.
    const [a, b] = await stockedElsewhere(storage(), items.slice(4), s001);
    if (!a || !b) throw new Error('too few items stocked at two stores');
    const placed = await postWebOrder(
      server.url,
      channel.apiKey,
      pickupPayload(a, 'S001', {
        lines: [a, b].map((i) => ({ sku: i.sku, quantity: 1, unitPrice: i.price })),
        payment: { token: 'tok_test_4242' },
      }),
    );
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const orderId = String(placed.body.orderId);
    const total = (placed.body.totals as { total: number }).total;
    const first = (placed.body.fulfillmentOrders as PlacedFo[])[0]!.id;
    const move = (
      device: EnrolledDevice,
      foId: string,
      change: (fo: Record<string, unknown>) => Record<string, unknown>,
    ) => moveFulfillment(storage(), device, foId, change);
    type Line = { id: string; sku: string; orderLineId: string; quantity: number };
    await move(register, first, (fo) => ({ ...fo, status: 'picking' }));
    await move(register, first, (fo) => ({
      ...fo,
      status: 'picked',
      lines: (fo.lines as Line[]).map((l) =>
        l.sku === b.sku ? { ...l, shortQuantity: l.quantity } : { ...l, pickedQuantity: l.quantity },
      ),
    }));
    const other = await until('the short line re-routed', async () =>
      (await fulfillmentOrdersOf<{ id: string; assignedStoreId: string; lines: Line[] }>(storage(), orderId)).find(
        (f) => f.assignedStoreId !== s001,
      ),
    );
    const order = (await storedDoc(storage(), 'orders', orderId)) as unknown as Order;
    const settle = (sku: string) => {
      const line = order.lines.find((l) => l.sku === sku)!;
      return settlePickup(order, [{ orderLineId: line.id, quantity: 1 }], []).value;
    };
    const handOverAt = async (device: EnrolledDevice, foId: string, value: number) => {
      await move(device, foId, (fo) => ({ ...fo, status: 'ready_for_pickup' }));
      await move(device, foId, (fo) => ({
        ...fo,
        status: 'picked_up',
        handover: {
          method: 'pickup_code',
          at: new Date().toISOString(),
          by: { kind: 'device', deviceId: device.deviceId },
          collectedBy: 'Ada Customer',
          payment: { currency: order.currency, value, balanceCollected: 0, capture: value, paymentIds: [] },
        },
      }));
    };
    await handOverAt(register, first, settle(a.sku));
    // S001's capture job runs and leaves the authorisation alone: the other part is still open.
    await until('the first capture job', async () => {
      const [job] = await storage().query<{ status: string }>('SELECT status FROM jobs WHERE dedupe_key = ?', [
        `capture:${first}`,
      ]);
      return job?.status === 'done' ? true : undefined;
    });
    expect((await orderEvents(storage(), orderId)).some((e) => e.type === 'payment_captured')).toBe(false);
    const elsewhere = await enrollDevice(server, other.assignedStoreId, 'Other store');
    await move(elsewhere, other.id, (fo) => ({ ...fo, status: 'picking' }));
    await move(elsewhere, other.id, (fo) => ({
      ...fo,
      status: 'picked',
      lines: (fo.lines as Line[]).map((l) => ({ ...l, pickedQuantity: l.quantity })),
    }));
    await handOverAt(elsewhere, other.id, settle(b.sku));
    const events = await captureEvent(orderId);
    expect(events.filter((e) => e.type === 'payment_captured').map((e) => e.payload.amount)).toEqual([
      settle(a.sku) + settle(b.sku),
    ]);
    expect(settle(a.sku) + settle(b.sku)).toBe(total);
  });

  it('voids the authorisation when the counter collected everything the customer took', async () => {
    const { orderId, foId, total } = await place(items[3]!, { token: 'tok_test_4242' });
    await handOver(orderId, foId, 1, total);
    const events = await captureEvent(orderId);
    expect(events.some((e) => e.type === 'payment_captured')).toBe(false);
    expect(events.some((e) => /voided: the counter collected/.test(String(e.payload.text)))).toBe(true);
    const [card] = await paymentsOf(orderId);
    await expect(gateway().capture({ authorizationId: card!.gateway!.reference })).rejects.toMatchObject({
      code: 'PAYMENT_INVALID_STATE',
    });
  });
});
