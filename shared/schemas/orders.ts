// Orders from every channel. A POS sale is written by the register that rang it up; web, mobile
// and phone orders by the server. Once completed an order is immutable: changes are new documents.
import { z } from 'zod';
import { isValidOrderNumber } from '../ids/order-number';
import { ORDER_CHANNELS, ORDER_STATUSES } from '../orders/statuses';
import { SyncErrorCode } from '../protocol/errors';
import { checkOrderUpdate } from '../orders/order-lifecycle';
import { defineCollection, HQ_AND_REGISTERS, HQ_ONLY, STORE } from './define';
import { issueFromRule } from './rule-issue';
import { code, currency, freeText, isoTimestamp, minorAmount, postalAddress, uuid } from './fields';
import { checkOrderInvariants } from './order-invariants';
import { orderDiscountSchema, orderLineSchema, orderTotalsSchema } from './order-lines';

/**
 * `S012-R03-000123-C` from shared/ids `formatOrderNumber`: store code, register (or channel) code,
 * that register's sequence, check character. Web orders use a channel code such as `WEB-W01-…`;
 * a platform's own number goes in `externalRef`.
 */
const ORDER_NUMBER_MAX_LENGTH = 40;
export const orderNumber = z
  .string()
  .max(ORDER_NUMBER_MAX_LENGTH)
  .regex(/^[A-Z0-9]{1,10}-[A-Z0-9]{1,10}-\d{6,10}-[0-9A-Z]$/, 'An order number looks like S012-R03-000123-C.')
  .refine(isValidOrderNumber, {
    message: 'The order number has a wrong check character; create it with formatOrderNumber.',
  });

const orderFulfillmentSchema = z.strictObject({
  method: z.enum(['carry_out', 'pickup', 'ship', 'deliver']),
  pickupStoreId: uuid.optional(),
  shippingAddress: postalAddress.optional(),
  shippingMethod: z.string().max(64).optional(),
  shippingCost: minorAmount.optional(),
});

export const orderShape = z.strictObject({
  id: uuid,
  orderNumber,
  channel: z.enum(ORDER_CHANNELS),
  status: z.enum(ORDER_STATUSES),
  /** The store that took the sale (POS) or that owns the web order's customer service. */
  storeId: uuid,
  registerId: uuid.optional(),
  /** Identifier in the e-commerce platform the order came from (web/mobile channels). */
  externalRef: z.string().max(100).optional(),
  customerId: uuid.optional(),
  customerEmail: z.email().max(200).optional(),
  currency,
  priceBookId: uuid,
  taxJurisdiction: code,
  taxMode: z.enum(['inclusive', 'exclusive']),
  taxRounding: z.enum(['line', 'invoice']),
  taxExempt: z.boolean(),
  lines: z.array(orderLineSchema).max(500),
  orderDiscounts: z.array(orderDiscountSchema).max(20),
  totals: orderTotalsSchema.optional(),
  fulfillment: orderFulfillmentSchema,
  /** Set on the new order of an exchange: the return it settles against. */
  exchangeForReturnId: uuid.optional(),
  /** Shift in which a POS sale was taken, for the X/Z report. */
  tillShiftId: uuid.optional(),
  createdBy: uuid.optional(),
  notes: freeText(1000).optional(),
  createdAt: isoTimestamp,
  completedAt: isoTimestamp.optional(),
  updatedAt: isoTimestamp,
});
export type Order = z.output<typeof orderShape>;
export const orderSchema = orderShape.superRefine(checkOrderInvariants);

export const orders = defineCollection('orders', {
  description: 'Orders from all channels. POS: the capturing register writes; web/mobile/phone: the server writes.',
  schema: orderSchema,
  indexes: ['orderNumber', ['storeId', 'createdAt'], ['status', 'createdAt']],
  // 1: fields added since the first release (see define's `version`).
  version: 1,
  access: {
    create: HQ_AND_REGISTERS,
    change: HQ_AND_REGISTERS,
    // A sale is never erased: a completed order is returned, an open one voided (a status).
    delete: HQ_ONLY,
    scope: STORE,
    registerPull: 'own_store',
    appendOnly: false,
    conflict: 'single_writer',
    lookupKey: (doc) => doc.orderNumber,
    registerCreate: (doc) =>
      doc.channel === 'pos'
        ? null
        : {
            field: 'channel',
            message:
              'A register records only point-of-sale orders (channel "pos"); web and phone orders come from head office.',
            code: SyncErrorCode.CHANGE_FORBIDDEN,
          },
    checkChange: (previous, next) => issueFromRule(() => checkOrderUpdate(previous, next)),
    note: "A register writes only channel 'pos' orders of its own store; web/mobile/phone orders are the server's. Completed or voided orders are immutable.",
  },
});
