// Catalog lookups: primary and alternate barcodes, SKU, scale PLU, name prefix search; inactive
// products are never sold; a price change reaches the next scan.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures, FIXTURE_IDS } from '../../../shared/schemas/fixtures';
import { Catalog } from './catalog';
import { memoryDb } from '../../../test/support/register-data';
import type { Db } from './types';

describe('catalog', () => {
  let db: Db;
  let catalog: Catalog;
  beforeEach(async () => {
    db = await memoryDb();
    await db.products.bulkInsert([
      fixtures.products,
      { ...fixtures.products, id: '01937a00-0000-7000-8000-0000000000b1', sku: 'APPLE-GALA', name: 'Gala apples', searchName: 'gala apples', primaryBarcode: '', barcodes: [], plu: '4133', unit: 'kg', taxCategory: 'GROCERY' },
      { ...fixtures.products, id: '01937a00-0000-7000-8000-0000000000b2', sku: 'OLD-MUG', name: 'Old mug', searchName: 'old mug', primaryBarcode: '4006381333931', barcodes: [], active: false },
    ]);
    catalog = new Catalog(db, () => FIXTURE_IDS.priceBook);
  });
  afterEach(async () => {
    catalog.stop();
    await db.remove();
  });

  it('finds by primary barcode, alternate barcode, SKU and PLU', async () => {
    expect((await catalog.findByBarcode('0012345678905'))?.name).toBe('Red mug 12 oz');
    expect((await catalog.findByBarcode('10012345678902'))?.name).toBe('Red mug 12 oz');
    expect((await catalog.findByBarcode('MUG-RED-12'))?.price).toBe(999);
    expect(await catalog.findByPlu('4133')).toMatchObject({ name: 'Gala apples', soldByWeight: true });
    expect(await catalog.findByBarcode('4006381333931')).toBeUndefined(); // inactive
    expect(await catalog.findByBarcode('999')).toBeUndefined();
  });

  it('searches by name prefix, accents and case ignored', async () => {
    expect((await catalog.search('GALA', 10)).map((p) => p.sku)).toEqual(['APPLE-GALA']);
    expect((await catalog.search('red m', 10)).map((p) => p.sku)).toEqual(['MUG-RED-12']);
    expect(await catalog.search('old', 10)).toEqual([]);
  });

  it('serves the new price after HQ changes it, even for a recently scanned product', async () => {
    await catalog.warm();
    expect((await catalog.findByBarcode('0012345678905'))?.price).toBe(999);
    const doc = await db.products.findOne(fixtures.products.id).exec();
    await doc!.incrementalPatch({ prices: [{ priceBookId: FIXTURE_IDS.priceBook, amount: 1299 }] });
    await new Promise((r) => setTimeout(r, 10));
    expect((await catalog.findByBarcode('0012345678905'))?.price).toBe(1299);
  });

  it('maps every product across several pages, including one sku shared across a page boundary', async () => {
    const ids = (n: number) => `01937a00-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
    const many = Array.from({ length: 2_100 }, (_, i) => ({
      ...fixtures.products,
      id: ids(0x1000 + i),
      // Products 998 and 1000 share a sku; with APPLE-GALA sorting first, pages of 1,000 end between them.
      sku: i === 1_000 ? 'BULK-00998' : `BULK-${String(i).padStart(5, '0')}`,
      name: `Bulk item ${i}`,
      searchName: `bulk item ${i}`,
      primaryBarcode: '',
      barcodes: [`ALT${i}`],
    }));
    await db.products.bulkInsert(many);
    await catalog.warm();
    for (const i of [0, 998, 999, 1_000, 1_001, 2_099]) {
      expect((await catalog.findByBarcode(`ALT${i}`))?.name).toBe(`Bulk item ${i}`);
    }
  });
});
