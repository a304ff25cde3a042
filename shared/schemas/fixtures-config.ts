// One valid config document of every kind, matching `fixtures` (store S012, register R03).
import type { ConfigDoc, ConfigOf } from './config';
import { FIXTURE_IDS as I } from './fixtures';

const T = '2026-11-27T09:00:00.000Z';

export const configFixtures: { readonly [K in ConfigDoc['kind']]: ConfigOf<K> } = {
  store: {
    id: I.store, kind: 'store', key: 'S012', storeId: I.store, active: true, updatedAt: T,
    payload: {
      code: 'S012', name: 'Brooklyn Heights', timezone: 'America/New_York', currency: 'USD', taxJurisdiction: 'US-NY-NYC',
      priceBookId: I.priceBook, capacityPerDay: 120, pickupEnabled: true, shipFromStore: true,
      address: { line1: '120 Montague St', city: 'Brooklyn', region: 'NY', postalCode: '11201', country: 'US' },
      location: { lat: 40.6945, lng: -73.9936 },
      openingHours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '09:00', closes: '21:00' })),
    },
  },
  register: {
    id: I.register, kind: 'register', key: 'S012:R03', storeId: I.store, active: true, updatedAt: T,
    payload: { storeId: I.store, code: 'R03', name: 'Register 3' },
  },
  tax_rule: {
    id: I.taxRule, kind: 'tax_rule', key: 'US-NY-NYC:GENERAL', active: true, updatedAt: T,
    payload: {
      jurisdiction: 'US-NY-NYC', taxCategory: 'GENERAL', mode: 'exclusive', rounding: 'line',
      components: [{ name: 'New York State', ratePpm: 40_000 }, { name: 'New York City', ratePpm: 48_750 }],
    },
  },
  price_book: {
    id: I.priceBook, kind: 'price_book', key: 'US-RETAIL', active: true, updatedAt: T,
    payload: { name: 'US retail', currency: 'USD' },
  },
  promotion: {
    id: '01937a00-0000-7000-8000-000000000020', kind: 'promotion', key: 'MUG-BOGO', active: true, updatedAt: T,
    payload: {
      code: 'MUG-BOGO', name: 'Mugs: buy one get one half price', priority: 10, stackable: false, startsAt: T, active: true,
      rule: { type: 'buy_x_get_y', buySkus: ['MUG-RED-12'], buyQuantity: 1, getSkus: ['MUG-RED-12'], getQuantity: 1, getDiscountPpm: 500_000 },
    },
  },
  policy: {
    id: '01937a00-0000-7000-8000-000000000021', kind: 'policy', key: 'default', active: true, updatedAt: T,
    payload: {
      currency: 'USD',
      returns: { windowDays: 30, receiptlessCap: 5_000, receiptlessNeedsApproval: true, cashRefundApprovalOver: 10_000 },
      approvals: { discountPpmOver: 200_000, discountAmountOver: 2_000, priceOverride: true, voidSale: true, paidOutOver: 5_000 },
      offlineCard: { enabled: true, perTransactionCap: 20_000, perRegisterCap: 100_000, expiryHours: 72 },
      pinLockout: { maxFailures: 5, windowSeconds: 300, lockSeconds: 900 },
    },
  },
  gift_card: {
    id: '01937a00-0000-7000-8000-000000000022', kind: 'gift_card', key: 'gc_5f0c2d', active: true, updatedAt: T,
    payload: {
      token: 'gc_5f0c2d', last4: '4242', currency: 'USD', issued: 5_000, balance: 3_000, status: 'active',
      entries: [{ paymentId: I.payment, orderId: I.order, storeId: I.store, amount: -2_000 }],
    },
  },
  store_credit: {
    id: I.customer, kind: 'store_credit', key: I.customer, active: true, updatedAt: T,
    payload: { customerId: I.customer, currency: 'USD', opening: 0, balance: 0, entries: [] },
  },
  quick_keys: {
    id: '01937a00-0000-7000-8000-0000000000f1', kind: 'quick_keys', key: 'S012', storeId: I.store, active: true, updatedAt: T,
    payload: { favourites: [I.product], categories: [{ name: 'Kitchen', department: 'KITCHEN', color: '#1565c0' }] },
  },
};
