// The capture job when parts of a web order end without a hand-over, on both backends: the last
// open part cancelled (pickup deadline, HQ line cancel) after another store handed its part over
// still captures what that hand-over recorded and releases the rest; a shipment after an HQ line
// cancel captures the order's new total, not the whole authorisation; and HQ's money actions
// count only what a partial capture took, not the whole authorisation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settlePickup } from '../../shared/orders/pickup-settlement';
import type { Order } from '../../shared/schemas/orders';
import { cancelOrderIf } from '../../sync-server/orchestration/hq-actions';
import { existingOrchestration } from '../../sync-server/orchestration/registry';
import type { Orchestration } from '../../sync-server/orchestration/context';
import type { ServiceActor } from '../../sync-server/orchestration/service-actions';
import { appease, serviceCancel } from '../../sync-server/hq/service/money-actions';
import { cancelLines } from '../../sync-server/hq/service/line-cancel';
import { backends, enrollDevice, type EnrolledDevice, type TestServer } from './server-harness';
import { moveFulfillment, orderEvents, storedDoc, until, type StoredEvent } from './orchestration-helpers';
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

type Line = { id: string; sku: string; orderLineId: string; quantity: number };
interface Fo {
  id: string;
  assignedStoreId: string;
  status: string;
  lines: Line[];
}

const admin: ServiceActor = { userId: 'u-admin', email: 'admin@chain.example', role: 'admin' };

