// The floor for a barcode lookup: Dexie opened in the register's page on the very IndexedDB
// database RxDB keeps the products in, reading the same index the app's `findOne` uses
// (`[_deleted+primaryBarcode+id]`), with no RxDB, no React and no cart in between.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/** Loads Dexie's UMD build into the page (the context must bypass the app's CSP for this). */
export async function loadDexie(page: Page): Promise<void> {
  await page.addScriptTag({ path: require.resolve('dexie/dist/dexie.min.js') });
}

const LOOKUP_SOURCE = `async (codes) => {
  const names = (await indexedDB.databases()).map((d) => d.name || '');
  const name = names.find((n) => n.startsWith('rxdb-dexie-pos-') && n.endsWith('--products'));
  if (!name) throw new Error('No RxDB products database in this page: ' + names.join(', '));
  const db = new Dexie(name);
  await db.open();
  try {
    const table = db.table('docs');
    const index = table.schema.indexes.find((i) => Array.isArray(i.keyPath) && i.keyPath.includes('primaryBarcode'));
    if (!index) throw new Error('No primaryBarcode index in ' + name);
    const position = index.keyPath.indexOf('primaryBarcode');
    const bounds = (code, edge) => index.keyPath.map((key, i) => (i === position ? code : key === '_deleted' ? '0' : edge));
    const times = [];
    let found = 0;
    for (const code of codes) {
      const started = performance.now();
      const doc = await table.where(index.name).between(bounds(code, Dexie.minKey), bounds(code, Dexie.maxKey), true, true).first();
      times.push(performance.now() - started);
      if (doc && doc.primaryBarcode === code) found++;
    }
    return { database: name, index: index.name, times, found };
  } finally {
    db.close();
  }
}`;

export interface DexieLookups {
  database: string;
  index: string;
  times: number[];
  found: number;
}

/** Times one indexed Dexie lookup per code, one after another, as a scanner would ask. */
export async function bareDexieLookups(page: Page, codes: readonly string[]): Promise<DexieLookups> {
  return (await page.evaluate(`(${LOOKUP_SOURCE})(${JSON.stringify(codes)})`)) as DexieLookups;
}
