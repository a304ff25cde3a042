// The product grid model (categories → products) from HQ's quick keys: a Favourites tab, then one
// tab per configured category. Pure: the register passes the config documents it holds and the
// products it looked up; products that are missing or inactive are left out and counted, so a
// stale favourite shows as "1 key not available" instead of breaking the grid.
import type { ConfigDoc, ConfigOf } from '../schemas/config';

export type QuickKeysConfig = ConfigOf<'quick_keys'>['payload'];

export interface GridProduct {
  id: string;
  name: string;
  sku: string;
  department: string;
  category?: string | undefined;
  price: number;
  soldByWeight: boolean;
  active: boolean;
}

export interface QuickKey {
  productId: string;
  /** The name as the key shows it (shortened to KEY_LABEL_MAX characters). */
  label: string;
  name: string;
  sku: string;
  price: number;
  soldByWeight: boolean;
}

export interface QuickKeyTab {
  id: string;
  name: string;
  color: string | undefined;
  keys: QuickKey[];
  /** Configured products that are not in the catalog or no longer sold. */
  unavailable: number;
}

export interface QuickKeyGrid {
  tabs: QuickKeyTab[];
}

export const KEY_LABEL_MAX = 28;
export const KEYS_PER_TAB = 48;

/** The quick keys for a store: its own active document wins over the chain's 'default'. */
export function quickKeysFor(configs: readonly ConfigDoc[], storeId: string): QuickKeysConfig | undefined {
  const docs = configs.filter((c): c is ConfigOf<'quick_keys'> => c.kind === 'quick_keys' && c.active);
  return (docs.find((c) => c.storeId === storeId) ?? docs.find((c) => c.storeId === undefined && c.key === 'default'))
    ?.payload;
}

function label(name: string): string {
  return name.length <= KEY_LABEL_MAX ? name : `${name.slice(0, KEY_LABEL_MAX - 1).trimEnd()}…`;
}

function key(p: GridProduct): QuickKey {
  return {
    productId: p.id,
    label: label(p.name),
    name: p.name,
    sku: p.sku,
    price: p.price,
    soldByWeight: p.soldByWeight,
  };
}

/**
 * Builds the tabs. `products` holds at least every product the config names and, for a category
 * tab, the products of its department/category (the caller's index lookup); extras are ignored.
 */
export function buildQuickKeyGrid(config: QuickKeysConfig | undefined, products: Iterable<GridProduct>): QuickKeyGrid {
  if (!config) return { tabs: [] };
  const all = [...products];
  const byId = new Map(all.map((p) => [p.id, p]));
  const pinned = (ids: readonly string[]): { keys: QuickKey[]; unavailable: number } => {
    const keys: QuickKey[] = [];
    let unavailable = 0;
    for (const id of new Set(ids)) {
      const p = byId.get(id);
      if (p?.active) keys.push(key(p));
      else unavailable += 1;
    }
    return { keys, unavailable };
  };
  const tabs: QuickKeyTab[] = [];
  if (config.favourites.length > 0) {
    const fav = pinned(config.favourites);
    tabs.push({
      id: 'favourites',
      name: 'Favourites',
      color: undefined,
      keys: fav.keys.slice(0, KEYS_PER_TAB),
      unavailable: fav.unavailable,
    });
  }
  config.categories.forEach((c, i) => {
    const first = pinned(c.productIds ?? []);
    const seen = new Set(first.keys.map((k) => k.productId));
    const matching =
      c.department === undefined && c.category === undefined
        ? []
        : all
            .filter(
              (p) =>
                p.active &&
                !seen.has(p.id) &&
                (c.department === undefined || p.department === c.department) &&
                (c.category === undefined || p.category === c.category),
            )
            .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
            .map(key);
    tabs.push({
      id: `category-${i}`,
      name: c.name,
      color: c.color,
      keys: [...first.keys, ...matching].slice(0, KEYS_PER_TAB),
      unavailable: first.unavailable,
    });
  });
  return { tabs };
}
