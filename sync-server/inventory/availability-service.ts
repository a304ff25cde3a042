// Answers "how many of these SKUs does each of these stores have, and how far away is it" from
// the projected levels: one keyed read for the stores' levels and their transit locations,
// whatever the size of the question (≤ 100 SKUs × 100 stores).
import { DomainError } from '../../shared/errors';
import {
  type AvailabilityAnswer,
  type AvailabilityQuery,
  MAX_AVAILABILITY_STORES,
  type StoreAvailability,
} from '../../shared/inventory/availability';
import { InventoryError } from '../../shared/inventory/errors';
import { distanceKm } from '../../shared/inventory/geo';
import { levelKey } from '../../shared/inventory/ledger';
import type { Storage } from '../storage/storage';
import type { StoreDirectory, StoreInfo } from './store-directory';

function pickStores(
  all: Map<string, StoreInfo>,
  query: AvailabilityQuery,
  from: StoreInfo | undefined,
): { store: StoreInfo; km: number | null }[] {
  let chosen: StoreInfo[];
  if (query.storeIds) {
    const unknown = query.storeIds.find((id) => !all.has(id));
    if (unknown)
      throw new DomainError(
        InventoryError.UNKNOWN_STORE,
        `No store with id ${unknown} is configured; ask only about stores in the chain's configuration.`,
        { field: 'storeIds' },
      );
    chosen = query.storeIds.map((id) => all.get(id)!);
  } else {
    chosen = [...all.values()];
  }
  const withKm = chosen.map((store) => ({
    store,
    km: from?.location && store.location ? Math.round(distanceKm(from.location, store.location) * 10) / 10 : null,
  }));
  // Nearest first; stores without coordinates after those with, then by code so the order is stable.
  withKm.sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity) || a.store.code.localeCompare(b.store.code));
  return withKm.slice(0, MAX_AVAILABILITY_STORES);
}

export async function answerAvailability(
  storage: Storage,
  directory: StoreDirectory,
  query: AvailabilityQuery,
  now: Date = new Date(),
): Promise<AvailabilityAnswer> {
  const all = await directory.stores();
  const fromStoreId = query.fromStoreId ?? null;
  if (fromStoreId && !all.has(fromStoreId)) {
    throw new DomainError(
      InventoryError.UNKNOWN_STORE,
      `No store with id ${fromStoreId} is configured; measure distances from a store of the chain.`,
      { field: 'fromStoreId' },
    );
  }
  const stores = pickStores(all, query, fromStoreId ? all.get(fromStoreId) : undefined);
  const ids: string[] = [];
  const transitIds: string[] = [];
  for (const sku of query.skus) {
    for (const { store } of stores) {
      ids.push(levelKey(store.id, sku));
      transitIds.push(levelKey(store.transitId, sku));
    }
  }
  // One keyed read for shelves and transit together: one round trip on PostgreSQL.
  const levels = await storage.getDocuments('inventory_levels', [...ids, ...transitIds]);
  const rows: StoreAvailability[] = [];
  for (const sku of query.skus) {
    for (const { store, km } of stores) {
      const level = levels.get(levelKey(store.id, sku))?.data;
      const inbound = levels.get(levelKey(store.transitId, sku))?.data;
      rows.push({
        storeId: store.id,
        storeCode: store.code,
        storeName: store.name,
        sku,
        onHand: Number(level?.onHand ?? 0),
        reserved: Number(level?.reserved ?? 0),
        available: Number(level?.available ?? 0),
        inTransit: Math.max(0, Number(inbound?.onHand ?? 0)),
        distanceKm: km,
      });
    }
  }
  return { at: now.toISOString(), fromStoreId, rows };
}
