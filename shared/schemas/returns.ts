// Returns taken at a register. Lines point at the original order's line ids so the returnable
// quantity (bought − already returned, across every store) can be computed from documents.
import { z } from 'zod';
import { SyncErrorCode } from '../protocol/errors';
import { defineCollection, HQ_AND_REGISTERS, HQ_ONLY, Role, STORE, type RuleIssue } from './define';
import {
  approvalRef,
  currency,
  freeText,
  indexedRef,
  isoTimestamp,
  minorAmount,
  positiveQuantity,
  sku,
  uuid,
} from './fields';
import { PAYMENT_METHODS } from './payments';
import { taxLineSchema } from './order-lines';
import { RETURN_NUMBER_PATTERN, isValidReturnNumber } from '../returns/return-number';

export const RETURN_REASONS = [
  'changed_mind',
  'defective',
  'wrong_item',
  'damaged_in_transit',
  'not_as_described',
  'other',
] as const;

const returnLineSchema = z.strictObject({
  id: uuid,
  /** The line of the original order; absent on a receipt-less return. */
  originalLineId: uuid.optional(),
  productId: uuid,
  sku,
  quantity: positiveQuantity,
  /**
   * Refund for this line including its share of order-level discounts: before tax when the sale
   * was tax-exclusive, tax included (as the shelf price was) when it was tax-inclusive.
   */
  refundAmount: minorAmount,
  /** Tax refunded, mirroring the tax charged on the original line. */
  taxes: z.array(taxLineSchema).max(8),
  restock: z.boolean(),
  condition: z.enum(['sellable', 'damaged', 'opened']),
  reason: z.enum(RETURN_REASONS),
});

const returnTenderSchema = z.strictObject({
  method: z.enum(PAYMENT_METHODS),
  amount: minorAmount,
  /** The payment document that carried this refund. */
  paymentId: uuid,
});

export const returnShape = z.strictObject({
  id: uuid,
  /**
   * `RT-S001-R01-000012-K` from shared/returns `formatReturnNumber`: unique without coordination,
   * printed on the return receipt. Absent on returns written before numbers existed.
   */
  returnNumber: z
    .string()
    .max(40)
    .regex(RETURN_NUMBER_PATTERN, 'A return number looks like RT-S001-R01-000012-K.')
    .refine(isValidReturnNumber, {
      message: 'The return number has a wrong check character; create it with formatReturnNumber.',
    })
    .optional(),
  /** '' on a receipt-less return (indexed, so it cannot be absent). */
  originalOrderId: indexedRef,
  storeId: uuid,
  registerId: uuid,
  tillShiftId: uuid.optional(),
  receiptless: z.boolean(),
  customerId: uuid.optional(),
  currency,
  /** The original sale's mode; decides whether refundTotal adds refundTax or already contains it. */
  taxMode: z.enum(['inclusive', 'exclusive']),
  lines: z.array(returnLineSchema).min(1).max(500),
  refundSubtotal: minorAmount,
  refundTax: minorAmount,
  refundTotal: minorAmount,
  tenders: z.array(returnTenderSchema).max(10),
  approvals: z.array(approvalRef).max(10),
  /** A post-void of a sale on its own till shift (shared/returns/post-void.ts): counted as a void on X/Z. */
  postVoid: z.boolean().optional(),
  /** The new order of an exchange; the difference is settled on that order or refunded here. */
  exchangeOrderId: uuid.optional(),
  status: z.enum(['completed', 'voided']),
  /**
   * Set when the register took the return without a connection to the server: `since` is when its
   * last sync succeeded (the start of that offline spell). The server caps what one register
   * refunds in cash or receipt-less per spell (shared/payments/refund-limits.ts).
   */
  offline: z.strictObject({ since: isoTimestamp }).optional(),
  /**
   * Set when the register took the return online and the server authorised its cash or
   * receipt-less refund beforehand (POST /api/returns/refund-authorizations): the id of that
   * single-use authorisation, issued for this device, this return and exactly this amount. A return
   * with neither this nor `offline` counts against the offline refund cap like an offline one.
   */
  refundAuthorization: z.strictObject({ id: uuid }).optional(),
  notes: freeText(1000).optional(),
  createdBy: uuid,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type Return = z.output<typeof returnShape>;

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The refund adds up: lines → subtotal and tax → total → tenders, and the receipt link is coherent. */
export const returnSchema = returnShape.superRefine((doc, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (doc.refundSubtotal !== sum(doc.lines.map((l) => l.refundAmount)))
    issue(['refundSubtotal'], "refundSubtotal must be the sum of the lines' refundAmount.");
  if (doc.refundTax !== sum(doc.lines.flatMap((l) => l.taxes.map((t) => t.amount))))
    issue(['refundTax'], "refundTax must be the sum of the lines' taxes.");
  const expectedTotal = doc.taxMode === 'exclusive' ? doc.refundSubtotal + doc.refundTax : doc.refundSubtotal;
  if (doc.refundTotal !== expectedTotal)
    issue(['refundTotal'], `refundTotal must be ${expectedTotal} for a tax-${doc.taxMode} sale.`);
  const tendered = sum(doc.tenders.map((t) => t.amount));
  // In an exchange part of the refund pays for the new order instead of going back to a tender.
  if (doc.exchangeOrderId ? tendered > doc.refundTotal : tendered !== doc.refundTotal) {
    issue(['tenders'], `The refund tenders add up to ${tendered} but the refund is ${doc.refundTotal}.`);
  }
  if (doc.receiptless !== (doc.originalOrderId === '')) {
    issue(
      ['originalOrderId'],
      doc.receiptless
        ? 'A receipt-less return has no original order.'
        : 'A return with a receipt names its original order.',
    );
  }
  const seen = new Set<string>();
  doc.lines.forEach((l, i) => {
    if (seen.has(l.id)) issue(['lines', i, 'id'], 'Two return lines share this id.');
    seen.add(l.id);
    if (!doc.receiptless && l.originalLineId === undefined)
      issue(['lines', i, 'originalLineId'], 'Each returned line must point at the line it came from on the receipt.');
  });
});

/** A completed return's refund stands: a register may only void it, and then changes nothing else. */
function registerReturnChange(previous: Return, next: Return): RuleIssue | null {
  const { status: _a, updatedAt: _b, ...before } = previous;
  const { status: _c, updatedAt: _d, ...after } = next;
  if (
    JSON.stringify(before) !== JSON.stringify(after) ||
    (previous.status !== next.status && next.status !== 'voided')
  ) {
    return {
      field: 'status',
      message: 'A recorded return is not edited at the register; void it or take a new return.',
      code: SyncErrorCode.CHANGE_FORBIDDEN,
    };
  }
  return null;
}

export const returns = defineCollection('returns', {
  description: 'Returns and the refund tenders; written by the register that took the return.',
  schema: returnSchema,
  indexes: [['storeId', 'createdAt'], 'originalOrderId'],
  // 1: fields added since the first release (see define's `version`); 2: refundAuthorization.
  version: 2,
  access: {
    create: HQ_AND_REGISTERS,
    change: HQ_AND_REGISTERS,
    delete: HQ_ONLY,
    scope: STORE,
    registerPull: 'own_store',
    appendOnly: false,
    conflict: 'single_writer',
    lookupKey: (doc) => (doc.originalOrderId === '' ? null : doc.originalOrderId),
    checkChange: (previous, next, writer) => (writer === Role.REGISTER ? registerReturnChange(previous, next) : null),
    note: 'The server also needs every return of an order (any store) to compute returnable quantities.',
  },
});
