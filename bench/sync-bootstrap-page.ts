// Browser entry of the Chromium bootstrap benchmark (bundled by sync-bootstrap.bench.ts): the
// register's own database (Dexie on IndexedDB, strict durability, all twelve collections) and
// replication client, timed until the catalog is local. Settings come from the page's URL hash.
import { createPosDatabase } from '../renderer/src/local-data/create-database';
import { startSync } from '../renderer/src/sync/start-sync';

interface BootstrapResult {
  ms: number;
  products: number;
  error?: string;
}

async function main(): Promise<BootstrapResult> {
  const params = new URLSearchParams(location.hash.slice(1));
  const start = performance.now();
  const db = await createPosDatabase({ name: `bootstrap-${params.get('run') ?? '0'}` });
  const sync = startSync({
    db,
    serverUrl: location.origin,
    credential: params.get('credential') ?? '',
    pullBatchSize: Number(params.get('batch') ?? 500),
  });
  await sync.awaitInSync();
  const ms = performance.now() - start;
  const products = await db.products.count().exec();
  await sync.stop();
  await db.close();
  return { ms, products };
}

(globalThis as { bootstrapResult?: Promise<BootstrapResult> }).bootstrapResult = main().catch((error: unknown) => ({
  ms: 0,
  products: 0,
  error: String(error),
}));
