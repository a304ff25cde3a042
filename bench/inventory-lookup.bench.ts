// Stock lookup across a chain: 500 stores with coordinates, 20 SKUs stocked in every store. One
// lookup = one SKU at all 500 stores, asked as the API allows (5 calls of 100 stores, from the
// clerk's store, one after another), timed from the first request to the last
// answer against a server in its own process. Target: p99 ≤ 100 ms.
// Before it, a stock count: 10,000 lines recorded by scan into the register's count journal while
// 2,000 sales happen, then the variance report (target ≤ 1 s) and the booked movements.
// INVENTORY_BENCH_ONLY=count runs only that part.
import { randomUUID } from 'node:crypto';
import { percentiles, writeResult } from './harness';
import { benchBackends, elapsedSince, round, startBenchServer } from './sync-load';
import { hqPush } from '../test/support/sync-clients';
import { movementDoc, storeDoc } from '../test/integration/server-fixtures';
import { INVENTORY_PATHS, MAX_AVAILABILITY_STORES, type AvailabilityAnswer } from '../shared/inventory/availability';
import { countMovements, varianceReport } from '../shared/inventory/counts';
import { CountJournal } from '../renderer/src/stock/count-journal';
import { countFixture, MemoryStorage } from '../test/support/count-fixtures';

const STORES = 500;
const SKUS = 20;
const ROUNDS = Number(process.env.INVENTORY_BENCH_ROUNDS ?? 200);
const figures: Record<string, unknown> = { stores: STORES, skus: SKUS, rounds: ROUNDS, targetP99Ms: 100 };

function countBench(): Record<string, unknown> {
  const LINES = 10_000;
  const SALES = 2_000;
  const { snapshot, facts, sales, scans, startedAt, at } = countFixture(LINES, SALES);
  const journal = new CountJournal(new MemoryStorage());
  journal.start({
    id: randomUUID(),
    storeId: randomUUID(),
    scope: { kind: 'full' },
    startedAt,
    startedBy: randomUUID(),
    snapshot,
    snapshotLwt: 0,
  });
  const scanMs: number[] = [];
  const recordStart = process.hrtime.bigint();
  for (const scan of scans) {
    const start = process.hrtime.bigint();
    journal.add(scan);
    scanMs.push(elapsedSince(start));
  }
  const recordMs = elapsedSince(recordStart);
  const reportMs: number[] = [];
  let bookMs = 0;
  for (let i = 0; i < 7; i++) {
    const start = process.hrtime.bigint();
    const meta = journal.current()!;
    const report = varianceReport({
      scope: meta.scope,
      snapshot: meta.snapshot,
      scans: journal.scans(),
      movements: sales,
      facts,
      threshold: { units: 100, value: 10_000_000 },
    });
    reportMs.push(elapsedSince(start));
    const bookStart = process.hrtime.bigint();
    const docs = countMovements(
      report,
      { countId: meta.id, storeId: meta.storeId, approverRole: 'manager', approverId: meta.startedBy },
      { deviceId: 'bench', at: at(LINES * 1000) },
    );
    bookMs = elapsedSince(bookStart);
    if (docs.length !== LINES || report.lines.length !== LINES)
      throw new Error(`count report has ${report.lines.length} lines`);
  }
  const result = {
    lines: LINES,
    salesDuringCount: SALES,
    recordAllMs: round(recordMs),
    scan: percentiles(scanMs),
    report: percentiles(reportMs),
    bookMovementsMs: round(bookMs),
    targetReportMs: 1000,
  };
  console.log(
    `count: ${LINES} lines recorded by scan in ${round(recordMs)} ms (per scan p99 ${round(result.scan.p99)} ms); variance report p50 ${round(result.report.p50)} / max ${round(result.report.max)} ms (target ≤ 1,000 ms); ${LINES} count movements built in ${round(bookMs)} ms`,
  );
  return result;
}

figures.count = countBench();
const serverPart = process.env.INVENTORY_BENCH_ONLY !== 'count';

for (const backend of serverPart ? benchBackends() : []) {
  const server = await startBenchServer(backend);
  try {
    // Stores on a grid over the New York area, so distances differ.
    const stores = Array.from({ length: STORES }, (_, i) => {
      const doc = storeDoc(`B${String(i + 1).padStart(3, '0')}`, randomUUID());
      (doc.payload as Record<string, unknown>).location = {
        lat: 40.5 + (i % 25) * 0.02,
        lng: -74.2 + Math.floor(i / 25) * 0.02,
      };
      return doc;
    });
    await hqPush(server, 'config', stores);
    const skus = Array.from({ length: SKUS }, (_, i) => `BENCH-${i}`);
    const movements = stores.flatMap((s) =>
      skus.map((sku, j) => movementDoc(String(s.id), sku, 'receipt', 1 + ((j * 7) % 13))),
    );
    for (let i = 0; i < movements.length; i += 1000)
      await hqPush(server, 'inventory_movements', movements.slice(i, i + 1000));
    const ids = stores.map((s) => String(s.id));
    const chunks = Array.from({ length: Math.ceil(STORES / MAX_AVAILABILITY_STORES) }, (_, i) =>
      ids.slice(i * MAX_AVAILABILITY_STORES, (i + 1) * MAX_AVAILABILITY_STORES),
    );
    const serverSide: number[] = [];
    const ask = async (sku: string, storeIds: string[]) => {
      const response = await fetch(`${server.url}${INVENTORY_PATHS.availability}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.hqToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ skus: [sku], storeIds, fromStoreId: ids[0] }),
      });
      if (!response.ok) throw new Error(`availability: HTTP ${response.status} ${await response.text()}`);
      const dur = /dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1];
      return { answer: (await response.json()) as AvailabilityAnswer, serverMs: Number(dur) };
    };
    const lookup = async (sku: string) => {
      // One call after another, so each call's server time is its own (side by side they would
      // overlap and each would include the others' work).
      const answers = [];
      for (const storeIds of chunks) answers.push(await ask(sku, storeIds));
      const rows = answers.flatMap((a) => a.answer.rows);
      if (rows.length !== STORES || rows.some((r) => r.onHand < 1))
        throw new Error(`lookup of ${sku} answered ${rows.length} rows`);
      return answers.reduce((sum, a) => sum + a.serverMs, 0);
    };
    for (let i = 0; i < 20; i += 1) await lookup(skus[i % SKUS]!); // warm-up: store directory, statement caches
    const samples: number[] = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      const start = process.hrtime.bigint();
      serverSide.push(await lookup(skus[i % SKUS]!));
      samples.push(elapsedSince(start));
    }
    const p = percentiles(samples);
    const s = percentiles(serverSide);
    figures[backend] = { roundTrip: p, serverSide: s };
    console.log(
      `${backend}: one SKU × ${STORES} stores (5 calls × 100): server-side p50 ${round(s.p50)} / p95 ${round(s.p95)} / p99 ${round(s.p99)} ms (target p99 ≤ 100 ms); round trip p50 ${round(p.p50)} / p99 ${round(p.p99)} ms`,
    );
  } finally {
    await server.dispose();
  }
}
console.log(`results: ${writeResult('inventory-lookup', figures)}`);
