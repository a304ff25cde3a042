// A sync server for the register benchmarks: the demo chain (stores, staff, tax, 3,000 products
// with stock) plus generated products up to the requested catalog size, pushed as HQ through the
// validated push endpoint so the register receives exactly what production would send.
import { createUuidV7Generator } from '../shared/ids/uuidv7';
import { DEMO_TIME } from '../sync-server/seed/demo-chain';
import { demoProducts } from '../sync-server/seed/demo-catalog';
import { createPrng } from '../sync-server/seed/prng';
import { startServer, type RunningServer } from '../sync-server/server';
import { hqFetch } from '../test/support/hq-client';

const BENCH_HQ_TOKEN = 'register-bench-hq-token-of-32-characters-or-more';
/** The demo seed's own catalog; generated products continue its SKU and barcode numbering. */
const DEMO_PRODUCT_COUNT = 3000;
const PUSH_BATCH = 1000;

export interface BenchServer {
  server: RunningServer;
  productCount: number;
  /** Seconds spent writing the extra products on the server (setup, not measured). */
  fillSeconds: number;
  /** The generated products in push order (the last one reaches a register last). */
  generated: BenchProduct[];
}

export interface BenchProduct {
  name: string;
  barcode: string;
}

export async function hqRequest<T>(url: string, path: string, body?: unknown): Promise<T> {
  return hqFetch<T>(url, BENCH_HQ_TOKEN, path, body);
}

async function priceBookId(url: string): Promise<string> {
  const page = await hqRequest<{ documents: { id: string; kind: string }[] }>(
    url,
    '/sync/config/pull?seq=0&limit=1000',
  );
  const book = page.documents.find((d) => d.kind === 'price_book');
  if (!book) throw new Error('The demo seed has no price book: is seedDemo on?');
  return book.id;
}

/** Starts a seeded server on an empty data folder and fills its catalog to `productCount` products. */
export async function startBenchServer(dataDir: string, posDir: string, productCount: number): Promise<BenchServer> {
  if (!Number.isInteger(productCount) || productCount < DEMO_PRODUCT_COUNT) {
    throw new Error(`The catalog must hold at least the demo's ${DEMO_PRODUCT_COUNT} products, not ${productCount}.`);
  }
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    logLevel: 'warn',
    posDir,
    storage: { kind: 'sqlite', dataDir },
    hqToken: BENCH_HQ_TOKEN,
    seedDemo: true,
  });
  const started = performance.now();
  const generated: BenchProduct[] = [];
  try {
    const bookId = await priceBookId(server.url);
    // A seed of our own: names and prices differ from the demo's, SKUs and barcodes continue them.
    const prng = createPrng(5_100_000);
    let tick = Date.parse(DEMO_TIME) + 10_000_000;
    const newId = createUuidV7Generator({ now: () => tick++, random: (bytes) => prng.fill(bytes) });
    // demoProducts puts its open-price item in the last place: ask for one more and leave it out (the
    // seed already holds the demo's), so every generated product is an ordinary scannable one.
    const extra = demoProducts(newId, prng, bookId, productCount + 1)
      .slice(DEMO_PRODUCT_COUNT)
      .filter((doc) => !doc.openPrice);
    for (const doc of extra) generated.push({ name: String(doc.name), barcode: String(doc.primaryBarcode) });
    for (let i = 0; i < extra.length; i += PUSH_BATCH) {
      const rows = extra.slice(i, i + PUSH_BATCH).map((doc) => ({ newDocumentState: { ...doc, _deleted: false } }));
      const answer = await hqRequest<{
        conflicts: unknown[];
        rejected: { id: string; field: string; message: string }[];
      }>(server.url, '/sync/products/push', rows);
      if (answer.rejected.length > 0 || answer.conflicts.length > 0) {
        const first = answer.rejected[0];
        throw new Error(
          `The server refused generated products${first ? `: ${first.id} at "${first.field}": ${first.message}` : ' (conflict)'}.`,
        );
      }
    }
  } catch (error) {
    await server.close();
    throw error;
  }
  return { server, productCount, fillSeconds: (performance.now() - started) / 1000, generated };
}
