// Catalog search at 100,000 products: the register's token index (renderer/src/local-data/
// product-search-index.ts) against a linear `includes` scan over the same names, then the whole
// Catalog.find (index + RxDB reads of the hits + stock levels) on RxDB's memory storage in Node.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createUuidV7Generator } from '../shared/ids/uuidv7';
import type { Product } from '../shared/schemas';
import { demoProducts } from '../sync-server/seed/demo-catalog';
import { createPrng } from '../sync-server/seed/prng';
import { createPosDatabase } from '../renderer/src/local-data/create-database';
import { Catalog } from '../renderer/src/local-data/catalog';
import { normalizeSearch, ProductSearchIndex } from '../renderer/src/local-data/product-search-index';
import { percentiles, writeResult } from './harness';

const COUNT = 100_000;
const ROUNDS = 30;
const PRICE_BOOK = '01937a00-0000-7000-8000-00000000b00c';
const STORE = '01937a00-0000-7000-8000-00000000570e';
const QUERIES = ['kettle', 'cl', 'deluxe mug', 'kit-0004', '06141410', 'eco 9999', 'zzz-nothing', 'KIT-00042'];

const newId = createUuidV7Generator();
const products = demoProducts(newId, createPrng(7), PRICE_BOOK, COUNT) as unknown as Product[];

function time<T>(fn: () => T): [number, T] {
  const start = performance.now();
  const out = fn();
  return [performance.now() - start, out];
}

const index = new ProductSearchIndex();
const [buildMs] = time(() => {
  for (const p of products) index.upsert(p);
  index.prepare();
});

const names = products.map((p) => `${p.searchName} ${p.sku.toLowerCase()} ${p.primaryBarcode}`);
const figures: Record<string, unknown> = { products: COUNT, indexBuildMs: Math.round(buildMs) };
for (const q of QUERIES) {
  const tokenMs: number[] = [];
  const linearMs: number[] = [];
  let hits = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const [t, found] = time(() => index.search(q, 20));
    tokenMs.push(t);
    hits = found.length;
    const key = normalizeSearch(q);
    linearMs.push(time(() => names.filter((n) => n.includes(key)).slice(0, 20)).at(0) as number);
  }
  figures[`index "${q}"`] = { hits, ...percentiles(tokenMs) };
  figures[`linear "${q}"`] = percentiles(linearMs);
}

const db = await createPosDatabase({ name: `bench-${Date.now()}`, storage: getRxStorageMemory() as never });
for (let i = 0; i < products.length; i += 10_000) await db.products.bulkInsert(products.slice(i, i + 10_000));
const catalog = new Catalog(
  db,
  () => PRICE_BOOK,
  () => STORE,
);
const warmStart = performance.now();
await catalog.warm();
figures.catalogWarmMs = Math.round(performance.now() - warmStart);
for (const q of QUERIES) {
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    await catalog.find(q, 20);
    samples.push(performance.now() - start);
  }
  figures[`Catalog.find "${q}" (memory RxDB)`] = percentiles(samples);
}
catalog.stop();
await db.remove();

console.log(JSON.stringify(figures, null, 2));
console.log(`written ${writeResult('catalog-search', figures)}`);
