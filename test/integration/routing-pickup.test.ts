// Pickup routing and the store filters (offline, over capacity, excluded, safety stock) on a
// hand-made chain whose answers can be read off a map.
import { describe, expect, it } from 'vitest';
import {
  planRoute,
  PlanKind,
  RoutingError,
  UnroutableReason,
  type RoutingStore,
  type StockRow,
} from '../../shared/routing';
import { codeOf } from '../support/error-code';

const at = (lat: number, lon: number) => ({ lat, lon });
const store = (id: string, lat: number, over: Partial<RoutingStore> = {}): RoutingStore => ({
  id,
  location: at(lat, 0),
  acceptsPickup: true,
  acceptsShip: true,
  capacityRemaining: 10,
  shippingCost: 0,
  safetyStock: 0,
  online: true,
  ...over,
});
const stores = [store('a', 0), store('b', 1), store('c', 2), store('d', 3, { acceptsPickup: false })];
const stock: StockRow[] = ['a', 'b', 'c', 'd'].flatMap((storeId) => [
  { storeId, sku: 'MUG', available: 2 },
  { storeId, sku: 'TEE', available: storeId === 'a' ? 0 : 3 },
]);
const lines = [
  { lineId: 'l1', sku: 'MUG', quantity: 1 },
  { lineId: 'l2', sku: 'TEE', quantity: 2 },
];

describe('pickup routing', () => {
  it('routes to the chosen store when it can fill the whole order', () => {
    const plan = planRoute(stores, stock, { lines, destination: { kind: 'pickup', storeId: 'c' } });
    expect(plan).toMatchObject({ kind: PlanKind.ROUTED, method: 'pickup', splits: 0, allocations: [{ storeId: 'c' }] });
  });

  it('offers the nearest stores that can fill it when the chosen one cannot', () => {
    const plan = planRoute(stores, stock, { lines, destination: { kind: 'pickup', storeId: 'a' } });
    expect(plan).toMatchObject({ kind: PlanKind.PICKUP_ALTERNATIVES, reason: 'cannot_fill' });
    if (plan.kind !== PlanKind.PICKUP_ALTERNATIVES) return;
    // d has stock but takes no pickups.
    expect(plan.alternatives.map((a) => a.storeId)).toEqual(['b', 'c']);
  });

  it('says why the chosen store is skipped: no pickups, offline, full, excluded', () => {
    const reasonFor = (chain: RoutingStore[], storeId: string, exclude: string[] = []) => {
      const plan = planRoute(chain, stock, {
        lines,
        destination: { kind: 'pickup', storeId },
        excludeStoreIds: exclude,
      });
      return plan.kind === PlanKind.PICKUP_ALTERNATIVES ? plan.reason : plan.kind;
    };
    expect(reasonFor(stores, 'd')).toBe('not_accepting_pickup');
    expect(reasonFor([...stores.slice(0, 1), store('b', 1, { online: false }), ...stores.slice(2)], 'b')).toBe(
      'offline',
    );
    expect(reasonFor([...stores.slice(0, 1), store('b', 1, { capacityRemaining: 0 }), ...stores.slice(2)], 'b')).toBe(
      'over_capacity',
    );
    expect(reasonFor(stores, 'b', ['b'])).toBe('excluded');
    expect(reasonFor(stores, 'zz')).toBe('unknown_store');
  });

  it('is unroutable with a reason when no pickup store has everything', () => {
    const plan = planRoute(stores, stock, {
      lines: [{ lineId: 'l1', sku: 'TEE', quantity: 4 }],
      destination: { kind: 'pickup', storeId: 'b' },
    });
    expect(plan).toMatchObject({ kind: PlanKind.UNROUTABLE, reason: UnroutableReason.PICKUP_STORE_UNAVAILABLE });
  });
});

describe('ship routing filters', () => {
  it('keeps safety stock back and names the SKU nobody can fill', () => {
    const guarded = stores.map((s) => ({ ...s, safetyStock: 1 }));
    const plan = planRoute(guarded, stock, {
      lines: [
        { lineId: 'l1', sku: 'MUG', quantity: 2 },
        { lineId: 'l2', sku: 'GHOST', quantity: 1 },
      ],
      destination: { kind: 'ship', location: at(0, 0) },
    });
    expect(plan).toMatchObject({ kind: PlanKind.UNROUTABLE, reason: UnroutableReason.NO_STOCK });
    if (plan.kind === PlanKind.UNROUTABLE) expect(plan.unfillableSkus).toEqual(['GHOST', 'MUG']);
  });

  it('skips offline, full and excluded stores and picks the nearest remaining one', () => {
    const chain = [
      store('a', 0, { online: false }),
      store('b', 1, { capacityRemaining: 0 }),
      store('c', 2),
      store('d', 3),
    ];
    const plan = planRoute(chain, stock, {
      lines,
      destination: { kind: 'ship', location: at(0, 0) },
      excludeStoreIds: ['c'],
    });
    expect(plan).toMatchObject({ kind: PlanKind.ROUTED, splits: 0, allocations: [{ storeId: 'd' }] });
  });

  it('splits only when no single store has everything, nearest stores first', () => {
    const split: StockRow[] = [
      { storeId: 'a', sku: 'MUG', available: 1 },
      { storeId: 'c', sku: 'TEE', available: 5 },
      { storeId: 'd', sku: 'TEE', available: 5 },
    ];
    const plan = planRoute(stores, split, { lines, destination: { kind: 'ship', location: at(0, 0) } });
    expect(plan).toMatchObject({ kind: PlanKind.ROUTED, splits: 1 });
    if (plan.kind === PlanKind.ROUTED)
      expect(plan.allocations.map((a) => [a.storeId, a.lines.map((l) => l.lineId)])).toEqual([
        ['a', ['l1']],
        ['c', ['l2']],
      ]);
  });

  it('refuses a line of zero units with a coded error', () => {
    expect(
      codeOf(() =>
        planRoute(stores, stock, {
          lines: [{ lineId: 'l1', sku: 'MUG', quantity: 0 }],
          destination: { kind: 'ship', location: at(0, 0) },
        }),
      ),
    ).toBe(RoutingError.INVALID_REQUEST);
  });
});
