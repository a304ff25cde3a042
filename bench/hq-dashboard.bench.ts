// The HQ dashboard over 1,000,000 orders on PostgreSQL (target ≤ 500 ms per dashboard load).
// The orders go straight into the documents table with one INSERT … SELECT (the push path is not
// what is measured here); then the facts projector catches up from sequence 0 (timed), and the
// dashboard's queries run for today, 30 days and 365 days, chain-wide and for one store.
import pg from 'pg';
import { PostgresStorage } from '../sync-server/storage/postgres';
import { buildPolicies } from '../sync-server/replication/collection-policies';
import { pushBatch } from '../sync-server/replication/push';
import { HQ_PRINCIPAL } from '../sync-server/auth/auth-service';
import { hqSqlFor } from '../sync-server/hq/sql';
import { FactsProjector } from '../sync-server/hq/dashboard/facts-projector';
import { dashboard } from '../sync-server/hq/dashboard/dashboard-queries';
import { storeDoc } from '../test/integration/server-fixtures';
import { percentiles, writeResult } from './harness';

const ORDERS = Number(process.env.HQ_DASHBOARD_ORDERS ?? 1_000_000);
const STORES = 10;
const RUNS = 10;
const base = process.env.POS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `hq_dash_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const url = new URL(base);
url.searchParams.set('options', `-c search_path=${schema}`);
const storage = await PostgresStorage.open(url.toString());
try {
  const stores = Array.from({ length: STORES }, (_, i) => storeDoc(`S${String(i + 1).padStart(3, '0')}`));
  const config = buildPolicies().get('config');
  if (!config) throw new Error('no config policy');
  await pushBatch(
    storage,
    config,
    HQ_PRINCIPAL,
    stores.map((s) => ({ newDocumentState: { ...s, _deleted: false } })),
  );
  const ids = stores.map((s) => `'${String(s.id)}'`).join(',');
  let started = performance.now();
  // 90 days of orders, one a few seconds apart, spread over the stores; one in ten from the web.
  await storage.pool.query(`
    INSERT INTO documents (collection, id, seq, scope, prev_scope, data, hash, deleted, lookup)
    SELECT 'orders', gen_random_uuid()::text, nextval('document_seq'), x.store_id, NULL,
      json_build_object('id', gen_random_uuid(), 'storeId', x.store_id, 'channel', CASE WHEN g % 10 = 0 THEN 'web' ELSE 'pos' END,
        'status', CASE WHEN g % 50 = 0 THEN 'voided' ELSE 'completed' END,
        'createdAt', to_char(x.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'totals', json_build_object('total', 500 + g % 9500), 'lines', json_build_array(json_build_object('quantity', 1 + g % 3, 'unitPrice', 100)))::text,
      'bench', FALSE, NULL
    FROM generate_series(1, ${ORDERS}) AS g,
      LATERAL (SELECT (ARRAY[${ids}])[1 + g % ${STORES}] AS store_id, now() - (g * (90 * 86400.0 / ${ORDERS})) * interval '1 second' AS ts) AS x`);
  const insertSeconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(`inserted ${ORDERS} orders in ${insertSeconds} s`);
  const sql = hqSqlFor(storage);
  const facts = new FactsProjector(storage, sql);
  started = performance.now();
  await facts.catchUp();
  const projectSeconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(`facts projected in ${projectSeconds} s`);
  await storage.pool.query('ANALYZE hq_order_facts');
  const today = new Date().toISOString().slice(0, 10);
  const daysBack = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const cases = {
    today: { from: today, to: today, storeId: null },
    last30Days: { from: daysBack(29), to: today, storeId: null },
    last365Days: { from: daysBack(364), to: today, storeId: null },
    last30DaysOneStore: { from: daysBack(29), to: today, storeId: String(stores[0]?.id) },
  };
  const timings: Record<string, unknown> = {};
  for (const [name, period] of Object.entries(cases)) {
    const samples: number[] = [];
    let orders = 0;
    for (let i = 0; i < RUNS + 1; i++) {
      const t = performance.now();
      const d = await dashboard(sql, facts.stores, period);
      if (i > 0) samples.push(performance.now() - t); // the first run warms the cache
      orders = d.totals.orders;
    }
    timings[name] = { orders, ms: percentiles(samples) };
    console.log(name, orders, 'orders', JSON.stringify(percentiles(samples)));
  }
  // What each dashboard load pays when nothing new arrived (one pull per followed collection).
  started = performance.now();
  await facts.catchUp();
  const idleCatchUpMs = Math.round((performance.now() - started) * 10) / 10;
  console.log(
    `written ${writeResult('hq-dashboard', { orders: ORDERS, stores: STORES, insertSeconds, projectSeconds, idleCatchUpMs, timings })}`,
  );
  sql.close();
} finally {
  await storage.close();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
