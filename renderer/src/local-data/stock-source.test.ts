import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures } from '../../../test/support/fixtures/documents';
import type { AvailabilityAnswer } from '../../../shared/inventory/availability';
import { RxStockSource } from './stock-source';
import { DEVICE_ID, memoryDb, STORE_ID } from '../../../test/support/register-data';
import type { Db } from './types';

const identity = { serverUrl: 'http://server.test', deviceId: DEVICE_ID, credential: 'cred', storeId: STORE_ID };
const uuid = (n: number) => `0193a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const movement = (n: number, sku: string, type: 'receipt' | 'sale', quantity: number) => ({
  ...structuredClone(fixtures.inventory_movements),
  id: uuid(n),
  storeId: STORE_ID,
  sku,
  type,
  quantity,
  referenceType: 'none' as const,
  referenceId: '',
});
const level = (sku: string, onHand: number) => ({ storeId: STORE_ID, sku, onHand, reserved: 0, available: onHand });

describe('the register stock source', () => {
  let db: Db;
  let online = true;
  const answer: AvailabilityAnswer = {
    at: '2026-12-02T10:00:00.000Z',
    fromStoreId: STORE_ID,
    rows: [
      {
        storeId: uuid(99),
        storeCode: 'S002',
        storeName: 'Other',
        sku: 'MUG-RED-12',
        onHand: 5,
        reserved: 1,
        available: 4,
        inTransit: 2,
        distanceKm: 3.2,
      },
    ],
  };
  const server = async (input: string): Promise<Response> => {
    if (!online) throw new TypeError('Failed to fetch');
    const url = new URL(input);
    if (url.pathname.endsWith('/availability')) return Response.json(answer);
    const sku = url.searchParams.get('sku');
    // The server has counted the receipts and the first sale, not the register's second sale.
    if (sku === 'MUG-RED-12')
      return Response.json({ lines: [{ id: uuid(1) }, { id: uuid(2) }], truncated: false, level: level(sku, 9) });
    return Response.json({ lines: [{ id: uuid(4) }], truncated: false, level: level(String(sku), 4) });
  };

  beforeEach(async () => {
    localStorage.clear();
    online = true;
    db = await memoryDb();
    const mug = structuredClone(fixtures.products);
    await db.products.bulkInsert([
      mug,
      {
        ...structuredClone(mug),
        id: uuid(50),
        sku: 'MUG-RED-16',
        name: 'Red mug 16 oz',
        primaryBarcode: '',
        barcodes: [],
      },
      { ...structuredClone(mug), id: uuid(51), sku: 'MUG-BLUE-12', name: 'Blue mug', primaryBarcode: '', barcodes: [] },
    ]);
    await db.inventory_movements.bulkInsert([
      movement(1, 'MUG-RED-12', 'receipt', 10),
      movement(2, 'MUG-RED-12', 'sale', -1),
      movement(3, 'MUG-RED-12', 'sale', -2),
      movement(4, 'MUG-RED-16', 'receipt', 4),
    ]);
  });
  afterEach(async () => db.remove());

  it('finds an item by barcode with its variants, and this store as server level + unsynced movements', async () => {
    const source = new RxStockSource(db, identity, server);
    const items = await source.findItems('0012345678905');
    expect(items.map((i) => i.sku)).toEqual(['MUG-RED-12', 'MUG-RED-16']);
    expect(await source.findItems('nothing-like-it')).toEqual([]);
    const levels = await source.localLevels(items.map((i) => i.sku));
    expect(levels.map((l) => [l.sku, l.onHand, l.pendingCount])).toEqual([
      ['MUG-RED-12', 7, 1],
      ['MUG-RED-16', 4, 0],
    ]);
    expect(await source.otherStores(['MUG-RED-12'])).toEqual({ answer, live: true });
  });

  it('offline: the last answers, marked as not live; never asked before: undefined', async () => {
    const source = new RxStockSource(db, identity, server);
    await source.localLevels(['MUG-RED-12']);
    await source.otherStores(['MUG-RED-12']);
    online = false;
    expect(await source.otherStores(['MUG-RED-12'])).toEqual({ answer, live: false });
    expect(await source.otherStores(['MUG-RED-16'])).toBeUndefined();
    // A sale made while offline still counts: it is not among the ids the server listed.
    await db.inventory_movements.insert(movement(5, 'MUG-RED-12', 'sale', -1));
    expect((await source.localLevels(['MUG-RED-12']))[0]).toMatchObject({ onHand: 6, pendingCount: 2 });
  });
});
