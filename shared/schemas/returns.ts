// Returns taken at a register. Lines point at the original order's line ids so the returnable
// quantity (bought − already returned, across every store) can be computed from documents.
import { z } from 'zod';
import { defineCollection } from './define';
import {
  approvalRef, currency, freeText, indexedRef, isoTimestamp, minorAmount, positiveQuantity, sku, uuid,
} from './fields';
import { PAYMENT_METHODS } from './payments';
import { taxLineSchema } from './order-lines';

export const RETURN_REASONS = ['changed_mind', 'defective', 'wrong_item', 'damaged_in_transit', 'not_as_described', 'other'] as const;

export const returnLineSchema = z.strictObject({
  id: uuid,
  /** The line of the original order; absent on a receipt-less return. */
  originalLineId: uuid.optional(),
  productId: uuid,
  sku,
  quantity: positiveQuantity,
  /** Refund for this line before tax, including its share of order-level discounts. */
  refundAmount: minorAmount,
  /** Tax refunded, mirroring the tax charged on the original line. */
  taxes: z.array(taxLineSchema).max(8),
  restock: z.boolean(),
  condition: z.enum(['sellable', 'damaged', 'opened']),
  reason: z.enum(RETURN_REASONS),
});

export const returnTenderSchema = z.strictObject({
  method: z.enum(PAYMENT_METHODS),
  amount: minorAmount,
  /** The payment document that carried this refund. */
  paymentId: uuid,
});

export const returnSchema = z.strictObject({
  id: uuid,
  /** '' on a receipt-less return (indexed, so it cannot be absent). */
  originalOrderId: indexedRef,
  storeId: uuid,
  registerId: uuid,
  tillShiftId: uuid.optional(),
  receiptless: z.boolean(),
  customerId: uuid.optional(),
  currency,
  lines: z.array(returnLineSchema).min(1).max(500),
  refundSubtotal: minorAmount,
  refundTax: minorAmount,
  refundTotal: minorAmount,
  tenders: z.array(returnTenderSchema).max(10),
  approvals: z.array(approvalRef).max(10),
  /** The new order of an exchange; the difference is settled on that order or refunded here. */
  exchangeOrderId: uuid.optional(),
  status: z.enum(['completed', 'voided']),
  notes: freeText(1000).optional(),
  createdBy: uuid,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type Return = z.output<typeof returnSchema>;

export const returns = defineCollection('returns', {
  description: 'Returns and the refund tenders; written by the register that took the return.',
  schema: returnSchema,
  indexes: [['storeId', 'createdAt'], 'originalOrderId'],
});
