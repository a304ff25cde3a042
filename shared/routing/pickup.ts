// Pickup: the customer's chosen store takes the whole order when it can; otherwise the plan
// offers the nearest pickup stores that can fill all of it (nearest to the customer when their
// location is known, else to the chosen store), ties by store id.
import { haversineMeters } from './geo';
import type { RoutingNetwork } from './network';
import { fillsOf, type Demand } from './demand';
import { PlanKind, UnroutableReason, type RouteLine, type RoutePlan, type RoutingOptions } from './types';

const DEFAULT_ALTERNATIVES = 5;

export function routePickup(
  network: RoutingNetwork,
  lines: readonly RouteLine[],
  demand: Demand,
  destination: { storeId: string; location?: { lat: number; lon: number } | undefined },
  excluded: ReadonlySet<string>,
  options: RoutingOptions,
): RoutePlan {
  const index = network.indexById.get(destination.storeId);
  const requested = index === undefined ? undefined : network.stores[index];
  const fills = fillsOf(network, demand, 'pickup', excluded);
  const complete = new Set(fills.stores.filter((_, i) => fills.lists[i]?.length === demand.skus.length));
  const fillsAll = (storeIndex: number) => complete.has(storeIndex);
  if (requested && index !== undefined && fillsAll(index)) {
    return {
      kind: PlanKind.ROUTED,
      method: 'pickup',
      allocations: [
        {
          storeId: requested.id,
          distanceMeters: destination.location ? haversineMeters(destination.location, requested.location) : 0,
          lines: lines.map((l) => ({ ...l })),
        },
      ],
      splits: 0,
      totalDistanceMeters: 0,
      search: 'pickup',
      combinationsExamined: 1,
    };
  }
  const reason = !requested
    ? 'unknown_store'
    : excluded.has(requested.id)
      ? 'excluded'
      : !requested.acceptsPickup
        ? 'not_accepting_pickup'
        : !requested.online
          ? 'offline'
          : requested.capacityRemaining <= 0
            ? 'over_capacity'
            : 'cannot_fill';
  const origin = destination.location ?? requested?.location;
  const alternatives = [...complete]
    .filter((storeIndex) => storeIndex !== index && fillsAll(storeIndex))
    .map((storeIndex) => {
      const store = network.stores[storeIndex];
      return {
        storeId: store?.id ?? '',
        distanceMeters: origin && store ? haversineMeters(origin, store.location) : 0,
      };
    })
    .sort((a, b) => a.distanceMeters - b.distanceMeters || (a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : 0))
    .slice(0, options.pickupAlternatives ?? DEFAULT_ALTERNATIVES);
  if (alternatives.length === 0) {
    return {
      kind: PlanKind.UNROUTABLE,
      reason: UnroutableReason.PICKUP_STORE_UNAVAILABLE,
      unfillableSkus: [],
      message: `The chosen pickup store cannot take this order (${reason.replace(/_/g, ' ')}) and no other pickup store has all of it.`,
    };
  }
  return { kind: PlanKind.PICKUP_ALTERNATIVES, requestedStoreId: destination.storeId, reason, alternatives };
}
