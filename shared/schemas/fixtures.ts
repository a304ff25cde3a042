// One valid document per collection: a small, consistent store (S012, register R03, one sale with
// state + city tax). Tests in every part build on these instead of hand-writing documents.
import type { CollectionName, DocumentOf } from './collections';

type FixtureMap = { [N in CollectionName]: DocumentOf<N> };

const T = '2026-11-27T09:00:00.000Z';
export const FIXTURE_IDS = {
  store: '01937a00-0000-7000-8000-000000000001',
  register: '01937a00-0000-7000-8000-000000000002',
  priceBook: '01937a00-0000-7000-8000-000000000003',
  product: '01937a00-0000-7000-8000-000000000004',
  clerk: '01937a00-0000-7000-8000-000000000005',
  manager: '01937a00-0000-7000-8000-000000000006',
  customer: '01937a00-0000-7000-8000-000000000007',
  order: '01937a00-0000-7000-8000-000000000008',
  orderLine: '01937a00-0000-7000-8000-000000000009',
  event: '01937a00-0000-7000-8000-00000000000a',
  payment: '01937a00-0000-7000-8000-00000000000b',
  return: '01937a00-0000-7000-8000-00000000000c',
  returnLine: '01937a00-0000-7000-8000-00000000000d',
  fulfillment: '01937a00-0000-7000-8000-00000000000e',
  fulfillmentLine: '01937a00-0000-7000-8000-00000000000f',
  movement: '01937a00-0000-7000-8000-000000000010',
  shift: '01937a00-0000-7000-8000-000000000011',
  taxRule: '01937a00-0000-7000-8000-000000000012',
  refund: '01937a00-0000-7000-8000-000000000013',
} as const;
const I = FIXTURE_IDS;

const nyTaxes = [
  { jurisdiction: 'US-NY', name: 'New York State', ratePpm: 40_000, taxableAmount: 1998, amount: 80 },
  { jurisdiction: 'US-NY-NYC', name: 'New York City', ratePpm: 48_750, taxableAmount: 1998, amount: 97 },
];

