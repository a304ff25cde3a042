// The router's inputs and its plan. Plain values only, so the server, the HQ preview and the
// tests all call the same pure function with the same data and get the same plan.

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface RoutingStore {
  id: string;
  location: GeoPoint;
  acceptsPickup: boolean;
  acceptsShip: boolean;
  /** Fulfillment orders the store can still take today; 0 or less = skipped. */
  capacityRemaining: number;
  /** What a shipment from this store costs the chain, in minor units (store config `routing.shippingCost`);
   * lower wins a tie on distance and capacity. */
  shippingCost: number;
  /** Units per SKU the store keeps back from orchestration (never offered to web orders). */
  safetyStock: number;
  /** False when the store has not been seen for longer than the configured time; it is skipped. */
  online: boolean;
}

/** Stock a store may sell: on hand − reserved, before safety stock. */
export interface StockRow {
  storeId: string;
  sku: string;
  available: number;
}

export interface RouteLine {
  lineId: string;
  sku: string;
  quantity: number;
}

export type Destination =
  | { kind: 'ship'; location: GeoPoint }
  /** The store the customer chose; `location` (the customer) orders the alternatives when given. */
  | { kind: 'pickup'; storeId: string; location?: GeoPoint };

export interface RouteRequest {
  lines: readonly RouteLine[];
  destination: Destination;
  /** Stores that already rejected or short-picked this order (re-routing). */
  excludeStoreIds?: readonly string[];
}

export interface RoutingOptions {
  /** Largest number of distinct SKUs searched exactly; beyond it the greedy search runs. Default 10. */
  exactSkuLimit?: number;
  /** Most store combinations the exact search examines before it falls back to greedy. Default 1,000,000. */
  maxCombinations?: number;
  /** How many alternative pickup stores to offer. Default 5. */
  pickupAlternatives?: number;
}

export interface Allocation {
  storeId: string;
  /** Whole metres from the destination (the chosen pickup store for pickups). */
  distanceMeters: number;
  lines: RouteLine[];
}

export const PlanKind = {
  ROUTED: 'routed',
  PICKUP_ALTERNATIVES: 'pickup_alternatives',
  UNROUTABLE: 'unroutable',
} as const;

export const UnroutableReason = {
  /** No store (or set of stores) has every SKU in the quantity ordered. */
  NO_STOCK: 'no_stock',
  /** The chosen pickup store is unknown, closed for pickups, offline or full, and no other can fill it. */
  PICKUP_STORE_UNAVAILABLE: 'pickup_store_unavailable',
} as const;
export type UnroutableReason = (typeof UnroutableReason)[keyof typeof UnroutableReason];

export type RoutePlan =
  | {
      kind: typeof PlanKind.ROUTED;
      method: 'pickup' | 'ship';
      allocations: Allocation[];
      /** Stores used − 1. */
      splits: number;
      totalDistanceMeters: number;
      search: 'exact' | 'greedy' | 'pickup';
      combinationsExamined: number;
    }
  | {
      kind: typeof PlanKind.PICKUP_ALTERNATIVES;
      requestedStoreId: string;
      /** Why the chosen store cannot take it. */
      reason: 'not_accepting_pickup' | 'cannot_fill' | 'offline' | 'over_capacity' | 'unknown_store' | 'excluded';
      /** Pickup stores that can fill the whole order, nearest first. */
      alternatives: { storeId: string; distanceMeters: number }[];
    }
  | {
      kind: typeof PlanKind.UNROUTABLE;
      reason: UnroutableReason;
      /** SKUs no eligible store has in the quantity ordered. */
      unfillableSkus: string[];
      message: string;
    };
