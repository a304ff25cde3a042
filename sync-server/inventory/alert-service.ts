// Reorder points and stock alerts of one store, shared by the register/automation API
// (alert-routes.ts) and the HQ console (hq-inventory-routes.ts). Reorder points live with the other
// server-side inventory documents (receiving-store.ts) as `reorder:<storeId>:<sku>`, found by
// `reorder:<storeId>`.
import { type ReorderPoint, type StockAlert, stockAlerts } from '../../shared/inventory/alerts';
import { levelKey, type StockLevel } from '../../shared/inventory/ledger';
import type { Storage } from '../storage/storage';
import { INVENTORY_DOCUMENTS, putInventoryDocuments } from './receiving-store';
import type { StoreInfo } from './store-directory';

/** Most reorder points one store may hold (a store's assortment). */
const MAX_POINTS_PER_STORE = 200_000;
const PAGE = 2_000;

export interface StoreAlerts {
  storeId: string;
  storeCode: string;
  alerts: StockAlert[];
}

function toLevel(data: Record<string, unknown>): StockLevel {
  return {
    storeId: String(data.storeId),
    sku: String(data.sku),
    onHand: Number(data.onHand),
    reserved: Number(data.reserved),
    available: Number(data.available),
  };
}

export async function reorderPointsOf(storage: Storage, storeId: string): Promise<ReorderPoint[]> {
  const docs = await storage.findByLookup(INVENTORY_DOCUMENTS, `reorder:${storeId}`, MAX_POINTS_PER_STORE);
  return docs.map((d) => d.data as unknown as ReorderPoint);
}

// Every level of the store, paged in server order: a store's levels are its assortment (2,865
// rows for a demo store), and the scope index finds them without touching other stores'.
async function levelsOf(storage: Storage, storeId: string): Promise<StockLevel[]> {
  const out: StockLevel[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await storage.pull({ collection: 'inventory_levels', afterSeq, limit: PAGE, storeId });
    for (const d of page) if (!d.deleted && d.data.storeId === storeId) out.push(toLevel(d.data));
    if (page.length < PAGE) return out;
    afterSeq = page[page.length - 1]!.seq;
  }
}

export async function alertsOf(storage: Storage, store: StoreInfo): Promise<StoreAlerts> {
  const [levels, points] = await Promise.all([levelsOf(storage, store.id), reorderPointsOf(storage, store.id)]);
  // Units already on their way to the store count against a reorder suggestion.
  const transitKeys = points.map((p) => levelKey(store.transitId, p.sku));
  const transit = await storage.getDocuments('inventory_levels', transitKeys);
  const inTransit = new Map<string, number>();
  for (const d of transit.values()) if (!d.deleted) inTransit.set(String(d.data.sku), Number(d.data.onHand));
  return { storeId: store.id, storeCode: store.code, alerts: stockAlerts(levels, points, inTransit) };
}

/** Stores reorder points (validated, store ids resolved); a point for the same store and SKU replaces the old one. */
export async function saveReorderPoints(storage: Storage, points: readonly ReorderPoint[]): Promise<void> {
  await putInventoryDocuments(
    storage,
    points.map((p) => ({
      id: `reorder:${p.storeId}:${p.sku}`,
      storeId: p.storeId,
      lookup: `reorder:${p.storeId}`,
      data: { kind: 'reorder_point', ...p },
    })),
  );
}
