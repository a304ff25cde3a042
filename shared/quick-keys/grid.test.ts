import { describe, expect, it } from 'vitest';
import type { ConfigDoc } from '../schemas';
import { parseDocument } from '../schemas';
import { buildQuickKeyGrid, KEY_LABEL_MAX, quickKeysFor, type GridProduct, type QuickKeysConfig } from './grid';

const id = (n: number) => `01937a00-0000-7000-8000-${String(n).padStart(12, '0')}`;
const product = (n: number, over: Partial<GridProduct> = {}): GridProduct => ({
  id: id(n),
  name: `Product ${n}`,
  sku: `SKU-${n}`,
  department: 'KITCHEN',
  price: 100 * n,
  soldByWeight: false,
  active: true,
  ...over,
});
const T = '2026-12-02T10:00:00.000Z';

describe('quick keys grid', () => {
  it('builds Favourites then category tabs: pinned products first, then the department by name', () => {
    const config: QuickKeysConfig = {
      favourites: [id(3), id(1), id(99), id(3)],
      categories: [
        { name: 'Kitchen', department: 'KITCHEN', productIds: [id(4)], color: '#aa3300' },
        { name: 'Produce', category: 'produce' },
      ],
    };
    const products = [
      product(1, { name: 'Zebra mug' }),
      product(2, { name: 'Apple corer' }),
      product(3, { department: 'GROCERY', name: 'Coffee' }),
      product(4, { name: 'Tea kettle' }),
      product(5, { name: 'Old pan', active: false }),
      product(6, { department: 'GROCERY', category: 'produce', name: 'Bananas', soldByWeight: true }),
    ];
    const grid = buildQuickKeyGrid(config, products);
    expect(grid.tabs.map((t) => [t.name, t.keys.map((k) => k.name), t.unavailable])).toEqual([
      ['Favourites', ['Coffee', 'Zebra mug'], 1],
      ['Kitchen', ['Tea kettle', 'Apple corer', 'Zebra mug'], 0],
      ['Produce', ['Bananas'], 0],
    ]);
    expect(grid.tabs[1]!.color).toBe('#aa3300');
    expect(grid.tabs[2]!.keys[0]).toMatchObject({ soldByWeight: true, price: 600, sku: 'SKU-6' });
  });

  it('shortens long names for the key, keeps the full name, and caps a tab at 48 keys', () => {
    const long = product(1, { name: 'Extra large stainless steel stock pot with lid 20 L' });
    const many = Array.from({ length: 60 }, (_, i) => product(i + 10));
    const grid = buildQuickKeyGrid(
      { favourites: [long.id], categories: [{ name: 'All kitchen', department: 'KITCHEN' }] },
      [long, ...many],
    );
    expect(grid.tabs[0]!.keys[0]!.label).toHaveLength(KEY_LABEL_MAX);
    expect(grid.tabs[0]!.keys[0]!.label.endsWith('…')).toBe(true);
    expect(grid.tabs[0]!.keys[0]!.name).toBe(long.name);
    expect(grid.tabs[1]!.keys).toHaveLength(48);
  });

  it('has no tabs without a config, and a store document wins over the chain default', () => {
    expect(buildQuickKeyGrid(undefined, [product(1)])).toEqual({ tabs: [] });
    const doc = (key: string, storeId: string | undefined, favourites: string[], active = true): ConfigDoc =>
      parseDocument('config', {
        id: id(900 + favourites.length + (storeId ? 10 : 0) + (active ? 0 : 20)),
        kind: 'quick_keys',
        key,
        ...(storeId ? { storeId } : {}),
        active,
        updatedAt: T,
        payload: { favourites, categories: [] },
      }) as ConfigDoc;
    const chain = doc('default', undefined, [id(1)]);
    const store = doc('S001', id(7), [id(1), id(2)]);
    const retired = doc('S002', id(8), [id(1), id(2), id(3)], false);
    expect(quickKeysFor([chain, store, retired], id(7))?.favourites).toHaveLength(2);
    expect(quickKeysFor([chain, store, retired], id(8))?.favourites).toHaveLength(1);
    expect(quickKeysFor([store], id(8))).toBeUndefined();
  });

  it('refuses a quick keys document HQ got wrong, with the field named', () => {
    expect(() =>
      parseDocument('config', {
        id: id(1),
        kind: 'quick_keys',
        key: 'default',
        active: true,
        updatedAt: T,
        payload: { favourites: ['not-a-uuid'], categories: [] },
      }),
    ).toThrow(/favourites/);
    expect(() =>
      parseDocument('config', {
        id: id(1),
        kind: 'quick_keys',
        key: 'default',
        active: true,
        updatedAt: T,
        payload: { favourites: [], categories: [{ name: 'X', color: 'red' }] },
      }),
    ).toThrow(/#RRGGBB|color/);
  });
});
