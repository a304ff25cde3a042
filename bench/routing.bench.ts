// Routes 10,000 ship orders (1–8 lines) over 500 stores with coordinates and stock (target: ≤ 1 s
// in total), and compares the split count with a brute force on 2,000 small instances.
import {
  buildNetwork,
  PlanKind,
  routeOrder,
  type RouteLine,
  type RoutingStore,
  type StockRow,
} from '../shared/routing';
import { bruteForceRoute } from '../test/support/routing-brute-force';
import { createPrng } from '../sync-server/seed/prng';
import { loadavg } from 'node:os';
import { writeResult } from './harness';

const prng = createPrng(20_261_202);
const rand = () => prng.next();
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

const STORES = 500;
const SKUS = 2_000;
const ORDERS = 10_000;

const stores: RoutingStore[] = Array.from({ length: STORES }, (_, i) => ({
  id: `store-${String(i).padStart(4, '0')}`,
  location: { lat: 25 + rand() * 23, lon: -123 + rand() * 55 },
  acceptsPickup: rand() < 0.9,
  acceptsShip: rand() < 0.8,
  capacityRemaining: int(0, 200),
  shippingCost: 500 + int(0, 4) * 125,
  safetyStock: int(0, 1),
  online: rand() < 0.97,
}));
const stock: StockRow[] = [];
for (const store of stores) {
  for (let s = 0; s < SKUS; s++)
    if (rand() < 0.3) stock.push({ storeId: store.id, sku: `SKU-${s}`, available: int(0, 6) });
}
const orders = Array.from({ length: ORDERS }, () => {
  const lines: RouteLine[] = Array.from({ length: int(1, 8) }, (_, i) => ({
    lineId: `l${i}`,
    sku: `SKU-${int(0, SKUS - 1)}`,
    quantity: int(1, 2),
  }));
  return {
    lines,
    destination: { kind: 'ship' as const, location: { lat: 25 + rand() * 23, lon: -123 + rand() * 55 } },
  };
});

const buildStart = performance.now();
const network = buildNetwork(stores, stock);
const buildMs = performance.now() - buildStart;
const splits = new Map<number, number>();
let unroutable = 0;
let greedy = 0;
const start = performance.now();
const cpuStart = process.cpuUsage();
for (const order of orders) {
  const plan = routeOrder(network, order);
  if (plan.kind === PlanKind.ROUTED) {
    splits.set(plan.splits, (splits.get(plan.splits) ?? 0) + 1);
    if (plan.search === 'greedy') greedy++;
  } else unroutable++;
}
const routeMs = performance.now() - start;
// CPU time of this process: with several processes sharing two cores, wall time mostly measures
// the wait for a core.
const cpu = process.cpuUsage(cpuStart);
const routeCpuMs = (cpu.user + cpu.system) / 1000;

// Small instances: 6 stores, 5 lines, split count against the brute force.
let compared = 0;
let equal = 0;
for (let n = 0; n < 2_000; n++) {
  const small = stores.slice(0, 0).concat(
    Array.from({ length: 6 }, (_, i) => ({
      ...stores[int(0, STORES - 1)]!,
      id: `s${i}`,
      acceptsShip: true,
      online: true,
      capacityRemaining: 5,
    })),
  );
  const smallStock: StockRow[] = small.flatMap((s) =>
    ['A', 'B', 'C', 'D', 'E'].map((sku) => ({ storeId: s.id, sku, available: rand() < 0.5 ? int(1, 3) : 0 })),
  );
  const lines = ['A', 'B', 'C', 'D', 'E'].slice(0, int(1, 5)).map((sku, i) => ({ lineId: `l${i}`, sku, quantity: 1 }));
  const from = { lat: 25 + rand() * 23, lon: -123 + rand() * 55 };
  const plan = routeOrder(buildNetwork(small, smallStock), { lines, destination: { kind: 'ship', location: from } });
  const brute = bruteForceRoute(small, smallStock, lines, from);
  if (!brute || plan.kind !== PlanKind.ROUTED) continue;
  compared++;
  if (plan.splits === brute.ids.length - 1) equal++;
}

const figures = {
  orders: ORDERS,
  stores: STORES,
  skus: SKUS,
  stockRows: stock.length,
  networkBuildMs: Math.round(buildMs),
  routeTotalMs: Math.round(routeMs),
  routeCpuMs: Math.round(routeCpuMs),
  loadAverage1m: loadavg()[0],
  perOrderMicros: Math.round((routeMs * 1000) / ORDERS),
  splitHistogram: Object.fromEntries([...splits].sort((a, b) => a[0] - b[0])),
  unroutable,
  greedyFallbacks: greedy,
  smallInstancesCompared: compared,
  smallInstancesSplitCountEqual: equal,
};
console.log(figures);
console.log(`result: ${writeResult('routing', figures)}`);
