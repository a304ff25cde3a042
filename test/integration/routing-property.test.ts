// The router against a brute force that tries every set of stores, on small chains (≤ 6 stores,
// ≤ 5 lines): the number of stores is always the minimum, and among minimal plans the documented
// tie-break (total distance, then capacity left, then cost, then sorted store ids) picks the same
// stores. Locations, capacities and costs come from tiny sets so ties really happen.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildNetwork,
  PlanKind,
  routeOrder,
  type RouteLine,
  type RoutingStore,
  type StockRow,
} from '../../shared/routing';
import { bruteForceRoute } from '../support/routing-brute-force';

const SKUS = ['A', 'B', 'C', 'D'];
const PLACES = [
  { lat: 40.7, lon: -74.0 },
  { lat: 40.8, lon: -73.9 },
  { lat: 41.0, lon: -74.2 },
];

const instance = fc.record({
  stores: fc.array(
    fc.record({
      place: fc.nat({ max: PLACES.length - 1 }),
      acceptsShip: fc.constantFrom(true, true, true, false),
      capacityRemaining: fc.constantFrom(0, 1, 2, 2),
      shippingCost: fc.constantFrom(500, 750),
      safetyStock: fc.constantFrom(0, 0, 1),
      online: fc.constantFrom(true, true, true, false),
      stock: fc.array(fc.nat({ max: 3 }), { minLength: SKUS.length, maxLength: SKUS.length }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  lines: fc.array(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 2 }) }), {
    minLength: 1,
    maxLength: 5,
  }),
  destination: fc.nat({ max: PLACES.length - 1 }),
  idOrder: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
});

type Instance = typeof instance extends fc.Arbitrary<infer T> ? T : never;

function materialise(input: Instance): { stores: RoutingStore[]; stock: StockRow[]; lines: RouteLine[] } {
  // Ids in a random order relative to everything else, so the id tie-break is exercised.
  const ids = input.stores.map((_, i) => `store-${String.fromCharCode(97 + ((i + (input.idOrder[i] ?? 0)) % 26))}${i}`);
  const stores = input.stores.map((s, i) => ({
    id: ids[i] as string,
    location: PLACES[s.place] as { lat: number; lon: number },
    acceptsPickup: true,
    acceptsShip: s.acceptsShip,
    capacityRemaining: s.capacityRemaining,
    shippingCost: s.shippingCost,
    safetyStock: s.safetyStock,
    online: s.online,
  }));
  const stock = input.stores.flatMap((s, i) =>
    SKUS.map((sku, k) => ({ storeId: ids[i] as string, sku, available: s.stock[k] ?? 0 })),
  );
  const lines = input.lines.map((l, i) => ({ lineId: `line-${i}`, sku: l.sku, quantity: l.quantity }));
  return { stores, stock, lines };
}

describe('ship routing vs brute force', () => {
  it('uses the fewest stores and breaks ties as documented', () => {
    fc.assert(
      fc.property(instance, (input) => {
        const { stores, stock, lines } = materialise(input);
        const from = PLACES[input.destination] as { lat: number; lon: number };
        const plan = routeOrder(buildNetwork(stores, stock), { lines, destination: { kind: 'ship', location: from } });
        const expected = bruteForceRoute(stores, stock, lines, from);
        if (!expected) {
          expect(plan.kind).toBe(PlanKind.UNROUTABLE);
          return;
        }
        expect(plan.kind).toBe(PlanKind.ROUTED);
        if (plan.kind !== PlanKind.ROUTED) return;
        expect(plan.search).toBe('exact');
        expect(plan.splits).toBe(expected.ids.length - 1);
        expect(plan.allocations.map((a) => a.storeId).sort()).toEqual(expected.ids);
        // Every line exactly once, at a store that has it after safety stock.
        expect(plan.allocations.flatMap((a) => a.lines.map((l) => l.lineId)).sort()).toEqual(
          lines.map((l) => l.lineId).sort(),
        );
      }),
      { numRuns: 1500, seed: 20261202 },
    );
  });

  it('the greedy fallback still covers every line when the exact search is cut off', () => {
    fc.assert(
      fc.property(instance, (input) => {
        const { stores, stock, lines } = materialise(input);
        const from = PLACES[input.destination] as { lat: number; lon: number };
        const network = buildNetwork(stores, stock);
        const exact = routeOrder(network, { lines, destination: { kind: 'ship', location: from } });
        const greedy = routeOrder(
          network,
          { lines, destination: { kind: 'ship', location: from } },
          { maxCombinations: 1 },
        );
        expect(greedy.kind).toBe(exact.kind);
        if (greedy.kind !== PlanKind.ROUTED || exact.kind !== PlanKind.ROUTED) return;
        expect(greedy.splits).toBeGreaterThanOrEqual(exact.splits);
        expect(greedy.allocations.flatMap((a) => a.lines.map((l) => l.lineId)).sort()).toEqual(
          lines.map((l) => l.lineId).sort(),
        );
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('gives the same plan whatever order the stores and stock are listed in', () => {
    fc.assert(
      fc.property(instance, fc.integer(), (input, salt) => {
        const { stores, stock, lines } = materialise(input);
        const from = PLACES[input.destination] as { lat: number; lon: number };
        const shuffled = [...stores].sort(
          (a, b) => ((a.id.charCodeAt(6) * salt) % 7) - ((b.id.charCodeAt(6) * salt) % 7),
        );
        const a = routeOrder(buildNetwork(stores, stock), { lines, destination: { kind: 'ship', location: from } });
        const b = routeOrder(buildNetwork(shuffled, [...stock].reverse()), {
          lines: [...lines].reverse(),
          destination: { kind: 'ship', location: from },
        });
        const norm = (p: typeof a) =>
          p.kind === PlanKind.ROUTED
            ? p.allocations.map((x) => [x.storeId, x.lines.map((l) => l.lineId).sort()])
            : p.kind;
        expect(norm(b)).toEqual(norm(a));
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
