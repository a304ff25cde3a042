// Catalog items, written only by HQ (the server). Registers scan and search them offline.
import { z } from 'zod';
import { defineCollection, GLOBAL, HQ_ONLY } from './define';
import { BARCODE_MAX_LENGTH, barcode, code, currency, isoTimestamp, label, minorAmount, sku, uuid } from './fields';

const productUnit = z.enum(['each', 'kg']);

const productPrice = z.strictObject({
  priceBookId: uuid,
  /** Minor units per unit, or per kilogram when `unit` is 'kg'. */
  amount: minorAmount,
});

export const productSchema = z.strictObject({
  id: uuid,
  sku,
  name: label,
  /**
   * Lower-cased, accent-stripped name (plus brand) that the register's search box prefix-matches
   * through an index; written by the server so every register searches the same way.
   */
  searchName: z.string().max(200),
  description: z.string().max(2000).optional(),
  brand: z.string().max(100).optional(),
  department: code,
  category: z.string().max(64).optional(),
  /**
   * Where the item sits on the shop floor, as aisle/bay/shelf text in walking order ("A03-2",
   * "B12"); pick lists walk known locations first. Stores of the chain share one planogram.
   */
  location: z
    .string()
    .max(40)
    .regex(/^[A-Za-z0-9 ./-]*$/, 'A location holds letters, digits, space, dot, dash or slash ("A03-2").')
    .optional(),
  /**
   * RxDB cannot index array items, so barcode lookup is two-level: `primaryBarcode` (the code on
   * the shelf label, '' when there is none) has an index for a direct hit, and the register keeps
   * an in-memory map of every entry of `barcodes` (alternate GTINs, case packs, vendor codes),
   * rebuilt from the collection's change stream.
   */
  primaryBarcode: z
    .string()
    .max(BARCODE_MAX_LENGTH)
    .regex(/^[A-Za-z0-9._-]*$/, "A barcode holds letters, digits, dot, dash or underscore ('' for none)."),
  barcodes: z.array(barcode).max(32),
  /** Price look-up code carried by variable-measure (prefix 2) labels for weighed goods. */
  plu: z
    .string()
    .regex(/^\d{4,6}$/, 'A PLU is 4 to 6 digits.')
    .optional(),
  taxCategory: code,
  unit: productUnit,
  currency,
  prices: z.array(productPrice).min(1).max(50),
  /** Cost for margin reports; never shown on a receipt. */
  cost: minorAmount.optional(),
  active: z.boolean(),
  /** Items that may not be returned (final sale, hygiene). */
  returnable: z.boolean(),
  /** Age-restricted goods prompt the clerk to check ID. */
  minimumAge: z.number().int().min(0).max(25).optional(),
  imageUrl: z.url().max(500).optional(),
  /**
   * An open-price ("custom") item, e.g. "Misc. housewares": the clerk types what was sold and its
   * price (at most `maxPrice` per unit). It holds no stock; only a role allowed to ring it (or a
   * manager's approval) may (shared/orders/open-price.ts, checked again by the server).
   */
  openPrice: z
    .strictObject({
      maxPrice: minorAmount.refine((n) => n > 0, 'The most an open-price item may cost must be above zero.'),
    })
    .optional(),
  updatedAt: isoTimestamp,
});
export type Product = z.output<typeof productSchema>;

export const products = defineCollection('products', {
  description: 'Catalog: SKUs, barcodes, tax category and prices per price book. Written by HQ only.',
  schema: productSchema,
  // 1: fields added since the first release (see define's `version`); 2: the optional `openPrice`
  // (stored documents stay valid: the register's migration step keeps them unchanged).
  version: 2,
  access: {
    create: HQ_ONLY,
    change: HQ_ONLY,
    delete: HQ_ONLY,
    scope: GLOBAL,
    registerPull: 'all',
    appendOnly: false,
    conflict: 'single_writer',
    note: 'HQ catalog.',
  },
  indexes: ['sku', 'primaryBarcode', 'searchName', ['department', 'searchName']],
});
