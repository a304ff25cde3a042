// Realistic server load, open loop: 1,000 registers (10 per store) each hold a live stream and
// push one sale every 10 s — the order, its cash payment and its stock movement, three pushes as
// the register's replication sends them — while 50 of them also drain an offline backlog of
// 5,000 orders each (orders in batches of 500, like the register's push). Pushes are sent at
// their scheduled time whether or not earlier ones were answered, and a push's latency is counted
// from that scheduled time (no coordinated omission): what a store feels when the chain is busy.
// SQLite, and PostgreSQL with POS_BENCH_PG_URL / POS_TEST_PG_URL. Target: live push p99 ≤ 50 ms.
// Knobs: OPEN_LOOP_REGISTERS, OPEN_LOOP_SECONDS (at least this long, and until the backlog is in),
// OPEN_LOOP_BACKLOG_REGISTERS, OPEN_LOOP_BACKLOG_ORDERS.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentiles, writeResult } from './harness';
import { openEventStream, type SseConnection } from './sync-sse-client';
import { benchBackends, elapsedSince, round, startBenchServer, storeCode } from './sync-load';
import { enroll, hqPush, type Device } from '../test/support/sync-clients';
import { registerSales, saleMovement, saleOrder, salePayment, type SaleSeed } from '../test/support/sync-docs';
import { storeDoc } from '../test/integration/server-fixtures';

const REGISTERS = Number(process.env.OPEN_LOOP_REGISTERS ?? 1000);
const PER_STORE = 10;
const INTERVAL_MS = 10_000;
const MIN_SECONDS = Number(process.env.OPEN_LOOP_SECONDS ?? 60);
const BACKLOG_REGISTERS = Math.min(REGISTERS, Number(process.env.OPEN_LOOP_BACKLOG_REGISTERS ?? 50));
const BACKLOG_ORDERS = Number(process.env.OPEN_LOOP_BACKLOG_ORDERS ?? 5000);
const BACKLOG_BATCH = 500;
const TARGET_P99_MS = 50;

// The server must accept a fleet this size: enrollment from one address, streams, connections.
process.env.ENROLL_RATE_PER_MINUTE = String(REGISTERS * 2);
process.env.MAX_STREAMS = String(REGISTERS * 2);
process.env.MAX_CONNECTIONS = String(REGISTERS * 4);

interface Register {
  device: Device;
  store: string;
  code: string;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));

const pushBody = (docs: Record<string, unknown>[]) =>
  JSON.stringify(docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })));