export const fixtures: Readonly<FixtureMap> = {
  products: {
    id: I.product, sku: 'MUG-RED-12', name: 'Red mug 12 oz', searchName: 'red mug 12 oz', department: 'KITCHEN',
    primaryBarcode: '0012345678905', barcodes: ['0012345678905', '10012345678902'], taxCategory: 'GENERAL', unit: 'each',
    currency: 'USD', prices: [{ priceBookId: I.priceBook, amount: 999 }], active: true, returnable: true, updatedAt: T,
  },
  config: {
    id: I.taxRule, kind: 'tax_rule', key: 'US-NY-NYC:GENERAL', active: true, updatedAt: T,
    payload: {
      jurisdiction: 'US-NY-NYC', taxCategory: 'GENERAL', mode: 'exclusive', rounding: 'line',
      components: [{ name: 'New York State', ratePpm: 40_000 }, { name: 'New York City', ratePpm: 48_750 }],
    },
  },
  staff: {
    id: I.clerk, loginCode: '1042', displayName: 'Ana Clerk', role: 'clerk', storeIds: [I.store], allStores: false, active: true, updatedAt: T,
    pin: { algorithm: 'pbkdf2-sha256', iterations: 100_000, salt: 'c2FsdHNhbHRzYWx0c2FsdA==', hash: 'aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=' },
  },
  customers: {
    id: I.customer, displayName: 'Sam Rivera', searchName: 'sam rivera sam@example.com', email: 'sam@example.com', taxExempt: false,
    storeCreditBalance: 0, currency: 'USD', marketingConsent: { email: true, sms: false, updatedAt: T }, createdAt: T, updatedAt: T,
  },
  orders: {
    id: I.order, orderNumber: 'S012-R03-000123-C', channel: 'pos', status: 'completed', storeId: I.store, registerId: I.register,
    currency: 'USD', priceBookId: I.priceBook, taxJurisdiction: 'US-NY-NYC', taxMode: 'exclusive', taxRounding: 'line', taxExempt: false,
    lines: [{
      id: I.orderLine, productId: I.product, sku: 'MUG-RED-12', name: 'Red mug 12 oz', taxCategory: 'GENERAL', quantity: 2, unitPrice: 999,
      discounts: [], taxes: nyTaxes, fulfillment: 'carry_out',
    }],
    orderDiscounts: [], totals: { subtotal: 1998, discountTotal: 0, taxTotal: 177, total: 2175 },
    fulfillment: { method: 'carry_out' }, createdBy: I.clerk, createdAt: T, completedAt: T, updatedAt: T,
  },
  order_events: {
    id: I.event, orderId: I.order, storeId: I.store, type: 'status_changed', actor: { kind: 'staff', staffId: I.clerk },
    payload: { from: 'open', to: 'completed' }, createdAt: T, updatedAt: T,
  },
  payments: {
    id: I.payment, orderId: I.order, storeId: I.store, registerId: I.register, deviceId: 'reg-s012-r03', kind: 'sale', method: 'card',
    status: 'approved', amount: 2175, currency: 'USD',
    card: { token: 'tok_sim_8f2a91', last4: '4242', brand: 'visa', entryMode: 'chip', authCode: 'A1B2C3' }, createdAt: T, updatedAt: T,
  },
  returns: {
    id: I.return, originalOrderId: I.order, storeId: I.store, registerId: I.register, receiptless: false, currency: 'USD', taxMode: 'exclusive',
    lines: [{
      id: I.returnLine, originalLineId: I.orderLine, productId: I.product, sku: 'MUG-RED-12', quantity: 1, refundAmount: 999,
      taxes: [
        { jurisdiction: 'US-NY', name: 'New York State', ratePpm: 40_000, taxableAmount: 999, amount: 40 },
        { jurisdiction: 'US-NY-NYC', name: 'New York City', ratePpm: 48_750, taxableAmount: 999, amount: 49 },
      ],
      restock: true, condition: 'sellable', reason: 'changed_mind',
    }],
    refundSubtotal: 999, refundTax: 89, refundTotal: 1088, tenders: [{ method: 'card', amount: 1088, paymentId: I.refund }],
    approvals: [], status: 'completed', createdBy: I.clerk, createdAt: T, updatedAt: T,
  },
  fulfillment_orders: {
    id: I.fulfillment, orderId: I.order, orderNumber: 'WEB-W01-000042-Y', assignedStoreId: I.store, type: 'pickup', status: 'picking',
    lines: [{ id: I.fulfillmentLine, orderLineId: I.orderLine, productId: I.product, sku: 'MUG-RED-12', name: 'Red mug 12 oz', quantity: 2, pickedQuantity: 1, shortQuantity: 0 }],
    customer: { name: 'Sam Rivera', email: 'sam@example.com' }, pickupCode: 'K7Q2M9', reservationMovementIds: [I.movement], rerouteCount: 0,
    history: [{ status: 'created', at: T, by: { kind: 'server' } }], createdAt: T, updatedAt: T,
  },
  inventory_movements: {
    id: I.movement, storeId: I.store, sku: 'MUG-RED-12', type: 'sale', quantity: -2, referenceType: 'order', referenceId: I.order,
    deviceId: 'reg-s012-r03', staffId: I.clerk, createdAt: T, updatedAt: T,
  },
  inventory_levels: {
    id: `${I.store}:MUG-RED-12`, storeId: I.store, sku: 'MUG-RED-12', onHand: 10, reserved: 2, available: 8, lastMovementSeq: 41, updatedAt: T,
  },
  till_shifts: {
    id: I.shift, storeId: I.store, registerId: I.register, status: 'open', currency: 'USD', openedBy: I.clerk, openedAt: T, openingFloat: 15_000,
    cashMovements: [{ id: I.event, kind: 'paid_out', amount: 500, reason: 'Window cleaner', staffId: I.clerk, at: T }], updatedAt: T,
  },
};
