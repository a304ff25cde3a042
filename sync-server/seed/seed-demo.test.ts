import { describe, expect, it } from 'vitest';
import { isValidGtin } from '../../shared/barcode/gtin';
import { parseDocument } from '../../shared/schemas/validate';
import { isCollectionName } from '../../shared/schemas/collections';
import { verifyPin } from '../../shared/staff/pin-hash';
import { buildDemoData } from './seed-demo';
import { DEMO_STORES } from './demo-chain';
import { buildQuickKeyGrid, quickKeysFor, type GridProduct } from '../../shared/quick-keys';

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
  }, 60_000);

  it('gives S001 its own quick keys (favourites and department tabs) over a chain default', async () => {
    const data = await buildDemoData();
    const s001 = data.config!.find((c) => c.kind === 'store' && c.key === 'S001')!;
    const configs = data.config!.map((c) => parseDocument('config', c));
    const grid = buildQuickKeyGrid(
      quickKeysFor(configs, s001.id as string),
      data.products!.map((p): GridProduct => ({
        id: p.id as string,
        name: p.name as string,
        sku: p.sku as string,
        department: p.department as string,
        price: 1,
        soldByWeight: p.unit === 'kg',
        active: p.active as boolean,
      })),
    );
    expect(grid.tabs.map((t) => t.name)).toEqual([
      'Favourites',
      'Produce',
      'Grocery',
      'Kitchen',
      'Electronics',
      'Toys',
    ]);
    expect(grid.tabs.every((t) => t.keys.length > 0 && t.unavailable === 0)).toBe(true);
    expect(grid.tabs[1]!.keys.every((k) => k.soldByWeight)).toBe(true);
  });

  it('has one open-price item, with no barcode and no stock, last among the Favourites', async () => {
    const data = await buildDemoData();
    const open = data.products!.filter((p) => p.openPrice);
    expect(open.map((p) => p.sku)).toEqual(['MISC-OPEN']);
    expect(open[0]!.primaryBarcode).toBe('');
    expect(data.inventory_movements!.some((m) => m.sku === 'MISC-OPEN')).toBe(false);
    const s001 = data.config!.find((c) => c.kind === 'store' && c.key === 'S001')!;
    const keys = data.config!.find((c) => c.kind === 'quick_keys' && c.storeId === s001.id)!;
    expect((keys.payload as { favourites: string[] }).favourites.at(-1)).toBe(open[0]!.id);
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
