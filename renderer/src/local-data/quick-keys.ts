// The product grid's data: HQ's quick keys for this store (config kind quick_keys, pulled with the
// other settings) turned into tabs by shared/quick-keys, with each key's product as the sell
// screen adds it. Only the products the keys need are read: the favourites and pinned ids by
// primary key, and per category tab the first products of its department (indexed with the name)
// — never the whole catalog.
import type { ConfigDoc, Product } from '../../../shared/schemas';
import { buildQuickKeyGrid, KEYS_PER_TAB, quickKeysFor, type GridProduct } from '../../../shared/quick-keys';
import type { ProductView, QuickKeyPanel } from '../model/backend';
import { toView } from './catalog';
import type { Db } from './types';

function gridProduct(p: Product, view: ProductView): GridProduct {
  return {
    id: p.id,
    name: p.name,
    sku: p.sku,
    department: p.department,
    category: p.category,
    price: view.price,
    soldByWeight: view.soldByWeight,
    active: p.active,
  };
}

export async function loadQuickKeys(
  db: Db,
  configs: readonly ConfigDoc[],
  storeId: string,
  priceBookId: string,
): Promise<QuickKeyPanel> {
  const config = quickKeysFor(configs, storeId);
  if (!config) return { tabs: [], products: {} };
  const found = new Map<string, Product>();
  const pinned = [...config.favourites, ...config.categories.flatMap((c) => c.productIds ?? [])];
  if (pinned.length > 0) {
    const byId = await db.products.findByIds([...new Set(pinned)]).exec();
    for (const doc of byId.values()) found.set(doc.id, doc.toJSON() as Product);
  }
  for (const c of config.categories) {
    if (c.department === undefined && c.category === undefined) continue;
    const selector = {
      active: true,
      ...(c.department !== undefined ? { department: c.department } : {}),
      ...(c.category !== undefined ? { category: c.category } : {}),
    };
    // Sorted by name like the grid, and enough for a full tab after the pinned keys.
    const docs = await db.products
      .find({ selector, sort: [{ searchName: 'asc' }], limit: KEYS_PER_TAB + (c.productIds?.length ?? 0) })
      .exec();
    for (const doc of docs) found.set(doc.id, doc.toJSON() as Product);
  }
  const products: Record<string, ProductView> = {};
  const grid: GridProduct[] = [];
  for (const p of found.values()) {
    const view = toView(p, priceBookId);
    products[p.id] = view;
    grid.push(gridProduct(p, view));
  }
  return { ...buildQuickKeyGrid(config, grid), products };
}
