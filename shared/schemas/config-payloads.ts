// Typed payloads of the small configuration documents HQ publishes to every register.
import { z } from 'zod';
import {
  code,
  currency,
  geo,
  label,
  minorAmount,
  postalAddress,
  ratePpm,
  signedMinorAmount,
  sku,
  uuid,
} from './fields';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use 24-hour HH:MM.');

export const storePayload = z.strictObject({
  code,
  name: label,
  address: postalAddress,
  location: geo,
  /** IANA zone such as America/New_York: receipts and Z reports use the store's local day. */
  timezone: z.string().min(1).max(64),
  currency,
  taxJurisdiction: code,
  priceBookId: uuid,
  /** Fulfillment orders per day the store accepts; orchestration stops routing beyond it. */
  capacityPerDay: z.number().int().min(0).max(100_000),
  pickupEnabled: z.boolean(),
  shipFromStore: z.boolean(),
  /** What orchestration reads besides capacity: units per SKU kept back from web orders (absent =
   * the server's ROUTING_SAFETY_STOCK) and what a shipment from this store costs (ties on distance). */
  routing: z
    .strictObject({
      safetyStock: z.number().int().min(0).max(100_000).optional(),
      shippingCost: minorAmount.optional(),
    })
    .optional(),
  openingHours: z.array(z.strictObject({ weekday: z.number().int().min(0).max(6), opens: hhmm, closes: hhmm })).max(14),
  email: z.email().max(200).optional(),
  phone: z.string().max(40).optional(),
});

export const registerPayload = z.strictObject({
  storeId: uuid,
  code,
  name: label,
  /** The device credential enrolled for this register, once enrolled. */
  deviceId: z.string().max(64).optional(),
  receiptFooter: z.string().max(500).optional(),
});

export const taxRulePayload = z.strictObject({
  jurisdiction: code,
  taxCategory: code,
  /** Several components add up on one line (state + county + city). */
  components: z
    .array(z.strictObject({ name: label, authority: z.string().max(100).optional(), ratePpm }))
    .min(1)
    .max(8),
  /** 'inclusive' (VAT: shelf price contains tax) or 'exclusive' (US sales tax: added at the till). */
  mode: z.enum(['inclusive', 'exclusive']),
  /** Round tax per line, or once per invoice and allocate back to lines. */
  rounding: z.enum(['line', 'invoice']),
  effectiveFrom: z.iso.date().optional(),
});

export const priceBookPayload = z.strictObject({
  name: label,
  currency,
});

const promotionRule = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('buy_x_get_y'),
    buySkus: z.array(sku).min(1).max(200),
    buyQuantity: z.number().int().min(1).max(100),
    getSkus: z.array(sku).min(1).max(200),
    getQuantity: z.number().int().min(1).max(100),
    /** 1 000 000 = the "get" items are free. */
    getDiscountPpm: ratePpm,
  }),
  z.strictObject({
    type: z.literal('threshold'),
    minSubtotal: minorAmount,
    discountAmount: minorAmount.optional(),
    discountPpm: ratePpm.optional(),
  }),
  z.strictObject({
    type: z.literal('percent_off'),
    skus: z.array(sku).max(500).optional(),
    departments: z.array(code).max(50).optional(),
    discountPpm: ratePpm,
  }),
]);