describe.each(backends)('capture when parts close without a hand-over (%s)', (backend) => {
  let server: TestServer;
  let channel: ChannelKeyResult;
  let register: EnrolledDevice;
  let items: StockedItem[];
  const devices = new Map<string, EnrolledDevice>();

  beforeAll(async () => {
    ({ server, channel, register, items } = await startWebOrderServer(backend, { items: 20, minAvailable: 2 }));
    devices.set(channel.homeStoreId, register);
    expect(items.length).toBeGreaterThanOrEqual(8);
  });
  afterAll(async () => server.dispose());

  const storage = () => server.server.storage;
  const orchestration = (): Orchestration => {
    const o = existingOrchestration(storage());
    if (!o) throw new Error('orchestration not running');
    return o;
  };
  const paymentsOf = (orderId: string) => storedPaymentsOf(storage(), orderId);
  const fosOf = (orderId: string) => fulfillmentOrdersOf<Fo>(storage(), orderId);
  const deviceAt = async (storeId: string) => {
    const known = devices.get(storeId);
    if (known) return known;
    const device = await enrollDevice(server, storeId, `Register at ${storeId}`);
    devices.set(storeId, device);
    return device;
  };
  const move = async (foId: string, change: (fo: Record<string, unknown>) => Record<string, unknown>) => {
    const fo = (await storedDoc(storage(), 'fulfillment_orders', foId)) as unknown as Fo;
    await moveFulfillment(storage(), await deviceAt(fo.assignedStoreId), foId, change);
  };
  const pickAll = async (foId: string) => {
    await move(foId, (fo) => ({ ...fo, status: 'picking' }));
    await move(foId, (fo) => ({
      ...fo,
      status: 'picked',
      lines: (fo.lines as Line[]).map((l) => ({ ...l, pickedQuantity: l.quantity })),
    }));
  };
  /** Hands the whole part over, recording that the card pays `capture` of it. */
  const handOver = async (foId: string, value: number, capture: number) => {
    await move(foId, (fo) => ({ ...fo, status: 'ready_for_pickup' }));
    await move(foId, (fo) => ({
      ...fo,
      status: 'picked_up',
      handover: {
        method: 'pickup_code',
        at: new Date().toISOString(),
        by: { kind: 'device', deviceId: register.deviceId },
        collectedBy: 'Ada Customer',
        payment: { currency: 'USD', value, balanceCollected: value - capture, capture, paymentIds: [] },
      },
    }));
  };
  const jobDone = (dedupeKey: string) =>
    until(`job ${dedupeKey}`, async () => {
      const [job] = await storage().query<{ status: string }>('SELECT status FROM jobs WHERE dedupe_key = ?', [
        dedupeKey,
      ]);
      return job?.status === 'done' ? true : undefined;
    });
  const settledEvents = (orderId: string) =>
    until('the capture job', async () => {
      const events = await orderEvents(storage(), orderId);
      return events.some((e) => e.type === 'payment_captured' || /voided/.test(String(e.payload.text)))
        ? events
        : undefined;
    });
  const capturedOf = (events: StoredEvent[]) =>
    events.filter((e) => e.type === 'payment_captured').map((e) => e.payload.amount);

  /** A card-paid pickup order at S001 whose second line is short there and moves to another store. */
  async function splitOrder(pair: [StockedItem, StockedItem]) {
    const [a, b] = pair;
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
    const first = (placed.body.fulfillmentOrders as { id: string }[])[0]!.id;
    await move(first, (fo) => ({ ...fo, status: 'picking' }));
    await move(first, (fo) => ({
      ...fo,
      status: 'picked',
      lines: (fo.lines as Line[]).map((l) =>
        l.sku === b.sku ? { ...l, shortQuantity: l.quantity } : { ...l, pickedQuantity: l.quantity },
      ),
    }));
    const other = await until('the short line re-routed', async () =>
      (await fosOf(orderId)).find((f) => f.assignedStoreId !== channel.homeStoreId),
    );
    const order = (await storedDoc(storage(), 'orders', orderId)) as unknown as Order;
    const line = order.lines.find((l) => l.sku === a.sku)!;
    const valueA = settlePickup(order, [{ orderLineId: line.id, quantity: 1 }], []).value;
    // S001 hands its part over; its capture job leaves the authorisation alone (the other part is open).
    await handOver(first, valueA, valueA);
    await jobDone(`capture:${first}`);
    expect(capturedOf(await orderEvents(storage(), orderId))).toEqual([]);
    const [card] = await paymentsOf(orderId);
    if (!card?.gateway) throw new Error('no card authorisation');
    return { orderId, total, other, valueA, card, order };
  }

  /** Two items stocked at S001 where the second is also stocked at another store. */
  async function pairFrom(pool: StockedItem[]): Promise<[StockedItem, StockedItem]> {
    const elsewhere = await stockedElsewhere(storage(), pool, channel.homeStoreId);
    const [a, b] = elsewhere;
    if (!a || !b) throw new Error('too few items stocked at two stores');
    return [a, b];
  }

  it('captures what S001 recorded when the other store’s part passes its pickup deadline', async () => {
    const { orderId, total, other, valueA, card } = await splitOrder(await pairFrom(items.slice(0, 4)));
    await pickAll(other.id);
    await move(other.id, (fo) => ({ ...fo, status: 'ready_for_pickup' }));
    // What the pickup_expire job does when nobody came for the second part.
    const result = await cancelOrderIf(orchestration(), orderId, 'not collected within 7 days', other.id);
    expect(result).toMatchObject({ order: { status: 'cancelled' }, voided: false });
    const events = await settledEvents(orderId);
    expect(capturedOf(events)).toEqual([valueA]);
    expect(events.some((e) => String(e.payload.text).includes(`${total - valueA} released`))).toBe(true);
    const repeat = await orchestration().payments.gateway.capture({ authorizationId: card.gateway!.reference });
    expect(repeat).toMatchObject({ captured: { amount: valueA }, released: { amount: total - valueA } });
  });

  it('captures what S001 recorded when HQ cancels the order while the other part is open', async () => {
    const { orderId, total, other, valueA } = await splitOrder(await pairFrom(items.slice(4)));
    const result = await serviceCancel(orchestration(), orderId, 'customer no longer wants the rest', admin);
    // Not voided: the capture job takes S001's part and releases the rest.
    expect(result).toMatchObject({ order: { status: 'cancelled' }, payment: 'none' });
    expect((await fosOf(orderId)).find((f) => f.id === other.id)?.status).toBe('cancelled');
    const events = await settledEvents(orderId);
    expect(capturedOf(events)).toEqual([valueA]);
    expect(events.some((e) => /voided/.test(String(e.payload.text)))).toBe(false);
    expect(valueA).toBeLessThan(total);
  });

  it('captures the order’s new total when a shipment follows an HQ line cancel', async () => {
    const [a, b] = [items[2]!, items[3]!];
    const placed = await postWebOrder(server.url, channel.apiKey, shipPayload([a, b]));
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const orderId = String(placed.body.orderId);
    const before = (await storedDoc(storage(), 'orders', orderId)) as unknown as Order;
    const cancelled = await cancelLines(
      orchestration(),
      orderId,
      { lineIds: [before.lines[1]!.id], reason: 'out of season' },
      admin,
    );
    expect(cancelled.payment).toBe('reduced');
    const after = (await storedDoc(storage(), 'orders', orderId)) as unknown as Order;
    const newTotal = after.totals!.total;
    const [card] = await paymentsOf(orderId);
    const authorised = card!.amount;
    expect(newTotal).toBeLessThan(authorised);
    for (const fo of (await fosOf(orderId)).filter((f) => f.status !== 'cancelled')) {
      await pickAll(fo.id);
      await move(fo.id, (d) => ({
        ...d,
        status: 'shipped',
        shipment: { carrier: 'sim', trackingNumber: `SIM${fo.id.slice(0, 6)}`, cost: 650 },
      }));
    }
    const events = await settledEvents(orderId);
    expect(capturedOf(events)).toEqual([newTotal]);
    const repeat = await orchestration().payments.gateway.capture({ authorizationId: card!.gateway!.reference });
    expect(repeat).toMatchObject({ captured: { amount: newTotal }, released: { amount: authorised - newTotal } });
  });

  it('gives back at most what a partial capture took, not the whole authorisation', async () => {
    const item = items[6]!;
    const placed = await postWebOrder(
      server.url,
      channel.apiKey,
      pickupPayload(item, 'S001', {
        payment: { token: 'tok_test_4242' },
        lines: [{ sku: item.sku, quantity: 2, unitPrice: item.price }],
      }),
    );
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const orderId = String(placed.body.orderId);
    const total = (placed.body.totals as { total: number }).total;
    const foId = (placed.body.fulfillmentOrders as { id: string }[])[0]!.id;
    await pickAll(foId);
    // The customer takes one of two units and pays it all at the counter but 100: the card pays 100.
    await handOver(foId, Math.ceil(total / 2), 100);
    const events = await settledEvents(orderId);
    expect(capturedOf(events)).toEqual([100]);
    const over = appease(
      orchestration(),
      orderId,
      { amount: 101, method: 'card_refund', reason: 'late', requestId: `over-${orderId}` },
      admin,
    );
    await expect(over).rejects.toMatchObject({ code: 'HQ_INVALID_INPUT' });
    await expect(over).rejects.toThrow(/At most 1\.00 is left/);
    const given = await appease(
      orchestration(),
      orderId,
      { amount: 100, method: 'card_refund', reason: 'late', requestId: `ok-${orderId}` },
      admin,
    );
    expect(given.payment).toMatchObject({ kind: 'refund', method: 'card', amount: 100 });
  });
});
