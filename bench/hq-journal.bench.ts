// The accounting journal of one store-day with 5,000 sales (each paid by card) and 250 returns:
// the documents are pushed through the same push path registers use, the dashboard's fact tables
// are projected once, then the journal is loaded and built the way GET /journal does it
// (sync-server/hq/journal/journal-data.ts), 20 times after one warm-up. Target: ≤ 1 s.
// SQLite always; PostgreSQL as well when POS_TEST_PG_URL is set.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteStorage } from '../sync-server/storage/sqlite';
import { PostgresStorage } from '../sync-server/storage/postgres';
import type { Storage } from '../sync-server/storage/storage';
import { buildPolicies } from '../sync-server/replication/collection-policies';
import { inventoryProjection } from '../sync-server/replication/inventory-projection';
import { balanceProjection, chainProjections } from '../sync-server/replication/balance-projection';
import { pushBatch } from '../sync-server/replication/push';
import { HQ_PRINCIPAL } from '../sync-server/auth/auth-service';
import { hqSqlFor } from '../sync-server/hq/sql';
import { FactsProjector } from '../sync-server/hq/dashboard/facts-projector';
import { loadJournal } from '../sync-server/hq/journal/journal-data';
import { makeTempDir } from '../test/support/temp-dir';
import { storeDoc } from '../test/integration/server-fixtures';
import { returnOf, saleAt, SALE_TOTAL } from '../test/integration/hq-fixtures';
import { fixtures } from '../test/support/fixtures/documents';
import { percentiles, writeResult } from './harness';

const ORDERS = Number(process.env.HQ_JOURNAL_ORDERS ?? 5_000);
const RETURNS = Math.round(ORDERS / 20);
const RUNS = 20;
// 2026-12-01 in New York (the fixture store's time zone): 05:00 UTC to 04:59 UTC the next day.
const DAY = '2026-12-01';
const DAY_START = Date.parse('2026-12-01T05:00:00Z');
const dir = makeTempDir('hq-journal-bench-');

async function push(storage: Storage, collection: string, docs: Record<string, unknown>[]): Promise<void> {
  const policies = buildPolicies();
  const policy = policies.get(collection);
  if (!policy) throw new Error(`no policy for ${collection}`);
  const afterWrite = chainProjections(inventoryProjection(policies), balanceProjection(policies));
  for (let i = 0; i < docs.length; i += 500) {
    const rows = docs.slice(i, i + 500).map((d) => ({ newDocumentState: { ...d, _deleted: false } }));
    const result = await pushBatch(storage, policy, HQ_PRINCIPAL, rows, afterWrite);
    if (result.rejected.length || result.conflicts.length)
      throw new Error(`${collection}: ${JSON.stringify(result.rejected[0] ?? result.conflicts[0])}`);
  }
}

async function run(name: string, storage: Storage): Promise<Record<string, unknown>> {
  const store = storeDoc('S001');
  await push(storage, 'config', [store]);
  const storeId = store.id as string;
  const orders = Array.from({ length: ORDERS }, (_, i) =>
    saleAt(storeId, new Date(DAY_START + Math.floor((i * 86_000_000) / ORDERS)).toISOString()),
  );
  const payments = orders.map((o) => ({
    ...structuredClone(fixtures.payments),
    id: randomUUID(),
    orderId: o.id,
    storeId,
    amount: SALE_TOTAL,
    createdAt: o.createdAt,
    updatedAt: o.createdAt,
  }));
  const returns = orders.slice(0, RETURNS).map((o) => returnOf(o, String(o.createdAt)));
  const loading = performance.now();
  await push(storage, 'orders', orders);
  await push(storage, 'payments', payments);
  await push(storage, 'returns', returns);
  const pushedMs = Math.round(performance.now() - loading);

  const sql = hqSqlFor(storage);
  const facts = new FactsProjector(storage, sql);
  const projecting = performance.now();
  await facts.catchUp();
  const projectedMs = Math.round(performance.now() - projecting);

  const warm = await loadJournal(storage, sql, facts, 'S001', DAY);
  if (!warm.balanced) throw new Error('the journal does not balance');
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await loadJournal(storage, sql, facts, 'S001', DAY);
    samples.push(performance.now() - t);
  }
  sql.close();
  const figures = {
    orders: ORDERS,
    returns: RETURNS,
    journalLines: warm.lines.length,
    debit: warm.totals.debit,
    pushedMs,
    projectedMs,
    journalMs: percentiles(samples),
  };
  const p = figures.journalMs;
  console.log(
    `${name}: journal of a store-day with ${ORDERS} orders, ${ORDERS} payments, ${RETURNS} returns: p50 ${p.p50.toFixed(1)} p95 ${p.p95.toFixed(1)} max ${p.max.toFixed(1)} ms (n=${p.count}; target ≤ 1000 ms: ${p.p95 <= 1000 ? 'met' : 'MISSED'}); pushed in ${pushedMs} ms, facts projected in ${projectedMs} ms, ${warm.lines.length} journal lines, balanced`,
  );
  return figures;
}

const figures: Record<string, unknown> = {};
const sqlite = await SqliteStorage.open(join(dir.path, 'db'));
figures.sqlite = await run('sqlite', sqlite);
await sqlite.close();
if (process.env.POS_TEST_PG_URL) {
  const url = new URL(process.env.POS_TEST_PG_URL);
  const schema = `hq_journal_bench_${Date.now()}`;
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const postgres = await PostgresStorage.open(url.toString());
  figures.postgres = await run('postgres', postgres);
  await postgres.close();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
console.log(`written ${writeResult('hq-journal', figures)}`);
dir.remove();
