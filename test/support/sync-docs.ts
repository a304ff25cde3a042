// Deterministic, light documents for the sync stress tests and benchmarks: the same seed gives
// byte-identical documents, so a register restarted from scratch re-creates exactly the sales it
// had made before it was killed (as its persisted IndexedDB would hold them).
import { createHash } from 'node:crypto';
import { formatOrderNumber } from '../../shared/ids/order-number';

const FIXED_TIME = '2026-11-27T09:00:00.000Z';
const SYNC_PRICE_BOOK_ID = '0193a000-0000-7000-8000-000000000001';

/** A stable lowercase UUID (version 8 layout, "custom") derived from a seed string. */
function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface SaleSeed {
  storeId: string;
  storeCode: string;
  registerCode: string;
  /** 1-based sequence of the sale on this register. */
  sequence: number;
  sku: string;
  /** Timestamps written into the documents (informational only; tests skew them). */
  at?: string;
}

/** One completed POS sale of one unit, as a register records it. */
export function saleOrder(seed: SaleSeed): Record<string, unknown> {
  const at = seed.at ?? FIXED_TIME;
  const key = `${seed.storeCode}/${seed.registerCode}/${seed.sequence}`;
  return {
    id: stableUuid(`order:${key}`),
    orderNumber: formatOrderNumber({
      storeCode: seed.storeCode,
      registerCode: seed.registerCode,
      sequence: seed.sequence,
    }),
    channel: 'pos',
    status: 'completed',
    storeId: seed.storeId,
    currency: 'USD',
    priceBookId: SYNC_PRICE_BOOK_ID,
    taxJurisdiction: 'US-NY',
    taxMode: 'exclusive',
    taxRounding: 'line',
    taxExempt: false,
    lines: [
      {
        id: stableUuid(`line:${key}`),
        productId: stableUuid(`product:${seed.sku}`),
        sku: seed.sku,
        name: `Item ${seed.sku}`,
        taxCategory: 'standard',
        quantity: 1,
        unitPrice: 299,
        discounts: [],
        taxes: [],
        fulfillment: 'carry_out',
      },
    ],
    orderDiscounts: [],
    fulfillment: { method: 'carry_out' },
    createdAt: at,
    updatedAt: at,
  };
}

/** The stock movement a sale writes (one unit out of the store). */
export function saleMovement(seed: SaleSeed): Record<string, unknown> {
  const at = seed.at ?? FIXED_TIME;
  const orderId = stableUuid(`order:${seed.storeCode}/${seed.registerCode}/${seed.sequence}`);
  return {
    id: stableUuid(`movement:${orderId}`),
    storeId: seed.storeId,
    sku: seed.sku,
    type: 'sale',
    quantity: -1,
    referenceType: 'order',
    referenceId: orderId,
    deviceId: `${seed.storeCode}-${seed.registerCode}`,
    createdAt: at,
    updatedAt: at,
  };
}

/** A goods receipt HQ records so the store has stock to sell. */
export function receiptMovement(storeId: string, sku: string, quantity: number, seed: string): Record<string, unknown> {
  return {
    id: stableUuid(`receipt:${seed}:${storeId}:${sku}`),
    storeId,
    sku,
    type: 'receipt',
    quantity,
    referenceType: 'none',
    referenceId: '',
    deviceId: 'hq',
    createdAt: FIXED_TIME,
    updatedAt: FIXED_TIME,
  };
}

/** `count` sales of one register, SKUs spread over `skuCount` items. */
export function registerSales(
  base: Omit<SaleSeed, 'sequence' | 'sku'>,
  count: number,
  skuCount = 10,
): { orders: Record<string, unknown>[]; movements: Record<string, unknown>[] } {
  const orders: Record<string, unknown>[] = [];
  const movements: Record<string, unknown>[] = [];
  for (let sequence = 1; sequence <= count; sequence++) {
    const seed = { ...base, sequence, sku: `SKU-${sequence % skuCount}` };
    orders.push(saleOrder(seed));
    movements.push(saleMovement(seed));
  }
  return { orders, movements };
}

/** The cash payment of a `saleOrder` (one unit at 2.99, no tax), as the register records it. */
export function salePayment(seed: SaleSeed): Record<string, unknown> {
  const at = seed.at ?? FIXED_TIME;
  const orderId = stableUuid(`order:${seed.storeCode}/${seed.registerCode}/${seed.sequence}`);
  return {
    id: stableUuid(`payment:${orderId}`),
    orderId,
    storeId: seed.storeId,
    deviceId: `${seed.storeCode}-${seed.registerCode}`,
    kind: 'sale',
    method: 'cash',
    status: 'approved',
    amount: 299,
    currency: 'USD',
    createdAt: at,
    updatedAt: at,
  };
}
