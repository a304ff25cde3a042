// E-mailed receipts on both backends, through a real SMTP server in-process: a register pushes a
// sale, its payment and a `receipt_email_requested` event, and the server mails the receipt once —
// also when the event is pushed again, when the server restarts, and when the event arrives
// before its order. Without SMTP_URL the request ends "not sent (no SMTP)" on HQ's order view.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../shared/hq/service';
import { Api, backends, pushRows, startTwoStoreServer, type EnrolledDevice, type TestServer } from './server-harness';
import { orderDoc } from './server-fixtures';
import { startTestSmtp, until, type TestSmtp } from '../support/test-smtp';

const now = () => new Date().toISOString();

function sale(register: EnrolledDevice) {
  const order = orderDoc(register.storeId, {
    lines: [
      {
        id: randomUUID(),
        productId: randomUUID(),
        sku: 'SKU-1',
        name: 'Milk',
        taxCategory: 'standard',
        quantity: 1,
        unitPrice: 299,
        discounts: [],
        taxes: [],
        fulfillment: 'carry_out',
        note: 'Gift wrap',
      },
    ],
    totals: { subtotal: 299, discountTotal: 0, taxTotal: 0, total: 299 },
    completedAt: now(),
  });
  const payment = {
    id: randomUUID(),
    orderId: order.id,
    storeId: register.storeId,
    deviceId: register.deviceId,
    kind: 'sale',
    method: 'cash',
    status: 'approved',
    amount: 299,
    currency: 'USD',
    cash: { tendered: 500, change: 201 },
    createdAt: now(),
    updatedAt: now(),
  };
  const event = (email: string) => ({
    id: randomUUID(),
    orderId: order.id,
    storeId: register.storeId,
    actor: { kind: 'device', deviceId: register.deviceId },
    type: 'receipt_email_requested',
    payload: { email },
    createdAt: now(),
    updatedAt: now(),
  });
  return { order, payment, event };
}

async function push(register: EnrolledDevice, collection: string, docs: Record<string, unknown>[]) {
  const answer = await register.api.post(`/sync/${collection}/push`, pushRows(docs));
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(answer.body, JSON.stringify(answer.body)).toEqual({ conflicts: [], rejected: [] });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

describe.each(backends)('receipt e-mail (%s)', (backend) => {
  let server: TestServer;
  let hq: Api;
  let register: EnrolledDevice;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    process.env.SMTP_URL = smtp.url;
    ({ server, hq, a: register } = await startTwoStoreServer(backend));
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    await server?.dispose();
    await smtp?.close();
  });

  const mailsTo = (to: string) => smtp.mails.filter((m) => m.to === to);
  const detail = async (orderId: string) => (await hq.get<OrderDetail>(`/api/hq/console/orders/${orderId}`)).body;

  it('mails the receipt once: re-pushing the event or restarting the server sends nothing more', async () => {
    const { order, payment, event } = sale(register);
    const requested = event('ann@example.com');
    await push(register, 'orders', [order]);
    await push(register, 'payments', [payment]);
    await push(register, 'order_events', [requested]);
    const mail = await until('the receipt mail', async () => mailsTo('ann@example.com')[0]);
    for (const text of [
      `Your receipt from Store S001 - Order ${String(order.orderNumber)}`,
      'Store S001',
      '1 Main St',
      'Register S001-R01',
      'Milk',
      'Note: Gift wrap',
      'TOTAL USD',
      '2.99',
      'Change',
      '2.01',
      'Keep this receipt for returns.',
      'Content-Type: text/html',
    ])
      expect(mail.text).toContain(text);
    expect(mail.text).toContain(`Message-ID: <receipt-${requested.id}@store-pos.local>`);
    const status = (await detail(String(order.id))).receiptEmails;
    expect(status).toMatchObject([{ email: 'ann@example.com', status: 'sent', reason: null }]);

    await push(register, 'order_events', [requested]);
    await settle();
    await server.restart();
    register.api = new Api(server.url, register.credential);
    hq = new Api(server.url, server.hqToken);
    await push(register, 'order_events', [requested]);
    await settle();
    expect(mailsTo('ann@example.com')).toHaveLength(1);
  });

  it('waits for an order whose event arrives first, and mails once the order and payment arrive', async () => {
    const { order, payment, event } = sale(register);
    const requested = event('bob@example.com');
    await push(register, 'order_events', [requested]);
    await until('the request waiting for its order', async () => {
      const rows = await server.server.storage.query<{ status: string; reason: string }>(
        'SELECT status, reason FROM receipt_emails WHERE order_id = ?',
        [order.id],
      );
      return rows[0]?.status === 'waiting' ? rows[0] : undefined;
    });
    expect(mailsTo('bob@example.com')).toEqual([]);
    await push(register, 'orders', [order]);
    await until('payments waiting', async () => {
      const d = await detail(String(order.id));
      return d.receiptEmails[0]?.reason?.includes('payments') ? d : undefined;
    });
    expect(mailsTo('bob@example.com')).toEqual([]);
    // Let the job back off (attempt 2 waits 4 s): the payment's arrival must make it due at once,
    // so the mail comes before the back-off would have run it again.
    const backedOff = await until('the job to back off', async () => {
      const [job] = await server.server.storage.query<{ status: string; attempts: number; run_at: string }>(
        "SELECT status, attempts, run_at FROM jobs WHERE kind = 'receipt_email' AND dedupe_key = ?",
        [`receipt_email:${String(requested.id)}`],
      );
      return job && job.status === 'pending' && Number(job.attempts) >= 2 ? Date.parse(job.run_at) : undefined;
    });
    await push(register, 'payments', [payment]);
    const mail = await until('the receipt mail', async () => mailsTo('bob@example.com')[0]);
    expect(Date.now()).toBeLessThan(backedOff);
    expect(mail.text).toContain('Note: Gift wrap');
    expect((await detail(String(order.id))).receiptEmails[0]?.status).toBe('sent');
  });
});

describe.each(backends)('receipt e-mail without SMTP (%s)', (backend) => {
  let server: TestServer;
  let hq: Api;
  let register: EnrolledDevice;

  beforeAll(async () => {
    delete process.env.SMTP_URL;
    ({ server, hq, a: register } = await startTwoStoreServer(backend));
  });
  afterAll(async () => server?.dispose());

  it('ends "not sent (no SMTP)" and HQ\'s order view says so', async () => {
    const { order, payment, event } = sale(register);
    await push(register, 'orders', [order]);
    await push(register, 'payments', [payment]);
    await push(register, 'order_events', [event('cleo@example.com')]);
    const row = await until('the request to end', async () => {
      const d = (await hq.get<OrderDetail>(`/api/hq/console/orders/${String(order.id)}`)).body;
      return d.receiptEmails[0]?.status === 'not_sent' ? d.receiptEmails[0] : undefined;
    });
    expect(row).toMatchObject({ email: 'cleo@example.com', reason: 'not sent (no SMTP)', sentAt: null });
  });
});
