export * from './types';
export { RoutingError } from './errors';
export { haversineMeters } from './geo';
export { buildNetwork, type RoutingNetwork } from './network';
export { routeOrder, DEFAULT_EXACT_SKU_LIMIT, DEFAULT_MAX_COMBINATIONS } from './route';

import { buildNetwork } from './network';
import { routeOrder } from './route';
import type { RoutePlan, RouteRequest, RoutingOptions, RoutingStore, StockRow } from './types';

/** One order against one snapshot of the chain: builds the network and routes. */
export function planRoute(
  stores: readonly RoutingStore[],
  stock: Iterable<StockRow>,
  request: RouteRequest,
  options?: RoutingOptions,
): RoutePlan {
  return routeOrder(buildNetwork(stores, stock), request, options);
}
