import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures } from '../../../test/support/fixtures/documents';
import { varianceReport } from '../../../shared/inventory/counts';
import { DEVICE_ID, memoryDb, STORE_ID } from '../../../test/support/register-data';
import { RxCountsSource } from './stock-counts';
import type { Db } from './types';

const identity = { serverUrl: 'http://server.test', deviceId: DEVICE_ID, credential: 'cred', storeId: STORE_ID };
const uuid = (n: number) => `0193a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const movement = (n: number, sku: string, type: 'receipt' | 'sale', quantity: number, createdAt: string) => ({
  ...structuredClone(fixtures.inventory_movements),
  id: uuid(n),
  storeId: STORE_ID,
  sku,
  type,
  quantity,
  referenceType: 'none' as const,
  referenceId: '',
  createdAt,
  updatedAt: createdAt,
});

describe('the register count source', () => {
  let db: Db;
  beforeEach(async () => {
    db = await memoryDb();
    await db.products.bulkInsert([structuredClone(fixtures.products)]);
    await db.inventory_movements.bulkInsert([
      movement(1, 'MUG-RED-12', 'receipt', 10, '2026-12-03T07:00:00.000Z'),
      movement(2, 'MUG-RED-12', 'sale', -1, '2026-12-03T07:30:00.000Z'),
    ]);
  });
  afterEach(async () => db.remove());

  it('snapshots the local ledger; a sale rung elsewhere before the count but synced after it still counts', async () => {
    const source = new RxCountsSource(db, identity);
    const { snapshot, lwt } = await source.snapshot({ kind: 'full' });
    expect(snapshot.onHand).toEqual({ 'MUG-RED-12': 9 });
    // Written here after the snapshot: one sale from before the count started (arrived late by sync)
    // and one after the mug was counted at 08:10.
    await new Promise((r) => setTimeout(r, 5));
    await db.inventory_movements.bulkInsert([
      movement(3, 'MUG-RED-12', 'sale', -2, '2026-12-03T07:45:00.000Z'),
      movement(4, 'MUG-RED-12', 'sale', -1, '2026-12-03T08:20:00.000Z'),
    ]);
    const after = await source.movementsAfter(lwt);
    expect(after.map((m) => m.id).sort()).toEqual([uuid(3), uuid(4)]);
    const item = await source.item(fixtures.products.primaryBarcode);
    expect(item?.sku).toBe('MUG-RED-12');
    const report = varianceReport({
      scope: { kind: 'full' },
      snapshot,
      scans: [{ sku: 'MUG-RED-12', quantity: 7, at: '2026-12-03T08:10:00.000Z', round: 1 }],
      movements: after,
      facts: await source.facts(['MUG-RED-12']),
    });
    expect(report.lines[0]).toMatchObject({ expected: 7, counted: 7, variance: 0 });
  });

  it('records movements idempotently (a retried approval writes nothing twice)', async () => {
    const source = new RxCountsSource(db, identity);
    const doc = movement(9, 'MUG-RED-12', 'sale', -1, '2026-12-03T09:00:00.000Z');
    await source.record([doc]);
    await source.record([doc]);
    expect(await db.inventory_movements.count().exec()).toBe(3);
  });
});
