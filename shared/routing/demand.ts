// What routing needs from an order and the chain, shared by the ship and pickup searches: the
// demand per SKU, which stores may take it, and which SKUs each can fill in full (as a bit mask
// per store: bit i = the order's i-th SKU, in sorted SKU order).
import { DomainError } from '../errors';
import { RoutingError } from './errors';
import { haversineMeters } from './geo';
import type { RoutingNetwork } from './network';
import { compareCandidates, type Candidate } from './rank';
import type { Allocation, GeoPoint, RouteLine, RoutingStore } from './types';

/** Masks are 32-bit integers. */
export const MAX_MASK_SKUS = 30;

export interface Demand {
  skus: string[];
  quantities: number[];
}

export function demandOf(lines: readonly RouteLine[]): Demand {
  if (lines.length === 0)
    throw new DomainError(RoutingError.INVALID_REQUEST, 'An order to route needs at least one line.');
  const bySku = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      throw new DomainError(
        RoutingError.INVALID_REQUEST,
        `Line ${line.lineId} (${line.sku}) has quantity ${line.quantity}; route whole units of 1 or more.`,
      );
    }
    bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + line.quantity);
  }
  const skus = [...bySku.keys()].sort();
  return { skus, quantities: skus.map((sku) => bySku.get(sku) as number) };
}

export function candidateOf(store: RoutingStore, index: number, from: GeoPoint): Candidate {
  return {
    store: index,
    id: store.id,
    distance: haversineMeters(from, store.location),
    capacity: store.capacityRemaining,
    cost: Math.max(0, Math.round(store.shippingCost)),
  };
}

/** The stores that can fill at least one SKU, and for each the SKU indexes it fills in full. */
export interface Fills {
  stores: number[];
  /** Parallel to `stores`. */
  lists: number[][];
}

export function fillsOf(
  network: RoutingNetwork,
  demand: Demand,
  method: 'pickup' | 'ship',
  excluded: ReadonlySet<string>,
): Fills {
  const flags = method === 'ship' ? network.shipEligible : network.pickupEligible;
  const slot = new Int32Array(network.stores.length).fill(-1);
  const stores: number[] = [];
  const lists: number[][] = [];
  demand.skus.forEach((sku, skuIndex) => {
    const need = demand.quantities[skuIndex] as number;
    for (const entry of network.stockBySku.get(sku) ?? []) {
      if (entry.sellable < need || flags[entry.store] !== 1) continue;
      let at = slot[entry.store] as number;
      if (at < 0) {
        if (excluded.size > 0 && excluded.has((network.stores[entry.store] as RoutingStore).id)) continue;
        at = stores.length;
        slot[entry.store] = at;
        stores.push(entry.store);
        lists.push([]);
      }
      (lists[at] as number[]).push(skuIndex);
    }
  });
  return { stores, lists };
}

export function unfillable(demand: Demand, fills: Fills): string[] {
  const covered = new Uint8Array(demand.skus.length);
  for (const list of fills.lists) for (const sku of list) covered[sku] = 1;
  return demand.skus.filter((_, i) => covered[i] !== 1);
}

/** Lines grouped per store: each SKU goes to the most preferred member of the plan that fills it. */
export function allocate(
  lines: readonly RouteLine[],
  demand: Demand,
  members: readonly Candidate[],
  fills: Fills,
): Allocation[] {
  const ordered = [...members].sort(compareCandidates);
  const listOf = new Map<number, readonly number[]>();
  fills.stores.forEach((store, i) => listOf.set(store, fills.lists[i] as number[]));
  const storeOfSku = new Map<string, Candidate>();
  demand.skus.forEach((sku, skuIndex) => {
    const owner = ordered.find((m) => listOf.get(m.store)?.includes(skuIndex));
    if (owner) storeOfSku.set(sku, owner);
  });
  return ordered
    .map((member) => ({
      storeId: member.id,
      distanceMeters: member.distance,
      lines: lines.filter((line) => storeOfSku.get(line.sku) === member).map((line) => ({ ...line })),
    }))
    .filter((allocation) => allocation.lines.length > 0);
}
