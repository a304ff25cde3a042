// Web order intake: orders/s and latency percentiles at 8 concurrent shops-worth of requests
// (SQLite, and PostgreSQL when POS_BENCH_PG_URL / POS_TEST_PG_URL is set), and "accepted →
// fulfillment order on the store's register": from sending the order until the store's register,
// woken by its live stream (SSE), has pulled the fulfillment order. Server in this process.
import { loadavg } from 'node:os';
import { backends, enrollDevice, startTestServer } from '../test/integration/server-harness';
import { createChannelKey, pickupPayload, postWebOrder, shipPayload, stockedItems } from '../test/support/web-orders';
import { percentiles, writeResult } from './harness';
import { openEventStream } from './sync-sse-client';

const ORDERS = 600;
const CONCURRENCY = 8;
const VISIBILITY_SAMPLES = 100;

const figures: Record<string, unknown> = { loadAverage1m: loadavg()[0] };
for (const backend of backends) {
  const server = await startTestServer(backend, { seedDemo: true });
  try {
    const channel = await createChannelKey(server.url, server.hqToken);
    const items = await stockedItems(server.server.storage, channel.homeStoreId, 20);
    const latencies: number[] = [];
    const outcomes: Record<string, number> = {};
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ORDERS) {
          const i = next++;
          const item = items[i % items.length] as { sku: string; price: number };
          const t0 = performance.now();
          const answer = await postWebOrder(server.url, channel.apiKey, shipPayload([item]), {
            idempotencyKey: `bench-${i}`,
          });
          latencies.push(performance.now() - t0);
          outcomes[String(answer.body.status)] = (outcomes[String(answer.body.status)] ?? 0) + 1;
          if (answer.status !== 201) throw new Error(`order ${i}: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    figures[`${backend}Intake`] = {
      orders: ORDERS,
      concurrency: CONCURRENCY,
      ordersPerSecond: Math.round(ORDERS / seconds),
      outcomes,
      latencyMs: percentiles(latencies),
    };

    // Accepted → on the register: one order at a time, the S001 register listening live.
    const register = await enrollDevice(server, channel.homeStoreId, 'bench register');
    let wake: (() => void) | undefined;
    const stream = openEventStream(server.url, register.credential, (event, data) => {
      if (event === 'change' && (data as { collections: string[] }).collections.includes('fulfillment_orders'))
        wake?.();
    });
    await stream.opened;
    let checkpoint = await server.server.storage.latestSeq();
    const visible: number[] = [];
    for (let i = 0; i < VISIBILITY_SAMPLES; i++) {
      const item = items[i % items.length] as { sku: string; price: number };
      // 40 fulfillment orders a day per demo store: start a fresh day before each sample.
      if (i % 30 === 0) await server.server.storage.query('DELETE FROM store_capacity');
      const woken = new Promise<void>((resolve) => (wake = resolve));
      const t0 = performance.now();
      const answer = await postWebOrder(server.url, channel.apiKey, pickupPayload(item));
      const foId = (answer.body.fulfillmentOrders as { id: string }[] | undefined)?.[0]?.id;
      if (!foId) throw new Error(`visibility order ${i}: ${answer.status} ${JSON.stringify(answer.body)}`);
      await woken;
      for (;;) {
        const page = await register.api.get<{ documents: { id: string }[]; checkpoint: { seq: number } }>(
          `/sync/fulfillment_orders/pull?limit=1000&seq=${checkpoint}`,
        );
        checkpoint = page.body.checkpoint.seq;
        if (page.body.documents.some((d) => d.id === foId)) break;
      }
      visible.push(performance.now() - t0);
    }
    stream.close();
    figures[`${backend}AcceptedToRegisterMs`] = percentiles(visible);
  } finally {
    await server.dispose();
  }
}
console.log(JSON.stringify(figures, null, 2));
console.log(`result: ${writeResult('orders-intake', figures)}`);
