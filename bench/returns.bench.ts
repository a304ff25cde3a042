// Returns desk with 50,000 orders in the register's replica (RxDB on Dexie, as in the app, over
// fake-indexeddb in Node): (1) receipt scan → returnable lines (order by its number through the
// orderNumber index, its returns and payments through theirs, returnability computed); (2) a
// return completed durably (journal, payments, movements, return document). Targets from issue
// 12: p99 ≤ 50 ms and ≤ 30 ms. Node with an in-memory IndexedDB has no disk flush; Chromium's
// strict-durability commits add theirs (STACK-NOTES: sale durable p99 55.6 ms for four writes).
// Besides wall-clock time, each operation's CPU time (process.cpuUsage, user + system) is recorded:
// the operations run one at a time, so on a machine loaded by other work the CPU figure is the
// code's own cost and the wall figure adds the time spent waiting for a core.
import { loadavg } from 'node:os';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { formatOrderNumber } from '../shared/ids/order-number';
import type { Order, Payment } from '../shared/schemas';
import { createPosDatabase, posStorage } from '../renderer/src/local-data/create-database';
import { createReturnsService } from '../renderer/src/local-data/returns-service';
import { SimulatedGateway } from '../shared/payments/simulator';
import { deskPlan } from '../renderer/src/returns/refund-plan';
import { percentiles, writeResult } from './harness';

const ORDERS = Number(process.env.RETURNS_BENCH_ORDERS ?? 50_000);
const SAMPLES = 300;
const STORE = '0193a000-0000-7000-8000-0000000000aa';
const AT = '2026-12-01T10:00:00.000Z';
let n = 0;
const id = (): string => `0193a000-0000-7000-8000-${(++n).toString(16).padStart(12, '0')}`;

class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
}

function sale(seq: number): { order: Order; payment: Payment } {
  const orderId = id();
  const line = (sku: string, unit: number, qty: number) => {
    const taxable = unit * qty;
    return {
      id: id(),
      productId: id(),
      sku,
      name: sku,
      taxCategory: 'GENERAL',
      quantity: qty,
      unitPrice: unit,
      discounts: [],
      taxes: [
        {
          jurisdiction: 'US-NY-NYC',
          name: 'NY State',
          ratePpm: 40_000,
          taxableAmount: taxable,
          amount: Math.round(taxable * 0.04),
        },
      ],
      fulfillment: 'carry_out' as const,
    };
  };
  const lines = [line(`SKU-${seq % 3000}`, 1999, 2), line(`SKU-${(seq * 7) % 3000}`, 499, 1)];
  const subtotal = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const tax = lines.reduce((s, l) => s + l.taxes[0]!.amount, 0);
  const order: Order = {
    id: orderId,
    orderNumber: formatOrderNumber({ storeCode: 'S001', registerCode: 'R01', sequence: seq }),
    channel: 'pos',
    status: 'completed',
    storeId: STORE,
    currency: 'USD',
    priceBookId: STORE,
    taxJurisdiction: 'US-NY-NYC',
    taxMode: 'exclusive',
    taxRounding: 'line',
    taxExempt: false,
    lines,
    orderDiscounts: [],
    totals: { subtotal, discountTotal: 0, taxTotal: tax, total: subtotal + tax },
    fulfillment: { method: 'carry_out' },
    createdAt: AT,
    completedAt: AT,
    updatedAt: AT,
  };
  const payment: Payment = {
    id: id(),
    orderId,
    storeId: STORE,
    deviceId: 'bench',
    kind: 'sale',
    method: 'cash',
    status: 'approved',
    amount: subtotal + tax,
    currency: 'USD',
    createdAt: AT,
    updatedAt: AT,
  };
  return { order, payment };
}

