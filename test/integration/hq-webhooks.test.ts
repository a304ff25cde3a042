// Webhooks against a real server and a real HTTP receiver: a receiver that fails twice and then
// succeeds accepts the event exactly once with a valid HMAC-SHA256 signature; the delivery log
// shows the three attempts; a manual replay sends it again; a bad subscription is refused.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, backends, pushRows, startTestServer, type TestServer } from './server-harness';
import { storeDoc } from './server-fixtures';
import { createHqUser, HqSession } from './hq-harness';
import { saleAt } from './hq-fixtures';
import { verify } from '../../sync-server/hq/webhooks/signature';

interface Received {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(backends)('HQ webhooks on %s', (backend) => {
  let server: TestServer;
  let receiver: Server;
  let receiverUrl: string;
  let hq: HqSession;
  const received: Received[] = [];
  const store = storeDoc('S001');
  let failuresLeft = 2;

  beforeAll(async () => {
    process.env.HQ_WEBHOOK_BACKOFF_MS = '40';
    server = await startTestServer(backend);
    delete process.env.HQ_WEBHOOK_BACKOFF_MS;
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (c: Buffer) => (body += c.toString()));
      request.on('end', () => {
        const status = failuresLeft-- > 0 ? 503 : 200;
        received.push({ status, body, headers: request.headers });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    await new Api(server.url, server.hqToken).post('/sync/config/push', pushRows([store]));
    await createHqUser(server.server.storage, 'admin@chain.example', 'admin');
    hq = new HqSession(server.url);
    await hq.signIn('admin@chain.example');
  });
  afterAll(async () => {
    await server?.dispose();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('refuses a subscription without a valid URL or with unknown events', async () => {
    const badUrl = await hq.call<{ code: string; details: { field: string } }>('POST', '/webhooks', {
      url: 'ftp://x',
      events: ['order.created'],
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.details.field).toBe('url');
    const badEvent = await hq.call<{ details: { field: string } }>('POST', '/webhooks', {
      url: receiverUrl,
      events: ['order.exploded'],
    });
    expect(badEvent.body.details.field).toBe('events');
  });

  it('delivers an event exactly once, signed, to a receiver that fails twice first; replay sends it again', async () => {
    const created = await hq.call<{ webhook: { id: string }; secret: string }>('POST', '/webhooks', {
      url: receiverUrl,
      events: ['order.created'],
    });
    expect(created.status).toBe(201);
    const { secret } = created.body;
    const order = saleAt(store.id as string, new Date().toISOString());
    expect((await new Api(server.url, server.hqToken).post('/sync/orders/push', pushRows([order]))).body).toEqual({
      rejected: [],
      conflicts: [],
    });

    type Log = {
      deliveries: { id: string; status: string; attempts: number; last_status: number; event_type: string }[];
    };
    const log = () => hq.call<Log>('GET', `/webhooks/${created.body.webhook.id}/deliveries`);
    await until(async () => (await log()).body.deliveries[0]?.status === 'delivered', 'the delivery to succeed');
    const accepted = received.filter((r) => r.status === 200);
    expect(received.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(accepted).toHaveLength(1);
    const first = accepted[0] as Received;
    expect(verify(secret, first.body, first.headers['x-pos-signature'] as string)).toBe(true);
    expect(verify('another secret', first.body, first.headers['x-pos-signature'] as string)).toBe(false);
    expect(verify(secret, `${first.body} `, first.headers['x-pos-signature'] as string)).toBe(false);
    const event = JSON.parse(first.body) as { id: string; type: string; data: { id: string } };
    expect(event).toMatchObject({ type: 'order.created', data: { id: order.id } });
    // The three attempts were the same event (same id), not three events.
    expect(new Set(received.map((r) => (JSON.parse(r.body) as { id: string }).id))).toEqual(new Set([event.id]));
    const entries = (await log()).body.deliveries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      status: 'delivered',
      attempts: 3,
      last_status: 200,
      event_type: 'order.created',
    });

    // Nothing more arrives on its own …
    const before = received.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(received.length).toBe(before);
    // … until HQ replays it by hand.
    expect((await hq.call('POST', `/webhook-deliveries/${entries[0]?.id}/replay`)).status).toBe(200);
    await until(() => received.length === before + 1, 'the replay');
    expect((JSON.parse(received.at(-1)?.body ?? '{}') as { id: string }).id).toBe(event.id);
    await until(async () => (await log()).body.deliveries[0]?.status === 'delivered', 'the replay to be logged');
    expect((await log()).body.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 1 });
  });
});
