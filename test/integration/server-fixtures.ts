// Valid documents for integration tests (shapes from shared/schemas), built with fresh ids.
import { randomUUID } from 'node:crypto';
import { formatOrderNumber } from '../../shared/ids/order-number';

let orderSequence = 0;

const now = () => new Date().toISOString();

const PRICE_BOOK_ID = '0193a000-0000-7000-8000-000000000001';

export function storeDoc(code: string, id = randomUUID()): Record<string, unknown> {
  return {
    id,
    key: code,
    kind: 'store',
    active: true,
    updatedAt: now(),
    payload: {
      code,
      name: `Store ${code}`,
      address: { line1: '1 Main St', city: 'Springfield', country: 'US' },
      location: { lat: 40.7, lng: -74 },
      timezone: 'America/New_York',
      currency: 'USD',
      taxJurisdiction: 'US-NY',
      priceBookId: PRICE_BOOK_ID,
      capacityPerDay: 50,
      pickupEnabled: true,
      shipFromStore: false,
      openingHours: [{ weekday: 1, opens: '09:00', closes: '21:00' }],
    },
  };
}

export function productDoc(sku: string, amount = 499): Record<string, unknown> {
  return {
    id: randomUUID(),
    sku,
    name: `Product ${sku}`,
    searchName: `product ${sku}`.toLowerCase(),
    department: 'GROCERY',
    primaryBarcode: '',
    barcodes: [],
    taxCategory: 'standard',
    unit: 'each',
    currency: 'USD',
    prices: [{ priceBookId: PRICE_BOOK_ID, amount }],
    active: true,
    returnable: true,
    updatedAt: now(),
  };
}

export function orderDoc(storeId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = randomUUID();
  return {
    id,
    orderNumber: formatOrderNumber({ storeCode: 'S001', registerCode: 'R01', sequence: ++orderSequence }),
    channel: 'pos',
    status: 'completed',
    storeId,
    currency: 'USD',
    priceBookId: PRICE_BOOK_ID,
    taxJurisdiction: 'US-NY',
    taxMode: 'exclusive',
    taxRounding: 'line',
    taxExempt: false,
    lines: [
      {
        id: randomUUID(),
        productId: randomUUID(),
        sku: 'SKU-1',
        name: 'Milk',
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
    createdAt: now(),
    updatedAt: now(),
    ...overrides,
  };
}

export function movementDoc(
  storeId: string,
  sku: string,
  type: string,
  quantity: number,
  referenceId = '',
): Record<string, unknown> {
  return {
    id: randomUUID(),
    storeId,
    sku,
    type,
    quantity,
    referenceType: referenceId ? 'order' : 'none',
    referenceId,
    deviceId: 'test-device',
    createdAt: now(),
    updatedAt: now(),
  };
}

export function noteEvent(storeId: string, orderId: string, text: string): Record<string, unknown> {
  return {
    id: randomUUID(),
    orderId,
    storeId,
    actor: { kind: 'server' },
    type: 'note',
    payload: { text },
    createdAt: now(),
    updatedAt: now(),
  };
}
