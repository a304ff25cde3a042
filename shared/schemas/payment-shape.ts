// The stored shape of a payment (tenders taken or refunded), apart from its collection definition in
// payments.ts so the payment rules can name the type without an import cycle. Card data is a gateway
// token plus the last four digits, never a card number: any string that looks like a PAN is refused.
import { z } from 'zod';
import { approvalRef, currency, deviceId, isoTimestamp, minorAmount, uuid } from './fields';
import { findPan } from './pan';

export const PAYMENT_METHODS = ['cash', 'card', 'store_credit', 'gift_card'] as const;
const PAYMENT_STATUSES = ['approved', 'pending_offline', 'declined', 'voided', 'refunded', 'expired'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

const tokenText = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_:.-]+$/, 'A token holds letters, digits and _ : . - only.');

const cardDetailsSchema = z.strictObject({
  token: tokenText,
  last4: z.string().regex(/^\d{4}$/, 'last4 is exactly four digits.'),
  brand: z.enum(['visa', 'mastercard', 'amex', 'discover', 'jcb', 'unionpay', 'debit', 'other']),
  entryMode: z.enum(['chip', 'contactless', 'swipe', 'keyed', 'ecommerce']),
  authCode: z
    .string()
    .max(12)
    .regex(/^[A-Za-z0-9]*$/)
    .optional(),
});

export const paymentSchema = z
  .strictObject({
    id: uuid,
    orderId: uuid,
    /** Set when this tender refunds a return. */
    returnId: uuid.optional(),
    storeId: uuid,
    registerId: uuid.optional(),
    deviceId,
    tillShiftId: uuid.optional(),
    kind: z.enum(['sale', 'refund']),
    method: z.enum(PAYMENT_METHODS),
    status: z.enum(PAYMENT_STATUSES),
    /** Always positive; `kind` says which way the money went. */
    amount: minorAmount,
    currency,
    card: cardDetailsSchema.optional(),
    giftCard: z.strictObject({ token: tokenText, last4: z.string().regex(/^\d{4}$/) }).optional(),
    /** Cash handed over and change given, for the receipt and the drawer count. */
    cash: z.strictObject({ tendered: minorAmount, change: minorAmount }).optional(),
    storeCreditCustomerId: uuid.optional(),
    /** Store-and-forward: when the offline authorisation was taken and when it must be sent by. */
    offline: z
      .strictObject({ capturedAt: isoTimestamp, expiresAt: isoTimestamp, forwardedAt: isoTimestamp.optional() })
      .optional(),
    gateway: z.strictObject({ name: z.string().min(1).max(40), reference: tokenText }).optional(),
    /** For a refund: the sale payment it goes back to. */
    refundsPaymentId: uuid.optional(),
    approval: approvalRef.optional(),
    declineReason: z.string().max(200).optional(),
    createdBy: uuid.optional(),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
  })
  .superRefine((doc, ctx) => {
    const path = findPan(doc);
    if (path) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: 'This looks like a card number. Store only the gateway token and the last four digits.',
      });
    }
    if (doc.method === 'card' && !doc.card) {
      ctx.addIssue({ code: 'custom', path: ['card'], message: 'A card payment needs its token and last four digits.' });
    }
    if (doc.card && doc.method !== 'card') {
      ctx.addIssue({ code: 'custom', path: ['card'], message: `A ${doc.method} payment carries no card details.` });
    }
    if (doc.cash && (doc.method !== 'cash' || doc.cash.tendered - doc.cash.change !== doc.amount)) {
      ctx.addIssue({
        code: 'custom',
        path: ['cash'],
        message: 'Cash tendered minus change must equal the amount of a cash payment.',
      });
    }
    if (doc.status === 'pending_offline' && !doc.offline) {
      ctx.addIssue({
        code: 'custom',
        path: ['offline'],
        message: 'An offline card payment needs its capture time and expiry.',
      });
    }
  });
export type Payment = z.output<typeof paymentSchema>;
