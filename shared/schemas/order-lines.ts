// Order lines, discounts and tax lines: the stored shape the pricing and tax code (domain-B)
// computes and the returns code reads back. Tax is stored per line so a return can mirror it.
import { z } from 'zod';
import {
  approvalRef,
  barcode,
  code,
  freeText,
  label,
  minorAmount,
  positiveQuantity,
  ratePpm,
  sku,
  uuid,
  weightGrams,
} from './fields';

const discountSchema = z.strictObject({
  id: uuid,
  /** 'percent' and 'amount' are clerk discounts; 'promotion' comes from a promotion document. */
  kind: z.enum(['percent', 'amount', 'promotion']),
  ratePpm: ratePpm.optional(),
  /** The discount in minor units as it applies to this line (after allocation for order discounts). */
  amount: minorAmount,
  promotionId: uuid.optional(),
  reason: z.string().max(200).optional(),
  approval: approvalRef.optional(),
});
export type Discount = z.output<typeof discountSchema>;

export const taxLineSchema = z.strictObject({
  jurisdiction: code,
  name: label,
  ratePpm,
  /** Taxable base in minor units, after discounts. */
  taxableAmount: minorAmount,
  amount: minorAmount,
});
export type TaxLine = z.output<typeof taxLineSchema>;

/** Longest line note a clerk may add ("gift wrap", "engrave: Anna"); printed under the line. */
export const LINE_NOTE_MAX = 140;

export const orderLineSchema = z.strictObject({
  /** Stable line id: returns and fulfillment orders refer to it. */
  id: uuid,
  productId: uuid,
  sku,
  name: label,
  /** The code that was scanned, when the line came from a scan. */
  scannedCode: barcode.optional(),
  taxCategory: code,
  quantity: positiveQuantity,
  /** Weighed goods: the price applies per kilogram and `quantity` is 1. */
  weightGrams: weightGrams.optional(),
  /** Minor units per unit (or per kg for weighed goods), as charged: after any price override. */
  unitPrice: minorAmount,
  priceOverride: z
    .strictObject({
      originalUnitPrice: minorAmount,
      reason: z.string().min(1).max(200),
      approval: approvalRef.optional(),
    })
    .optional(),
  discounts: z.array(discountSchema).max(20),
  taxes: z.array(taxLineSchema).max(8),
  /** Items handed over now ('carry_out') or fulfilled later from a store or warehouse. */
  fulfillment: z.enum(['carry_out', 'pickup', 'ship']),
  giftReceipt: z.boolean().optional(),
  /** The clerk's note on this line, shown on the receipt and the customer display; never a card number. */
  note: freeText(LINE_NOTE_MAX).min(1).optional(),
});
export type OrderLine = z.output<typeof orderLineSchema>;

/** An order-level discount; its allocation to lines is stored in each line's `discounts`. */
export const orderDiscountSchema = discountSchema;

/**
 * A snapshot of the totals as printed on the receipt. It is derived from the lines and may only be
 * stored when it equals the derivation (the server re-derives and refuses a mismatch).
 */
export const orderTotalsSchema = z.strictObject({
  subtotal: minorAmount,
  discountTotal: minorAmount,
  taxTotal: minorAmount,
  total: minorAmount,
});
export type OrderTotals = z.output<typeof orderTotalsSchema>;
