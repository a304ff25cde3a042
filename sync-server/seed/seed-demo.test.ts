import { describe, expect, it } from 'vitest';
import { isValidGtin } from '../../shared/barcode/gtin';
import { parseDocument } from '../../shared/schemas/validate';
import { isCollectionName } from '../../shared/schemas/collections';
import { verifyPin } from '../../shared/staff/pin-hash';
import { buildDemoData } from './seed-demo';
import { DEMO_STORES } from './demo-chain';

describe('demo seed', () => {
  it('is deterministic, valid against the schemas, and big enough to demo', async () => {
    const first = await buildDemoData();
    const second = await buildDemoData();
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    for (const [collection, docs] of Object.entries(first)) {
      if (!isCollectionName(collection)) throw new Error(collection);
      for (const doc of docs) parseDocument(collection, doc);
    }
    expect(first.products!.length).toBe(3000);
    const barcodes = first.products!.map((p) => p.primaryBarcode as string).filter((b) => b !== '');
    expect(barcodes.length).toBeGreaterThan(2900);
    expect(barcodes.every((b) => b.length === 13 && isValidGtin(b))).toBe(true);
    expect(new Set(barcodes).size).toBe(barcodes.length);
    const stores = first.config!.filter((c) => c.kind === 'store');
    expect(stores.map((s) => s.key)).toEqual(DEMO_STORES.map((s) => s.code));
    const storeIds = new Set(stores.map((s) => s.id));
    for (const id of storeIds) expect(first.inventory_movements!.some((m) => m.storeId === id)).toBe(true);
  });

  it('uses the documented demo PINs', async () => {
    const staff = (await buildDemoData()).staff!;
    const clerk = staff.find((s) => s.role === 'clerk')!;
    const manager = staff.find((s) => s.role === 'manager')!;
    expect(await verifyPin('1111', clerk.pin as never)).toBe(true);
    expect(await verifyPin('918273', manager.pin as never)).toBe(true);
    expect(await verifyPin('1112', clerk.pin as never)).toBe(false);
  });
});
