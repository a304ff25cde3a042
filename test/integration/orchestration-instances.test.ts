// Several server instances, and a server killed mid-routing:
// - two instances on one PostgreSQL schema claim jobs with FOR UPDATE SKIP LOCKED: disjoint
//   claims, and each customer e-mail of orders placed and cancelled through both goes once;
// - kill -9 while 120 orders are being placed; after a restart the shop retries every order with
//   its Idempotency-Key and each is routed exactly once.
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestSmtp } from '../support/test-smtp';
import { buildDemoData } from '../../sync-server/seed/seed-demo';
import { claimJobs } from '../../sync-server/jobs/queue';
import { enqueueJob } from '../../sync-server/jobs/outbox';
import { pgTestUrl } from '../support/env';
import { ServerProcess } from '../support/sync-server-process';
import { Api, pushRows, startSecondInstance, startTestServer, type TestServer } from './server-harness';
import { createChannelKey, postWebOrder, shipPayload, stockedItems } from '../support/web-orders';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.skipIf(!pgTestUrl)('two instances on one PostgreSQL schema', () => {
  it('claim disjoint jobs and send each e-mail once', async () => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    const mails = smtp.mails;
    process.env.SMTP_URL = smtp.url;
    const first: TestServer = await startTestServer('postgres', { seedDemo: true });
    const second = await startSecondInstance(first);
    delete process.env.SMTP_URL;
    cleanups.push(
      () => first.dispose(),
      () => second.close(),
    );

    // Queue level: jobs due only in 2100 (the running workers leave them alone), claimed by both.
    const far = new Date('2100-01-02T00:00:00.000Z');
    await first.server.storage.write(async (tx) => {
      for (let i = 0; i < 200; i++)
        await enqueueJob(
          tx,
          { id: randomUUID(), kind: 'probe', payload: { i }, runAt: '2100-01-01T00:00:00.000Z' },
          new Date().toISOString(),
        );
    });
    const claimedBy = async (storage: typeof first.server.storage, worker: string) => {
      const ids: string[] = [];
      for (;;) {
        const batch = await claimJobs(storage, worker, 7, 60_000, far);
        if (batch.length === 0) return ids;
        ids.push(...batch.map((j) => j.id));
      }
    };
    const [a, b] = await Promise.all([claimedBy(first.server.storage, 'a'), claimedBy(second.storage, 'b')]);
    expect(a.length + b.length).toBe(200);
    expect(new Set([...a, ...b]).size).toBe(200);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);

    // Orders placed and cancelled through both instances: one order each, one e-mail each.
    const channel = await createChannelKey(first.url, first.hqToken);
    const items = await stockedItems(first.server.storage, channel.homeStoreId, 10);
    const urls = [first.url, second.url];
    const placed = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        postWebOrder(
          urls[i % 2] as string,
          channel.apiKey,
          shipPayload([items[i % items.length] as { sku: string; price: number }], {
            customer: { name: `C${i}`, email: `c${i}@example.com` },
          }),
        ),
      ),
    );
    expect(placed.every((p) => p.status === 201)).toBe(true);
    await Promise.all(
      placed.map((p, i) =>
        new Api(urls[(i + 1) % 2] as string, first.hqToken).post(`/api/hq/orders/${String(p.body.orderId)}/cancel`, {}),
      ),
    );
    const end = Date.now() + 30_000;
    while (mails.length < 30 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 500)); // a duplicate would arrive now
    expect(mails).toHaveLength(30);
    const to = mails.map((m) => /^To: (\S+)/m.exec(m.text)?.[1]);
    expect(new Set(to).size).toBe(30);
  });
});

