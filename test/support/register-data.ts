// Test helpers for the data layer: an in-memory RxDB with the register's twelve collections, a
// store configuration and a sale ready to complete. Used by *.test.ts files only.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { ConfigDoc } from '../../shared/schemas';
import { fixtures, FIXTURE_IDS } from './fixtures/documents';
import { createPosDatabase } from '../../renderer/src/local-data/create-database';
import type { SaleToComplete } from '../../renderer/src/model/backend';
import type { ProductView } from '../../renderer/src/model/backend';
import { computeSaleTotals } from '../../renderer/src/model/totals';
import { emptyCart, useCart } from '../../renderer/src/sale/cart-store';
import type { Tender } from '../../renderer/src/model/tender';
import { buildSaleContext } from '../../renderer/src/local-data/sale-context';
import { toView } from '../../renderer/src/local-data/catalog';
import type { Db } from '../../renderer/src/local-data/types';

export const STORE_ID = FIXTURE_IDS.store;
export const DEVICE_ID = '0b7c5a4e-2f1d-4c3b-9a8e-7d6c5b4a3f2e';
const T = '2026-11-27T09:00:00.000Z';

export const storeConfig: ConfigDoc[] = [
  fixtures.config,
  {
    id: STORE_ID,
    kind: 'store',
    key: 'S012',
    active: true,
    updatedAt: T,
    payload: {
      code: 'S012',
      name: 'Test Store',
      address: { line1: '1 Main St', city: 'New York', country: 'US' },
      location: { lat: 40.7, lng: -74 },
      timezone: 'America/New_York',
      currency: 'USD',
      taxJurisdiction: 'US-NY-NYC',
      priceBookId: FIXTURE_IDS.priceBook,
      capacityPerDay: 10,
      pickupEnabled: true,
      shipFromStore: false,
      openingHours: [],
    },
  },
  {
    id: '01937a00-0000-7000-8000-0000000000f1',
    kind: 'policy',
    key: 'default',
    active: true,
    updatedAt: T,
    payload: {
      currency: 'USD',
      returns: { windowDays: 30, receiptlessCap: 5000, receiptlessNeedsApproval: true, cashRefundApprovalOver: 10000 },
      approvals: {
        discountPpmOver: 200_000,
        discountAmountOver: 2000,
        priceOverride: true,
        voidSale: true,
        paidOutOver: 5000,
      },
      offlineCard: { enabled: true, perTransactionCap: 15000, perRegisterCap: 100000, expiryHours: 72 },
      pinLockout: { maxFailures: 5, windowSeconds: 300, lockSeconds: 300 },
    },
  },
] as ConfigDoc[];

let counter = 0;
export async function memoryDb(): Promise<Db> {
  counter += 1;
  return createPosDatabase({ name: `test-${Date.now()}-${counter}`, storage: getRxStorageMemory() as never });
}

export function testContext() {
  return buildSaleContext(storeConfig, STORE_ID, DEVICE_ID);
}

export const mug: ProductView = toView(fixtures.products, FIXTURE_IDS.priceBook);

/** A two-mug cart paid in cash: the sale as the pay screen hands it to the backend. */
export function cashSale(): SaleToComplete {
  localStorage.removeItem('pos.cart');
  useCart.setState({ cart: emptyCart('USD', false), suspended: [] });
  useCart.getState().addProduct(mug, { quantity: 2, barcode: mug.barcodes[0] });
  const cart = useCart.getState().cart;
  const context = testContext();
  const totals = computeSaleTotals(cart, context);
  const tender: Tender = {
    id: '01937a00-0000-7000-8000-0000000000c1',
    method: 'cash',
    amount: totals.grandTotal.amount,
    status: 'approved',
    cash: { tendered: 5000, change: 5000 - totals.grandTotal.amount },
    at: T,
  };
  return {
    cart,
    totals,
    tenders: [tender],
    clerk: { staffId: FIXTURE_IDS.clerk, name: 'Ana Clerk', role: 'clerk' },
    shiftId: undefined,
    context,
  };
}