const db = await createPosDatabase({
  name: `bench-returns-${Date.now()}`,
  storage: posStorage({ indexedDB: new IDBFactory(), IDBKeyRange }),
  only: ['orders', 'payments', 'returns', 'inventory_movements', 'order_events', 'config'],
});
await db.config.insert({
  id: id(),
  kind: 'policy',
  key: 'default',
  active: true,
  updatedAt: AT,
  payload: {
    currency: 'USD',
    returns: {
      windowDays: 30,
      receiptlessCap: 5000,
      receiptlessNeedsApproval: true,
      cashRefundApprovalOver: 1_000_000,
    },
    approvals: {
      discountPpmOver: 200_000,
      discountAmountOver: 2000,
      priceOverride: true,
      voidSale: true,
      paidOutOver: 5000,
    },
    offlineCard: { enabled: true, perTransactionCap: 15000, perRegisterCap: 100_000_000, expiryHours: 72 },
    pinLockout: { maxFailures: 5, windowSeconds: 300, lockSeconds: 300 },
  },
} as never);
const loadStarted = performance.now();
for (let start = 1; start <= ORDERS; start += 5000) {
  const batch = Array.from({ length: Math.min(5000, ORDERS - start + 1) }, (_, i) => sale(start + i));
  await db.orders.bulkInsert(batch.map((b) => b.order));
  await db.payments.bulkInsert(batch.map((b) => b.payment));
}
const loadMs = performance.now() - loadStarted;
console.log(`loaded ${ORDERS} orders + payments in ${(loadMs / 1000).toFixed(1)} s`);

const port = createReturnsService({
  db: () => db as never,
  identity: () => ({ serverUrl: 'http://127.0.0.1:9', deviceId: 'bench-device', credential: 'x', storeId: STORE }),
  registerId: () => STORE,
  codes: () => ({ storeCode: 'S012', registerCode: 'R03' }),
  gateway: new SimulatedGateway({ newId: id }),
  sync: () => ({ online: false, waiting: 0, lastSyncAt: undefined }),
  newId: id,
  storage: new MemoryStorage(),
  now: () => new Date(AT),
});

const lookups: number[] = [];
const completes: number[] = [];
const lookupCpu: number[] = [];
const completeCpu: number[] = [];
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
for (let i = 0; i < SAMPLES; i++) {
  const seq = 1 + Math.floor((i * 7919) % ORDERS);
  const number = formatOrderNumber({ storeCode: 'S001', registerCode: 'R01', sequence: seq });
  let t = performance.now();
  let cpu = process.cpuUsage();
  const found = await port.findByNumber(number);
  lookups.push(performance.now() - t);
  lookupCpu.push(cpuMs(cpu));
  if (found.view.lines[0]!.returnable === 0) continue;
  const lines = [
    {
      lineId: found.view.lines[0]!.lineId,
      quantity: 1,
      reason: 'changed_mind' as const,
      condition: 'sellable' as const,
      disposition: 'back_to_stock' as const,
    },
  ];
  t = performance.now();
  cpu = process.cpuUsage();
  // What the desk does on F12: plan under the policy, then refund and write durably.
  const { plan } = deskPlan(found, lines, (await port.settings()).policy, 'manager', [], AT);
  await port.complete({
    found,
    lines,
    allocations: plan.allocations,
    approvals: [],
    staffId: STORE,
    actorRole: 'manager',
    shiftId: undefined,
  });
  completes.push(performance.now() - t);
  completeCpu.push(cpuMs(cpu));
}
const figures = {
  orders: ORDERS,
  loadSeconds: Math.round(loadMs / 100) / 10,
  scanToReturnableMs: percentiles(lookups),
  completeReturnMs: percentiles(completes),
  scanToReturnableCpuMs: percentiles(lookupCpu),
  completeReturnCpuMs: percentiles(completeCpu),
  loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
  storage: 'RxDB 17 + Dexie on fake-indexeddb (Node)',
};
console.log(JSON.stringify(figures, null, 2));
console.log(`wrote ${writeResult('returns', figures)}`);
await db.close();
