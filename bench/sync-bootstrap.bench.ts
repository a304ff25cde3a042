// First-run bootstrap of a large catalog through the register's own database and replication
// client, without the register UI: (1) in Node on RxDB's memory storage (the server + HTTP + RxDB
// replication cost), (2) in Chromium on Dexie/IndexedDB with all twelve collections open (what a
// register pays; the page is bench/sync-bootstrap-page.ts, bundled with esbuild and served by the
// sync server). `npm run bench bootstrap`; SYNC_BOOTSTRAP_PRODUCTS, SYNC_BOOTSTRAP_BATCHES (pull
// batch sizes, comma-separated, server max 1000).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Browser } from 'playwright-core';
import { createPosDatabase } from '../renderer/src/local-data/create-database';
import { startSync } from '../renderer/src/sync/start-sync';
import { launchChromium } from '../test/support/chromium';
import { hqRequest, startBenchServer } from './register-catalog';
import { writeResult } from './harness';

const PRODUCTS = Number(process.env.SYNC_BOOTSTRAP_PRODUCTS ?? 100_000);
const BATCHES = (process.env.SYNC_BOOTSTRAP_BATCHES ?? '500,1000').split(',').map(Number);

async function enrollDevice(url: string): Promise<string> {
  const { code } = await hqRequest<{ code: string }>(url, '/api/hq/enrollment-codes', { storeId: 'S001' });
  const response = await fetch(`${url}/api/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name: 'bootstrap bench' }),
  });
  if (!response.ok) throw new Error(`enroll: HTTP ${response.status}`);
  return ((await response.json()) as { credential: string }).credential;
}

async function inNode(url: string, credential: string, pullBatchSize: number): Promise<number> {
  const db = await createPosDatabase({
    name: `bootstrap-${process.pid}-${pullBatchSize}`,
    storage: getRxStorageMemory() as never,
    only: ['products'],
  });
  const start = performance.now();
  const sync = startSync({ db, serverUrl: url, credential, pullBatchSize });
  await sync.awaitInSync();
  const ms = performance.now() - start;
  const count = await db.products.count().exec();
  await sync.stop();
  await db.remove();
  if (count < PRODUCTS) throw new Error(`Node: only ${count} of ${PRODUCTS} products arrived`);
  return ms;
}

async function inChromium(browser: Browser, url: string, credential: string, pullBatchSize: number): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(
      `${url}/index.html#credential=${encodeURIComponent(credential)}&batch=${pullBatchSize}&run=${pullBatchSize}`,
    );
    const result = await page.evaluate(
      () =>
        (globalThis as { bootstrapResult?: Promise<{ ms: number; products: number; error?: string }> }).bootstrapResult,
    );
    if (!result || result.error) throw new Error(`Chromium: ${result?.error ?? 'the page did not start'}`);
    if (result.products < PRODUCTS)
      throw new Error(`Chromium: only ${result.products} of ${PRODUCTS} products arrived`);
    return result.ms;
  } finally {
    await context.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'sync-bootstrap-'));
const posDir = join(dir, 'pos');
mkdirSync(posDir);
execFileSync(
  'npx',
  [
    'esbuild',
    join(import.meta.dirname, 'sync-bootstrap-page.ts'),
    '--bundle',
    '--format=esm',
    '--platform=browser',
    `--outfile=${join(posDir, 'bootstrap.js')}`,
    '--define:process.env.NODE_ENV="production"',
    '--log-level=warning',
  ],
  { stdio: 'inherit' },
);
writeFileSync(join(posDir, 'index.html'), '<!doctype html><script type="module" src="/bootstrap.js"></script>');
const bench = await startBenchServer(join(dir, 'data'), posDir, PRODUCTS);
let browser: Browser | undefined;
try {
  const credential = await enrollDevice(bench.server.url);
  browser = await launchChromium();
  const figures: Record<string, number> = {};
  for (const batch of BATCHES) {
    const node = await inNode(bench.server.url, credential, batch);
    const chromium = await inChromium(browser, bench.server.url, credential, batch);
    figures[`nodeMemoryBatch${batch}Ms`] = Math.round(node);
    figures[`chromiumDexieBatch${batch}Ms`] = Math.round(chromium);
    console.log(
      `${PRODUCTS.toLocaleString()} products, pull batch ${batch}: Node/memory ${Math.round(node)} ms, Chromium/Dexie ${Math.round(chromium)} ms (target ≤ 10,000 ms)`,
    );
  }
  console.log(writeResult('sync-bootstrap', { products: PRODUCTS, ...figures }));
} finally {
  await browser?.close();
  await bench.server.close();
  rmSync(dir, { recursive: true, force: true });
}
