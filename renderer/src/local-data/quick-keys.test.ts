// The product grid's data from HQ's quick keys: the store's own keys win over the chain default,
// favourites come first in HQ's order, a category tab lists its department's active products by
// name with the store's price, and a favourite HQ no longer sells is counted, not shown.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigDoc, Product } from '../../../shared/schemas';
import { FIXTURE_IDS, fixtures } from '../../../test/support/fixtures/documents';
import { memoryDb, STORE_ID, storeConfig } from '../../../test/support/register-data';
import { loadQuickKeys } from './quick-keys';
import type { Db } from './types';

const T = '2026-11-27T09:00:00.000Z';
const id = (n: number) => `01937a00-0000-7000-8000-${String(n).padStart(12, '0')}`;

function product(n: number, name: string, department: string, extra: Partial<Product> = {}): Product {
  return {
    ...fixtures.products,
    id: id(n),
    sku: `SKU-${n}`,
    name,
    searchName: name.toLowerCase(),
    department,
    primaryBarcode: '',
    barcodes: [],
    prices: [{ priceBookId: FIXTURE_IDS.priceBook, amount: 100 * n }],
    ...extra,
  } as Product;
}

function quickKeys(key: string, storeId: string | undefined, payload: unknown): ConfigDoc {
  return {
    id: id(900 + key.length),
    kind: 'quick_keys',
    key,
    ...(storeId ? { storeId } : {}),
    active: true,
    updatedAt: T,
    payload,
  } as ConfigDoc;
}

describe('loadQuickKeys', () => {
  let db: Db;
  beforeEach(async () => {
    db = await memoryDb();
    await db.products.bulkInsert([
      product(1, 'Zebra teapot', 'KITCHEN'),
      product(2, 'Apple slicer', 'KITCHEN'),
      product(3, 'Old whisk', 'KITCHEN', { active: false }),
      product(4, 'Bananas', 'PRODUCE', { unit: 'kg' }),
      product(5, 'Batteries', 'ELECTRONICS'),
    ]);
  });
  afterEach(async () => db.close());

  it('builds Favourites then category tabs from the store keys, with prices and products', async () => {
    const configs = [
      ...storeConfig,
      quickKeys('default', undefined, { favourites: [id(5)], categories: [] }),
      quickKeys('S012', STORE_ID, {
        favourites: [id(4), id(1), id(3)],
        categories: [{ name: 'Kitchen', department: 'KITCHEN', color: '#1565c0' }],
      }),
    ];
    const panel = await loadQuickKeys(db, configs, STORE_ID, FIXTURE_IDS.priceBook);
    expect(panel.tabs.map((t) => t.name)).toEqual(['Favourites', 'Kitchen']);
    const [fav, kitchen] = panel.tabs;
    expect(fav!.keys.map((k) => k.name)).toEqual(['Bananas', 'Zebra teapot']);
    expect(fav!.unavailable).toBe(1);
    expect(fav!.keys[0]).toMatchObject({ price: 400, soldByWeight: true });
    expect(kitchen!.keys.map((k) => k.name)).toEqual(['Apple slicer', 'Zebra teapot']);
    expect(kitchen!.color).toBe('#1565c0');
    expect(panel.products[id(2)]).toMatchObject({ name: 'Apple slicer', price: 200, sku: 'SKU-2' });
  });

  it('falls back to the chain default, and shows no tabs when HQ set no keys', async () => {
    const chain = await loadQuickKeys(
      db,
      [...storeConfig, quickKeys('default', undefined, { favourites: [id(5)], categories: [] })],
      STORE_ID,
      FIXTURE_IDS.priceBook,
    );
    expect(chain.tabs.map((t) => t.keys.map((k) => k.name))).toEqual([['Batteries']]);
    const none = await loadQuickKeys(db, storeConfig, STORE_ID, FIXTURE_IDS.priceBook);
    expect(none).toEqual({ tabs: [], products: {} });
  });
});
