// Catalog lookups: primary and alternate barcodes, SKU, scale PLU; search by any word of name, SKU
// or barcode, ranked, with stock on hand; inactive products are never sold; a price change reaches
// the next scan. Every case runs twice: with the token index in this thread, and behind the search
// worker's message protocol (catalog-search.ts; the worker's side in-process, as renderer tests have
// no Worker).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures, FIXTURE_IDS } from '../../../test/support/fixtures/documents';
import { Catalog } from './catalog';
import { memoryDb } from '../../../test/support/register-data';
import type { Db } from './types';
import { ArrivingDocuments } from '../sync/arriving-documents';
import { inventoryLevelId } from '../../../shared/schemas';
import {
  inProcessSearchWorker,
  SameThreadCatalogSearch,
  WorkerCatalogSearch,
  type CatalogSearch,
} from './catalog-search';

const searches: [string, (onFailure: (error: Error) => void) => CatalogSearch][] = [
  ['same-thread index', () => new SameThreadCatalogSearch()],
  ['index behind the worker protocol', (onFailure) => new WorkerCatalogSearch(inProcessSearchWorker(), onFailure)],
];

describe.each(searches)('catalog (%s)', (_kind, makeSearch) => {
  let db: Db;
  let catalog: Catalog;
  beforeEach(async () => {
    db = await memoryDb();
    await db.products.bulkInsert([
      fixtures.products,
      {
        ...fixtures.products,
        id: '01937a00-0000-7000-8000-0000000000b1',
        sku: 'APPLE-GALA',
        name: 'Gala apples',
        searchName: 'gala apples',
        primaryBarcode: '',
        barcodes: [],
        plu: '4133',
        unit: 'kg',
        taxCategory: 'GROCERY',
      },
      {
        ...fixtures.products,
        id: '01937a00-0000-7000-8000-0000000000b2',
        sku: 'OLD-MUG',
        name: 'Old mug',
        searchName: 'old mug',
        primaryBarcode: '4006381333931',
        barcodes: [],
        active: false,
      },
    ]);
    catalog = new Catalog(
      db,
      () => FIXTURE_IDS.priceBook,
      () => FIXTURE_IDS.store,
      undefined,
      makeSearch,
    );
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

  describe('search by token anywhere in name, SKU and barcode', () => {
    const id = (n: number) => `01937a00-0000-7000-8000-0000000001${n.toString(16).padStart(2, '0')}`;
    beforeEach(async () => {
      await db.products.bulkInsert([
        {
          ...fixtures.products,
          id: id(1),
          sku: 'KIT-00042',
          name: 'Electric Kettle 1.7 L',
          searchName: 'electric kettle 1.7 l northwind',
          primaryBarcode: '0614141000425',
          barcodes: [],
        },
        {
          ...fixtures.products,
          id: id(2),
          sku: 'KIT-00043',
          name: 'Kettle descaler',
          searchName: 'kettle descaler',
          primaryBarcode: '0614141000432',
          barcodes: [],
        },
        {
          ...fixtures.products,
          id: id(3),
          sku: 'KETTLE',
          name: 'Stove-top whistle',
          searchName: 'stove-top whistle',
          primaryBarcode: '',
          barcodes: [],
        },
        {
          ...fixtures.products,
          id: id(4),
          sku: 'KIT-00044',
          name: 'Retired kettle',
          searchName: 'retired kettle',
          primaryBarcode: '',
          barcodes: [],
          active: false,
        },
      ]);
      await db.inventory_levels.bulkInsert([
        {
          ...fixtures.inventory_levels,
          id: `${FIXTURE_IDS.store}:KIT-00042`,
          sku: 'KIT-00042',
          onHand: 7,
          reserved: 1,
          available: 6,
        },
        {
          ...fixtures.inventory_levels,
          id: `01937a00-0000-7000-8000-00000000ffff:KIT-00043`,
          storeId: '01937a00-0000-7000-8000-00000000ffff',
          sku: 'KIT-00043',
          onHand: 99,
          reserved: 0,
          available: 99,
        },
      ]);
      await catalog.warm();
    });

    it('finds a word in the middle of a name, ranked: exact code, then name prefix, then token', async () => {
      const answer = await catalog.find('kettle', 10);
      expect(answer.results.map((r) => [r.name, r.match])).toEqual([
        ['Stove-top whistle', 'code'],
        ['Kettle descaler', 'prefix'],
        ['Electric Kettle 1.7 L', 'token'],
      ]);
      expect(answer.message).toBeUndefined();
    });

    it('matches several words in any order, word prefixes, brand, SKU parts and barcode prefixes', async () => {
      expect((await catalog.search('kett elec', 10)).map((r) => r.sku)).toEqual(['KIT-00042']);
      expect((await catalog.search('northwind', 10)).map((r) => r.sku)).toEqual(['KIT-00042']);
      expect((await catalog.search('00043', 10)).map((r) => r.sku)).toEqual(['KIT-00043']);
      expect((await catalog.search('kit-0004', 10)).map((r) => r.sku)).toEqual(['KIT-00042', 'KIT-00043']);
      expect((await catalog.search('061414100042', 10)).map((r) => r.sku)).toEqual(['KIT-00042']);
      expect((await catalog.search('0614141000432', 10))[0]).toMatchObject({ sku: 'KIT-00043', match: 'code' });
      expect((await catalog.search('ÉLECTRIC', 10)).map((r) => r.sku)).toEqual(['KIT-00042']);
    });

    it("shows this store's stock on hand with each result, undefined where the store has no level", async () => {
      const results = await catalog.search('kettle', 10);
      expect(results.find((r) => r.sku === 'KIT-00042')).toMatchObject({ onHand: 7, available: 6 });
      expect(results.find((r) => r.sku === 'KIT-00043')).toMatchObject({ onHand: undefined }); // another store's level only
    });

    it('answers "no results" plainly, and never returns inactive products', async () => {
      const answer = await catalog.find('retired', 10);
      expect(answer.results).toEqual([]);
      expect(answer.message).toBe('No results for “retired”. Check the spelling, or scan the barcode.');
      expect((await catalog.find('   ', 10)).message).toBeUndefined();
    });

    it('follows catalog changes: a renamed product is found by its new words only, a deactivated one not at all', async () => {
      const doc = await db.products.findOne(id(1)).exec();
      await doc!.incrementalPatch({ name: 'Electric Jug 1.7 L', searchName: 'electric jug 1.7 l' });
      const gone = await db.products.findOne(id(2)).exec();
      await gone!.incrementalPatch({ active: false });
      await new Promise((r) => setTimeout(r, 10));
      expect((await catalog.search('jug', 10)).map((r) => r.sku)).toEqual(['KIT-00042']);
      expect((await catalog.search('kettle', 10)).map((r) => r.sku)).toEqual(['KETTLE']);
    });

    it('limits and ranks deterministically', async () => {
      expect((await catalog.search('kettle', 2)).map((r) => r.sku)).toEqual(['KETTLE', 'KIT-00043']);
    });
  });

  it('searches by name before the token index is built (indexed prefix), then by token', async () => {
    await db.products.insert({
      ...fixtures.products,
      id: '01937a00-0000-7000-8000-0000000002a1',
      sku: 'KIT-1',
      name: 'Electric Kettle',
      searchName: 'electric kettle',
      primaryBarcode: '',
      barcodes: [],
    });
    expect((await catalog.search('electric', 10)).map((r) => r.sku)).toEqual(['KIT-1']);
    await catalog.warm();
    expect((await catalog.search('kettle', 10)).map((r) => r.sku)).toEqual(['KIT-1']);
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

  describe('fed by arriving documents (read before they are stored)', () => {
    let arriving: ArrivingDocuments;
    let levels: ArrivingDocuments;
    let fed: Catalog;
    beforeEach(() => {
      arriving = new ArrivingDocuments();
      levels = new ArrivingDocuments();
      fed = new Catalog(
        db,
        () => FIXTURE_IDS.priceBook,
        () => FIXTURE_IDS.store,
        { products: arriving, levels },
        makeSearch,
      );
    });
    afterEach(() => fed.stop());

    it('a pending copy wins over the stored one: new price, new product, deleted product, stock', async () => {
      await fed.warm();
      expect((await fed.findByBarcode('0012345678905'))?.price).toBe(999); // remembered as recently scanned
      const added = {
        ...fixtures.products,
        id: '01937a00-0000-7000-8000-0000000000c1',
        sku: 'NEW-1',
        name: 'Brand new kettle',
        searchName: 'brand new kettle',
        primaryBarcode: '',
        barcodes: ['NEWCODE'],
      };
      arriving.arrive(
        [
          { ...fixtures.products, prices: [{ priceBookId: FIXTURE_IDS.priceBook, amount: 1499 }] },
          added,
          { id: '01937a00-0000-7000-8000-0000000000b1', _deleted: true },
        ],
        'id',
      );
      levels.arrive(
        [
          {
            ...fixtures.inventory_levels,
            id: inventoryLevelId(FIXTURE_IDS.store, 'NEW-1'),
            sku: 'NEW-1',
            onHand: 7,
            available: 5,
          },
        ],
        'id',
      );
      expect((await fed.findByBarcode('0012345678905'))?.price).toBe(1499);
      expect((await fed.findByBarcode('NEWCODE'))?.name).toBe('Brand new kettle');
      expect(await fed.findByPlu('4133')).toBeUndefined(); // Gala apples: deleted on the server
      expect(await fed.search('gala', 10)).toEqual([]);
      expect(await fed.search('kettle', 10)).toMatchObject([{ sku: 'NEW-1', onHand: 7, available: 5 }]);
      // Nothing was written: the stored copies are unchanged.
      expect(await db.products.findOne(added.id).exec()).toBeNull();
    });

    it('a build that starts while documents are pending indexes them, and not the older stored copies', async () => {
      arriving.arrive([{ ...fixtures.products, barcodes: ['RENUMBERED'], primaryBarcode: '' }], 'id');
      await fed.warm();
      expect((await fed.findByBarcode('RENUMBERED'))?.name).toBe('Red mug 12 oz');
      expect(await fed.findByBarcode('0012345678905')).toBeUndefined(); // the stored copy's old barcode
      // Once stored, the stored copies are read again.
      arriving.stored();
      expect((await fed.findByBarcode('MUG-RED-12'))?.price).toBe(999);
    });

    it('a page that arrives with its response bytes is searchable by name and scannable', async () => {
      await fed.warm();
      const kettle = {
        ...fixtures.products,
        id: '01937a00-0000-7000-8000-0000000000c2',
        sku: 'KET-9',
        name: 'Copper kettle',
        searchName: 'copper kettle',
        primaryBarcode: '5012345678900',
        barcodes: [],
      };
      const page = { documents: [kettle, { id: '01937a00-0000-7000-8000-0000000000b1', _deleted: true }] };
      const bytes = new TextEncoder().encode(JSON.stringify(page)).buffer;
      arriving.arrive(page.documents, 'id', bytes);
      expect((await fed.findByBarcode('5012345678900'))?.name).toBe('Copper kettle');
      expect(await fed.search('copper', 10)).toMatchObject([{ sku: 'KET-9' }]);
      expect(await fed.search('gala', 10)).toEqual([]);
    });
  });
});