export const promotionPayload = z.strictObject({
  code,
  name: label,
  rule: promotionRule,
  /** Lower runs first; ties break on `code`, so every register applies promotions alike. */
  priority: z.number().int().min(0).max(1000),
  stackable: z.boolean(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime().optional(),
  storeIds: z.array(uuid).max(1000).optional(),
  active: z.boolean(),
});

export const policyPayload = z.strictObject({
  currency,
  returns: z.strictObject({
    windowDays: z.number().int().min(0).max(3650),
    receiptlessCap: minorAmount,
    receiptlessNeedsApproval: z.boolean(),
    cashRefundApprovalOver: minorAmount,
    /** Returns one customer may make within `periodDays` before a manager must approve the next. */
    customerLimit: z
      .strictObject({
        periodDays: z.number().int().min(1).max(3650),
        maxReturns: z.number().int().min(0).max(10_000),
        maxAmount: minorAmount,
      })
      .optional(),
    /** Most one register refunds in cash or receipt-less while offline; absent: offlineCard.perRegisterCap. */
    offlineRefundCap: minorAmount.optional(),
  }),
  approvals: z.strictObject({
    /** Line or order discounts above this share of the price need a manager. */
    discountPpmOver: ratePpm,
    discountAmountOver: minorAmount,
    priceOverride: z.boolean(),
    /** Voiding an open sale needs a manager; a completed sale is never voided, it is returned. */
    voidSale: z.boolean(),
    paidOutOver: minorAmount,
  }),
  offlineCard: z.strictObject({
    enabled: z.boolean(),
    perTransactionCap: minorAmount,
    perRegisterCap: minorAmount,
    /** Pending offline authorisations older than this are reported as at risk. */
    expiryHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 14),
  }),
  /** Most a register takes from one gift card or store credit balance per sale while offline. */
  offlineBalanceCap: minorAmount.optional(),
  /**
   * Gift cards taken offline (sealed numbers): how many gift card tenders one register accepts per
   * till shift while offline (absent: 5), and how many sealed spends naming no card one register may
   * push before the server refuses all its sealed spends (absent: 3). Probing card numbers with tiny
   * offline spends stops at both.
   */
  giftCardOffline: z
    .strictObject({
      tendersPerShift: z.number().int().min(0).max(1_000),
      unknownCardsBeforeBlock: z.number().int().min(1).max(1_000),
    })
    .optional(),
  /** Till limits: the largest opening float a register accepts, and the over/short at close above which a manager approves. */
  till: z.strictObject({ maxOpeningFloat: minorAmount, overShortApprovalOver: minorAmount }).optional(),
  /** Stock adjustments worth more than this (either way) need a manager; absent: 50.00 (shared/inventory/adjustments). */
  inventory: z.strictObject({ adjustmentApprovalOver: minorAmount }).optional(),
  pinLockout: z.strictObject({
    maxFailures: z.number().int().min(1).max(20),
    windowSeconds: z.number().int().min(10).max(86_400),
    lockSeconds: z.number().int().min(10).max(86_400),
  }),
});

/** One counted payment on a balance (shared/balances); signed, spends negative. */
const balanceEntry = z.strictObject({ paymentId: uuid, orderId: uuid, storeId: uuid, amount: signedMinorAmount });

/**
 * A gift card, keyed by its token (never the number). `issued` is written by HQ when the card is
 * activated or loaded; the server projects `entries` and `balance` from gift_card payments.
 */
export const giftCardPayload = z.strictObject({
  token: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_:.-]+$/),
  last4: z.string().regex(/^\d{4}$/),
  currency,
  issued: minorAmount,
  /** issued + Σ entries; negative when two registers spent the same balance offline. */
  balance: signedMinorAmount,
  status: z.enum(['active', 'blocked']),
  expiresOn: z.iso.date().optional(),
  entries: z.array(balanceEntry).max(10_000),
  /**
   * On the deleted document of a card issued under the old unkeyed token: the keyed token it moved
   * to. A payment still naming the old token is booked on that card (sync-server/gift-cards).
   */
  movedTo: z
    .string()
    .regex(/^gc_[a-p]{64}$/)
    .optional(),
});

/** A customer's store credit ledger, keyed by customer id; its balance is mirrored on the customer. */
export const storeCreditPayload = z.strictObject({
  customerId: uuid,
  currency,
  /** The customer's balance when the ledger started (credit HQ issued before any payment). */
  opening: signedMinorAmount,
  /** opening + Σ entries. */
  balance: signedMinorAmount,
  entries: z.array(balanceEntry).max(10_000),
});

/**
 * Quick keys HQ sets up for the product grid beside scan and search: favourite products, then one
 * tab per category (a department, a product category, and/or products pinned first). Keyed by store
 * code with `storeId` set, or 'default' chain-wide; shared/quick-keys builds the grid from it.
 */
export const quickKeysPayload = z.strictObject({
  favourites: z.array(uuid).max(48),
  categories: z
    .array(
      z.strictObject({
        name: label,
        department: code.optional(),
        category: z.string().min(1).max(64).optional(),
        productIds: z.array(uuid).max(48).optional(),
        color: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, 'A colour is #RRGGBB.')
          .optional(),
      }),
    )
    .max(12),
});

export const CONFIG_KINDS = [
  'store',
  'register',
  'tax_rule',
  'price_book',
  'promotion',
  'policy',
  'gift_card',
  'store_credit',
  'quick_keys',
] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];
