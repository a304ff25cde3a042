// The stored shape of an order (every channel), apart from its collection definition in orders.ts so
// that the order rules (shared/orders, order-invariants, pricing) can name the type without an import
// cycle.
import { z } from 'zod';
import { isValidOrderNumber } from '../ids/order-number';
import { ORDER_CHANNELS, ORDER_STATUSES } from '../orders/statuses';
import { code, currency, freeText, isoTimestamp, minorAmount, postalAddress, uuid } from './fields';
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