async function seedOverHttp(server: ServerProcess): Promise<void> {
  const data = await buildDemoData();
  const products = (data.products ?? []).slice(0, 40);
  const skus = new Set(products.map((p) => p.sku));
  const hq = new Api(server.url, server.hqToken);
  for (const [collection, docs] of [
    ['config', data.config ?? []],
    ['products', products],
    ['inventory_movements', (data.inventory_movements ?? []).filter((m) => skus.has(m.sku))],
  ] as const) {
    for (let i = 0; i < docs.length; i += 500) {
      const answer = await hq.post<{ rejected: unknown[] }>(
        `/sync/${collection}/push`,
        pushRows(docs.slice(i, i + 500)),
      );
      expect(answer.status).toBe(200);
      expect(answer.body.rejected).toEqual([]);
    }
  }
}

describe.each(pgTestUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const))(
  'kill -9 mid-routing (%s)',
  (backend) => {
    it('routes every order exactly once after a restart', async () => {
      process.env.ORDER_CLAIM_STALE_SECONDS = '1';
      const server = await ServerProcess.create({ backend, logLevel: 'warn' });
      cleanups.push(() => server.dispose());
      await seedOverHttp(server);
      const channel = await createChannelKey(server.url, server.hqToken);
      const hq = new Api(server.url, server.hqToken);
      const products = (
        await hq.get<{ documents: { sku: string; unit: string; active: boolean; prices: { amount: number }[] }[] }>(
          '/sync/products/pull?limit=100',
        )
      ).body.documents.filter((p) => p.unit === 'each' && p.active);
      const orders = Array.from({ length: 120 }, (_, i) => {
        const p = products[i % products.length] as { sku: string; prices: { amount: number }[] };
        return { key: randomUUID(), payload: shipPayload([{ sku: p.sku, price: p.prices[0]?.amount ?? 0 }]) };
      });
      let answered = 0;
      let next = 0;
      const firstRound = Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < orders.length) {
            const o = orders[next++] as (typeof orders)[number];
            try {
              await postWebOrder(server.url, channel.apiKey, o.payload, { idempotencyKey: o.key });
              answered++;
            } catch {
              return; // the server died under this request
            }
          }
        }),
      );
      while (answered < 30) await new Promise((resolve) => setTimeout(resolve, 5));
      await server.kill();
      await firstRound;
      expect(answered).toBeLessThan(orders.length);
      await new Promise((resolve) => setTimeout(resolve, 1100)); // claims of the killed requests go stale
      await server.start();
      delete process.env.ORDER_CLAIM_STALE_SECONDS;
      const final = new Map<string, string>();
      for (const o of orders) {
        let answer = await postWebOrder(server.url, channel.apiKey, o.payload, { idempotencyKey: o.key });
        for (let tries = 0; answer.status === 409 && tries < 40; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          answer = await postWebOrder(server.url, channel.apiKey, o.payload, { idempotencyKey: o.key });
        }
        expect([200, 201], JSON.stringify(answer.body)).toContain(answer.status);
        final.set(o.key, String(answer.body.orderId));
      }
      expect(new Set(final.values()).size).toBe(orders.length);
      const pull = async (collection: string) => {
        const docs: Record<string, unknown>[] = [];
        let seq = 0;
        for (;;) {
          const page = await hq.get<{ documents: Record<string, unknown>[]; checkpoint: { seq: number } }>(
            `/sync/${collection}/pull?seq=${seq}&limit=1000`,
          );
          docs.push(...page.body.documents);
          if (page.body.documents.length < 1000) return docs;
          seq = page.body.checkpoint.seq;
        }
      };
      const storedOrders = await pull('orders');
      expect(storedOrders).toHaveLength(orders.length);
      expect(new Set(storedOrders.map((o) => o.externalRef)).size).toBe(orders.length);
      const fos = await pull('fulfillment_orders');
      const perOrder = new Map<string, number>();
      for (const fo of fos) perOrder.set(String(fo.orderId), (perOrder.get(String(fo.orderId)) ?? 0) + 1);
      for (const o of storedOrders.filter((x) => x.status === 'allocated'))
        expect(perOrder.get(String(o.id)), String(o.id)).toBe(1);
      const reservations = (await pull('inventory_movements')).filter((m) => m.type === 'reservation');
      expect(reservations).toHaveLength(fos.length);
      expect(server.serverErrors()).toEqual([]);
    });
  },
);
