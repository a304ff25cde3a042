// Importing 100,000 products from CSV (scripts/import.ts's code path) into an empty SQLite store,
// then the same file again (nothing changes). Target: ≤ 30 s, flat memory: the heap is sampled
// every 250 ms and must not grow with the rows read (the file is streamed, 500 rows a batch).
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { SqliteStorage } from '../sync-server/storage/sqlite';
import { PostgresStorage } from '../sync-server/storage/postgres';
import type { Storage } from '../sync-server/storage/storage';
import { buildPolicies } from '../sync-server/replication/collection-policies';
import { inventoryProjection } from '../sync-server/replication/inventory-projection';
import { balanceProjection, chainProjections } from '../sync-server/replication/balance-projection';
import { pushBatch } from '../sync-server/replication/push';
import { HQ_PRINCIPAL } from '../sync-server/auth/auth-service';
import { runImport, type ImportReport } from '../sync-server/hq/import/importer';
import { withCheckDigit } from '../shared/barcode/gtin';
import { makeTempDir } from '../test/support/temp-dir';
import { storeDoc } from '../test/integration/server-fixtures';
import { writeResult } from './harness';

const ROWS = Number(process.env.HQ_IMPORT_ROWS ?? 100_000);
const dir = makeTempDir('hq-import-bench-');
const file = join(dir.path, 'products.csv');

async function writeCsv(): Promise<void> {
  const out = createWriteStream(file);
  out.write('sku,name,price,department,tax_category,barcode,brand,category\n');
  for (let i = 0; i < ROWS; i++) {
    const cents = 100 + (i % 5000);
    const line = `BENCH-${String(i).padStart(7, '0')},"Bench product ${i}, size ${i % 7}",${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')},DEPT${i % 20},GENERAL,${withCheckDigit(String(200_000_000_000 + i))},Brand ${i % 50},Cat ${i % 200}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function timedImport(storage: Storage): Promise<{ seconds: number; report: ImportReport; heapMiB: number[] }> {
  const policies = buildPolicies();
  const afterWrite = chainProjections(inventoryProjection(policies), balanceProjection(policies));
  const heap: number[] = [];
  const sampler = setInterval(() => heap.push(Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10), 250);
  const started = performance.now();
  const report = await runImport(
    { storage, policies, afterWrite },
    { kind: 'products', input: createReadStream(file), dryRun: false },
  );
  clearInterval(sampler);
  return { seconds: Math.round((performance.now() - started) / 100) / 10, report, heapMiB: heap };
}

function heapSummary(samples: number[]) {
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  const avg = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)) * 10) / 10;
  return {
    firstQuarterAvg: avg(samples.slice(0, quarter)),
    lastQuarterAvg: avg(samples.slice(-quarter)),
    max: Math.max(...samples),
  };
}

await writeCsv();
const backends: [string, () => Promise<Storage>][] = [['sqlite', async () => SqliteStorage.open(join(dir.path, 'db'))]];
if (process.env.POS_TEST_PG_URL) {
  backends.push([
    'postgres',
    async () => {
      const url = new URL(process.env.POS_TEST_PG_URL as string);
      const schema = `hq_import_bench_${Date.now()}`;
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: url.toString() });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      url.searchParams.set('options', `-c search_path=${schema}`);
      return PostgresStorage.open(url.toString());
    },
  ]);
}
const figures: Record<string, unknown> = { rows: ROWS };
for (const [name, open] of backends) {
  const storage = await open();
  const policies = buildPolicies();
  const config = policies.get('config');
  if (!config) throw new Error('no config policy');
  await pushBatch(storage, config, HQ_PRINCIPAL, [{ newDocumentState: { ...storeDoc('S001'), _deleted: false } }]);
  const first = await timedImport(storage);
  const second = await timedImport(storage);
  figures[name] = {
    firstRun: {
      seconds: first.seconds,
      created: first.report.created,
      invalid: first.report.invalid,
      heapMiB: heapSummary(first.heapMiB),
    },
    rerun: {
      seconds: second.seconds,
      created: second.report.created,
      updated: second.report.updated,
      unchanged: second.report.unchanged,
      heapMiB: heapSummary(second.heapMiB),
    },
  };
  console.log(name, JSON.stringify(figures[name]));
  await storage.close();
}
console.log(`written ${writeResult('hq-import', figures)}`);
dir.remove();
