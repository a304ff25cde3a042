// routeOrder: the pure, deterministic router. Same network + request + options → same plan.
// Lines are never split across stores; lines of the same SKU travel together (their quantities
// add up), so a plan is an assignment of each SKU to one store.
import type { RoutingNetwork } from './network';
import type { Candidate } from './rank';
import { exactCover, greedyCover, type Coverage } from './ship-search';
import {
  PlanKind,
  UnroutableReason,
  type RoutePlan,
  type RouteRequest,
  type RoutingOptions,
  type RoutingStore,
} from './types';
import { routePickup } from './pickup';
import { allocate, candidateOf, demandOf, fillsOf, unfillable } from './demand';

export const DEFAULT_EXACT_SKU_LIMIT = 10;
export const DEFAULT_MAX_COMBINATIONS = 1_000_000;
/** Masks are 32-bit integers and the sweep is n·2^n: past 20 SKUs exact search is not offered. */
const MAX_EXACT_SKU_LIMIT = 20;

export function routeOrder(network: RoutingNetwork, request: RouteRequest, options: RoutingOptions = {}): RoutePlan {
  const demand = demandOf(request.lines);
  const excluded = new Set(request.excludeStoreIds ?? []);
  if (request.destination.kind === 'pickup')
    return routePickup(network, request.lines, demand, request.destination, excluded, options);
  const origin = request.destination.location;
  const fills = fillsOf(network, demand, 'ship', excluded);
  const missing = unfillable(demand, fills);
  if (missing.length > 0) {
    return {
      kind: PlanKind.UNROUTABLE,
      reason: UnroutableReason.NO_STOCK,
      unfillableSkus: missing,
      message: `No store that ships can fill ${missing.join(', ')} in the quantity ordered.`,
    };
  }
  const candidates: Candidate[] = fills.stores.map((index) =>
    candidateOf(network.stores[index] as RoutingStore, index, origin),
  );
  const coverage: Coverage = { candidates, fills: fills.lists, skuCount: demand.skus.length };
  const exactLimit = Math.min(options.exactSkuLimit ?? DEFAULT_EXACT_SKU_LIMIT, MAX_EXACT_SKU_LIMIT);
  const exact =
    demand.skus.length <= exactLimit
      ? exactCover(coverage, options.maxCombinations ?? DEFAULT_MAX_COMBINATIONS)
      : 'too_many';
  const cover = exact === 'too_many' ? greedyCover(coverage) : exact;
  if (!cover) {
    return {
      kind: PlanKind.UNROUTABLE,
      reason: UnroutableReason.NO_STOCK,
      unfillableSkus: [],
      message: 'No combination of stores can fill this order.',
    };
  }
  const allocations = allocate(request.lines, demand, cover.members, fills);
  return {
    kind: PlanKind.ROUTED,
    method: 'ship',
    allocations,
    splits: allocations.length - 1,
    totalDistanceMeters: allocations.reduce((sum, a) => sum + a.distanceMeters, 0),
    search: cover.search,
    combinationsExamined: cover.combinationsExamined,
  };
}
