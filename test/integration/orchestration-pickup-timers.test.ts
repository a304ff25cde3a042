// Pickup timers as jobs, on both backends: an order left in "ready for pickup" gets a reminder
// e-mail after PICKUP_REMINDER_HOURS and is cancelled after PICKUP_EXPIRE_DAYS (stock released,
// card authorisation voided, order events, a cancellation e-mail). An order collected before its
// deadline is left alone. E-mail goes to a real SMTP server in-process. The test shortens both
// times through the running orchestration's settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, enrollDevice, startTestServer, type EnrolledDevice, type TestServer } from './server-harness';
import {
  createChannelKey,
  pickupPayload,
  postWebOrder,
  stockedItems,
  type ChannelKeyResult,
} from '../support/web-orders';
import { startTestSmtp, until, type TestSmtp } from '../support/test-smtp';
import { existingOrchestration } from '../../sync-server/orchestration/registry';
import { moveFulfillment, orderEvents, storedDoc } from './orchestration-helpers';

describe.each(backends)('pickup reminder and expiry (%s)', (backend) => {
  let server: TestServer;
  let smtp: TestSmtp;
  let channel: ChannelKeyResult;
  let register: EnrolledDevice;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    process.env.SMTP_URL = smtp.url;
    server = await startTestServer(backend, { seedDemo: true });
    delete process.env.SMTP_URL;
    channel = await createChannelKey(server.url, server.hqToken);
    register = await enrollDevice(server, channel.homeStoreId, 'S001 pickup counter');
  });
  afterAll(async () => {
    await server.dispose();
    await smtp.close();
  });

  const doc = (collection: string, id: string) => storedDoc(server.server.storage, collection, id);
  const events = (orderId: string) => orderEvents(server.server.storage, orderId);
  const move = (foId: string, change: (fo: Record<string, unknown>) => Record<string, unknown>) =>
    moveFulfillment(server.server.storage, register, foId, change);

  /** Places a pickup order at S001 and brings it to "ready for pickup". */
  async function readyOrder(email: string, skip = 0) {
    const items = await stockedItems(server.server.storage, channel.homeStoreId, 10);
    const item = items[skip];
    if (!item) throw new Error('S001 has too few stocked items');
    const placed = await postWebOrder(
      server.url,
      channel.apiKey,
      pickupPayload(item, 'S001', { customer: { name: 'Cleo Collector', email } }),
    );
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const orderId = String(placed.body.orderId);
    const foId = (placed.body.fulfillmentOrders as { id: string }[])[0]?.id ?? '';
    await move(foId, (fo) => ({ ...fo, status: 'picking' }));
    await move(foId, (fo) => ({
      ...fo,
      status: 'picked',
      lines: (fo.lines as { quantity: number }[]).map((l) => ({ ...l, pickedQuantity: l.quantity })),
    }));
    await move(foId, (fo) => ({ ...fo, status: 'ready_for_pickup' }));
    return { orderId, foId, item };
  }

  it('reminds the customer, then cancels an uncollected order: stock released, card voided, customer told', async () => {
    const o = existingOrchestration(server.server.storage);
    if (!o) throw new Error('orchestration not running');
    o.settings.pickupReminderMs = 0;
    o.settings.pickupExpireMs = 4_000;
    const level = async (sku: string) =>
      (await doc('inventory_levels', `${channel.homeStoreId}:${sku}`)) as { reserved: number; onHand: number };

    const { orderId, foId, item } = await readyOrder('cleo@example.com');
    const reserved = (await level(item.sku)).reserved;
    const reminder = await until('the reminder e-mail', async () =>
      smtp.mails.find((m) => m.to === 'cleo@example.com' && m.text.includes('Reminder')),
    );
    expect(reminder.text).toContain(String((await doc('fulfillment_orders', foId)).pickupCode));
    await until('the cancellation', async () =>
      (await doc('orders', orderId)).status === 'cancelled' ? true : undefined,
    );
    expect((await doc('fulfillment_orders', foId)).status).toBe('cancelled');
    expect((await level(item.sku)).reserved).toBe(reserved - 1);
    await until('the cancellation e-mail', async () =>
      smtp.mails.find((m) => m.to === 'cleo@example.com' && m.text.includes('was cancelled')),
    );
    const log = await until('the void and cancellation-notice events', async () => {
      const all = await events(orderId);
      const voided = all.some((e) => e.type === 'note' && String(e.payload.text).includes('voided'));
      const told = all.some((e) => e.type === 'customer_notified' && e.payload.template === 'cancelled');
      return voided && told ? all : undefined;
    });
    expect(log).toContainEqual(
      expect.objectContaining({
        type: 'status_changed',
        payload: expect.objectContaining({ to: 'cancelled', reason: expect.stringContaining('not collected') }),
      }),
    );
    const notified = log.filter((e) => e.type === 'customer_notified').map((e) => e.payload.template);
    expect(notified).toEqual(expect.arrayContaining(['ready_for_pickup', 'pickup_reminder', 'cancelled']));
  });

  it('leaves an order collected before its deadline alone', async () => {
    const o = existingOrchestration(server.server.storage);
    if (!o) throw new Error('orchestration not running');
    o.settings.pickupReminderMs = 60 * 60 * 1000;
    o.settings.pickupExpireMs = 1_500;
    const { orderId, foId } = await readyOrder('dora@example.com', 1);
    await move(foId, (fo) => ({ ...fo, status: 'picked_up' }));
    expect((await doc('orders', orderId)).status).toBe('fulfilled');
    // The expiry job comes due and runs: it finds the order collected and changes nothing.
    await until('the expiry job to finish', async () => {
      const rows = await server.server.storage.query<{ status: string }>(
        'SELECT status FROM jobs WHERE dedupe_key = ?',
        [`pickup_expire:${foId}`],
      );
      return rows[0]?.status === 'done' ? true : undefined;
    });
    expect((await doc('orders', orderId)).status).toBe('fulfilled');
    expect((await doc('fulfillment_orders', foId)).status).toBe('picked_up');
    expect(smtp.mails.filter((m) => m.to === 'dora@example.com' && m.text.includes('cancelled'))).toEqual([]);
  });
});
