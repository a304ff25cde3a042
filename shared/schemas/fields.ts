// Field building blocks shared by every collection schema, so a UUID, an amount or a SKU means the
// same thing (and has the same limits) in all twelve collections. Every string has a maxLength:
// RxDB needs it on indexed fields and the server needs it against oversized payloads.
import { z } from 'zod';
import { isKnownCurrency } from '../money/currency';
import { containsPan } from './pan';

/** Canonical lowercase UUID. Any version is accepted for references; `shared/ids` creates v7. */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ID_MAX_LENGTH = 36;

export const uuid = z
  .string()
  .max(ID_MAX_LENGTH)
  .regex(UUID_PATTERN, 'Must be a lowercase UUID such as 01932c07-8f2a-7cc3-9f00-3b1a2c4d5e6f.');

/**
 * A reference that may be absent but must be indexable: RxDB cannot index a missing or null value,
 * so "none" is the empty string.
 */
export const indexedRef = z
  .string()
  .max(ID_MAX_LENGTH)
  .regex(
    /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/,
    "Must be a lowercase UUID, or '' for none.",
  );

/** ISO-8601 UTC timestamp as written by `Date.prototype.toISOString`. Informational only. */
export const isoTimestamp = z.iso.datetime().max(32);

/** A hard ceiling for minor-unit amounts: 10^13 minor units (100 billion of a 2-decimal currency). */
const MAX_MINOR = 10_000_000_000_000;

/** A non-negative amount in minor units of the document's `currency`. */
export const minorAmount = z.number().int().min(0).max(MAX_MINOR);
/** A signed amount in minor units (over/short, balances that may go either way). */
export const signedMinorAmount = z.number().int().min(-MAX_MINOR).max(MAX_MINOR);

export const currency = z
  .string()
  .length(3)
  .regex(/^[A-Z]{3}$/, 'Must be an ISO 4217 code in capitals, such as USD.')
  .refine(isKnownCurrency, {
    message: 'This currency is not supported; use one of the ISO 4217 codes the product knows.',
  });

/** Stock keeping unit: letters, digits and . _ - / so it prints on a label and fits an index. */
export const SKU_MAX_LENGTH = 64;
export const sku = z
  .string()
  .min(1)
  .max(SKU_MAX_LENGTH)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'A SKU uses letters, digits, dot, dash, underscore or slash.');

/** A barcode as scanned: GTIN digits or an alternate code. Check digits are domain-B's (shared/barcode). */
export const BARCODE_MAX_LENGTH = 48;
export const barcode = z
  .string()
  .min(1)
  .max(BARCODE_MAX_LENGTH)
  .regex(/^[A-Za-z0-9._-]+$/, 'A barcode holds letters, digits, dot, dash or underscore.');

/** Whole units sold, returned or moved. Weighed goods carry `weightGrams` as well. */
export const MAX_QUANTITY = 1_000_000;
export const positiveQuantity = z.number().int().min(1).max(MAX_QUANTITY);
export const nonNegativeQuantity = z.number().int().min(0).max(MAX_QUANTITY);
export const weightGrams = z.number().int().min(1).max(1_000_000);

/**
 * Rates in parts per million: 8.875 % is 88 750. Basis points cannot express the three-decimal
 * city rates US stores charge, and floats would lose cents.
 */
const RATE_PPM_ONE = 1_000_000;
export const ratePpm = z.number().int().min(0).max(RATE_PPM_ONE);

/** Short human codes: store `S012`, register `R03`, tax jurisdiction `US-NY-NYC`. */
export const code = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'A code uses letters, digits, dash or underscore.');

/** A display name or label. */
export const label = z.string().min(1).max(200);

/** Free text a person types. It must never carry a card number (PCI): those are refused. */
export const freeText = (max = 2000) =>
  z
    .string()
    .max(max)
    .refine((s) => !containsPan(s), {
      message: 'This text contains what looks like a card number. Remove it: card numbers must never be stored.',
    });

/** Device that wrote a document (register or server instance), for audit and idempotency. */
export const deviceId = z.string().min(1).max(64);

/** Who did something, for the audit trail. */
export const actor = z.strictObject({
  kind: z.enum(['staff', 'device', 'server', 'customer']),
  staffId: uuid.optional(),
  deviceId: deviceId.optional(),
});

/** A reference to a manager approval: the `order_events` document of type `approval` proving it. */
export const approvalRef = z.strictObject({
  eventId: uuid,
  approvedBy: uuid,
  action: z.enum([
    'discount',
    'price_override',
    'receiptless_return',
    'cash_refund',
    'void',
    'no_sale',
    'offline_card',
    'tax_exempt',
    'paid_out',
    'return_limit',
  ]),
});

export const postalAddress = z.strictObject({
  name: label.optional(),
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1).max(100),
  region: z.string().max(100).optional(),
  postalCode: z.string().max(20).optional(),
  country: z
    .string()
    .length(2)
    .regex(/^[A-Z]{2}$/, 'Use an ISO 3166 two-letter country code such as US.'),
  phone: z.string().max(40).optional(),
});

export const geo = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