async function push(url: string, device: Device, collection: string, body: string): Promise<void> {
  const response = await fetch(`${url}/sync/${collection}/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${device.credential}`, 'content-type': 'application/json' },
    body,
  });
  const answer = (await response.json()) as { conflicts?: unknown[]; rejected?: unknown[] };
  if (response.status !== 200 || answer.conflicts?.length || answer.rejected?.length) {
    throw new Error(`${collection} push: HTTP ${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
  }
}

async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

const figures: Record<string, unknown> = {
  registers: REGISTERS,
  perStore: PER_STORE,
  saleEveryMs: INTERVAL_MS,
  backlog: { registers: BACKLOG_REGISTERS, ordersEach: BACKLOG_ORDERS, batch: BACKLOG_BATCH },
  targetP99Ms: TARGET_P99_MS,
};

for (const backend of benchBackends()) {
  const server = await startBenchServer(backend);
  const streams: SseConnection[] = [];
  try {
    const storeCount = Math.ceil(REGISTERS / PER_STORE);
    const codes = Array.from({ length: storeCount }, (_, i) => storeCode(i + 1));
    await hqPush(
      server,
      'config',
      codes.map((code) => storeDoc(code)),
    );
    let t = process.hrtime.bigint();
    const registers: Register[] = [];
    await inParallel(
      Array.from({ length: REGISTERS }, (_, i) => i),
      8,
      async (i) => {
        const store = codes[Math.floor(i / PER_STORE)]!;
        const code = `R${String((i % PER_STORE) + 1).padStart(2, '0')}`;
        registers.push({ device: await enroll(server, store, `open-loop ${store}-${code}`), store, code });
      },
    );
    const enrollSeconds = round(elapsedSince(t) / 1000, 1);

    t = process.hrtime.bigint();
    let events = 0;
    for (const r of registers) {
      streams.push(
        openEventStream(server.url, r.device.credential, () => {
          events++;
        }),
      );
    }
    await Promise.all(streams.map((s) => s.opened));
    const streamsSeconds = round(elapsedSince(t) / 1000, 1);
    console.log(
      `${backend}: ${REGISTERS} registers enrolled in ${enrollSeconds} s, ${streams.length} live streams open in ${streamsSeconds} s`,
    );

    // The backlogs are built (and serialised) before the clock starts: generating 5,000 orders takes
    // the load generator ~0.7 s of CPU per register, which would otherwise hold back the live
    // pushes it is meant to send on time and be counted as server latency.
    t = process.hrtime.bigint();
    const backlogPushes = registers.slice(0, BACKLOG_REGISTERS).map((r) => {
      const base = { storeId: r.device.storeId, storeCode: r.store, registerCode: `B${r.code.slice(1)}` };
      const { orders, movements } = registerSales(base, BACKLOG_ORDERS);
      const bodies: { collection: string; body: string }[] = [];
      for (const [collection, docs] of [
        ['orders', orders],
        ['inventory_movements', movements],
      ] as const) {
        for (let i = 0; i < docs.length; i += BACKLOG_BATCH) {
          bodies.push({ collection, body: pushBody(docs.slice(i, i + BACKLOG_BATCH)) });
        }
      }
      return { r, bodies };
    });
    console.log(`${backend}: backlogs built in ${round(elapsedSince(t) / 1000, 1)} s (before the clock starts)`);

    const clientLoop = monitorEventLoopDelay({ resolution: 10 });
    clientLoop.enable();
    const live: number[] = [];
    const backlogBatches: number[] = [];
    const failures: string[] = [];
    const start = Date.now();
    let backlogDone = 0;
    let stop = false;

    // The backlog: each of the first BACKLOG_REGISTERS registers sends its offline orders, then
    // their stock movements, one batch after another (as RxDB's upstream does).
    const backlog = backlogPushes.map(async ({ r, bodies }) => {
      for (const { collection, body } of bodies) {
        const sent = process.hrtime.bigint();
        try {
          await push(server.url, r.device, collection, body);
        } catch (error) {
          failures.push(String(error));
        }
        backlogBatches.push(elapsedSince(sent));
      }
      backlogDone++;
    });

    // The live traffic: every register sells every 10 s, at a random phase.
    const sellers = registers.map(async (r) => {
      let scheduled = start + Math.random() * INTERVAL_MS;
      let sequence = 0;
      const pending: Promise<void>[] = [];
      while (!stop) {
        if (Date.now() < scheduled) {
          await sleep(Math.min(250, scheduled - Date.now()));
          continue;
        }
        const seed: SaleSeed = {
          storeId: r.device.storeId,
          storeCode: r.store,
          registerCode: r.code,
          sequence: ++sequence,
          sku: `SKU-${sequence % 10}`,
          at: new Date().toISOString(),
        };
        const due = scheduled;
        for (const [collection, doc] of [
          ['orders', saleOrder(seed)],
          ['payments', salePayment(seed)],
          ['inventory_movements', saleMovement(seed)],
        ] as const) {
          pending.push(
            push(server.url, r.device, collection, pushBody([doc])).then(
              () => {
                live.push(Date.now() - due);
              },
              (error: unknown) => {
                failures.push(String(error));
              },
            ),
          );
        }
        scheduled += INTERVAL_MS;
      }
      await Promise.all(pending);
    });

    while (Date.now() - start < MIN_SECONDS * 1000 || backlogDone < BACKLOG_REGISTERS) await sleep(500);
    stop = true;
    const seconds = (Date.now() - start) / 1000;
    await Promise.all([...backlog, ...sellers]);

    const result = {
      enrollSeconds,
      streamsOpenSeconds: streamsSeconds,
      seconds: round(seconds, 1),
      livePushes: live.length,
      livePushesPerSecond: round(live.length / seconds, 1),
      livePushMs: live.length ? percentiles(live) : undefined,
      backlogOrders: BACKLOG_REGISTERS * BACKLOG_ORDERS,
      backlogBatchMs: backlogBatches.length ? percentiles(backlogBatches) : undefined,
      streamEvents: events,
      failures: failures.length,
      firstFailures: failures.slice(0, 3),
    };
    // The server's own view (BENCH_SERVER_LOG=info): time from request to response per push
    // route, so the load generator's own delays (it shares the machine) can be told apart.
    const urls = new Map(server.logs.filter((l) => l.req?.url).map((l) => [l.reqId, l.req!.url!]));
    const serverMs = (route: string) =>
      server.logs
        .filter((l) => typeof l.responseTime === 'number' && (urls.get(l.reqId) ?? '').includes(route))
        .map((l) => l.responseTime as number);
    figures[backend] = result;
    if (server.logs.some((l) => typeof l.responseTime === 'number')) {
      console.log(`${backend}: server-side payments push ms`, percentiles(serverMs('/sync/payments/push')));
      console.log(
        `${backend}: client event loop delay p99 ${clientLoop.percentile(99) / 1e6} ms, max ${clientLoop.max / 1e6} ms`,
      );
    }
    const p99 = result.livePushMs?.p99 ?? Number.POSITIVE_INFINITY;
    console.log(
      `${backend}: ${result.livePushes} live pushes in ${result.seconds} s (${result.livePushesPerSecond}/s); ` +
        `live push p50 ${result.livePushMs?.p50} ms, p95 ${result.livePushMs?.p95} ms, p99 ${p99} ms ` +
        `(${p99 <= TARGET_P99_MS ? 'meets' : 'MISSES'} p99 ≤ ${TARGET_P99_MS} ms); ` +
        `backlog ${result.backlogOrders} orders, batch p99 ${result.backlogBatchMs?.p99} ms; ` +
        `${events} stream events; failures ${failures.length}`,
    );
    if (failures.length) console.log(`first failures: ${failures.slice(0, 3).join(' | ')}`);
  } finally {
    for (const s of streams) s.close();
    await server.dispose();
  }
}
console.log(`written ${writeResult('sync-open-loop', figures)}`);
