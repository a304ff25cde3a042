// Server push throughput: 1, 10 and 50 registers pushing 200-order batches as fast as they can
// (plain HTTP pushes of valid orders, each register in its own store) against a server in its
// own process, on SQLite and (with POS_BENCH_PG_URL or POS_TEST_PG_URL) PostgreSQL.
// Targets: ≥ 10,000 docs/s on SQLite, ≥ 5,000 on PostgreSQL, p99 ≤ 100 ms per batch.
import { percentiles, writeResult } from './harness';
import { benchBackends, elapsedSince, enrollRegisters, round, startBenchServer } from './sync-load';
import { registerSales } from '../test/support/sync-docs';

const BATCH = 200;
const DOCS_PER_LEVEL = Number(process.env.SYNC_BENCH_DOCS ?? 20_000);
const LEVELS = [1, 10, 50];
const TARGET = { sqlite: 10_000, postgres: 5_000 } as const;
// Fifty registers enroll at once from one address: above the server's default enrollment rate
// limit, which the server process inherits from this environment.
process.env.ENROLL_RATE_PER_MINUTE = String(Math.max(...LEVELS) * 2);

const figures: Record<string, unknown> = {
  batch: BATCH,
  docsPerLevel: DOCS_PER_LEVEL,
  targets: { ...TARGET, p99Ms: 100 },
};

for (const backend of benchBackends()) {
  const server = await startBenchServer(backend);
  try {
    const registers = await enrollRegisters(server, Math.max(...LEVELS));
    for (const concurrency of LEVELS) {
      const perRegister = Math.ceil(DOCS_PER_LEVEL / concurrency / BATCH) * BATCH;
      // Bodies are built before the clock starts: the generator measures the server, not JSON.stringify.
      const bodies = registers.slice(0, concurrency).map(({ device, code }) => {
        const { orders } = registerSales(
          { storeId: device.storeId, storeCode: code, registerCode: `C${concurrency}` },
          perRegister,
        );
        const batches: string[] = [];
        for (let i = 0; i < orders.length; i += BATCH)
          batches.push(
            JSON.stringify(
              orders.slice(i, i + BATCH).map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })),
            ),
          );
        return { device, batches };
      });
      const latencies: number[] = [];
      let failures = 0;
      const start = process.hrtime.bigint();
      await Promise.all(
        bodies.map(async ({ device, batches }) => {
          for (const body of batches) {
            const sent = process.hrtime.bigint();
            const response = await fetch(`${server.url}/sync/orders/push`, {
              method: 'POST',
              headers: { authorization: `Bearer ${device.credential}`, 'content-type': 'application/json' },
              body,
            });
            const answer = (await response.json()) as { conflicts?: unknown[]; rejected?: unknown[] };
            latencies.push(elapsedSince(sent));
            if (response.status !== 200 || answer.conflicts?.length || answer.rejected?.length) failures++;
          }
        }),
      );
      const seconds = elapsedSince(start) / 1000;
      const docs = concurrency * perRegister;
      const result = {
        docs,
        seconds: round(seconds, 2),
        docsPerSecond: Math.round(docs / seconds),
        batchMs: percentiles(latencies),
        failures,
      };
      figures[`${backend}.c${concurrency}`] = result;
      const verdict =
        result.docsPerSecond >= TARGET[backend] && result.batchMs.p99 <= 100 ? 'meets target' : 'MISSES target';
      console.log(
        `${backend.padEnd(8)} ${String(concurrency).padStart(2)} registers: ${docs} orders in ${result.seconds} s = ${result.docsPerSecond} docs/s; ` +
          `batch p50 ${result.batchMs.p50} ms, p99 ${result.batchMs.p99} ms; failures ${failures} (${verdict})`,
      );
    }
  } finally {
    await server.dispose();
  }
}
console.log(`written ${writeResult('sync-throughput', figures)}`);
