// The stored shape of a fulfillment order, apart from its collection definition in
// fulfillment-orders.ts so the fulfillment rules (shared/orders) can name the type without an
// import cycle.
import { z } from 'zod';
import { FULFILLMENT_STATUSES } from '../orders/statuses';
import { orderNumber } from './order-shape';
import {
  actor,
  currency,
  isoTimestamp,
  label,
  minorAmount,
  nonNegativeQuantity,
  positiveQuantity,
  postalAddress,
  sku,
  uuid,
} from './fields';

const fulfillmentLineSchema = z.strictObject({
  id: uuid,
  orderLineId: uuid,
  productId: uuid,
  sku,
  name: label,
  quantity: positiveQuantity,
  /** Units scanned into the tote so far; never above `quantity`. */
  pickedQuantity: nonNegativeQuantity,
  /** Units the store could not find; a short pick sends the rest back to orchestration. */
  shortQuantity: nonNegativeQuantity,
});

const fulfillmentHistoryEntry = z.strictObject({
  status: z.enum(FULFILLMENT_STATUSES),
  at: isoTimestamp,
  by: actor,
  reason: z.string().max(200).optional(),
});

export const fulfillmentOrderSchema = z
  .strictObject({
    id: uuid,
    orderId: uuid,
    orderNumber,
    assignedStoreId: uuid,
    type: z.enum(['pickup', 'ship']),
    status: z.enum(FULFILLMENT_STATUSES),
    lines: z.array(fulfillmentLineSchema).min(1).max(500),
    customer: z.strictObject({
      name: label,
      email: z.email().max(200).optional(),
      phone: z.string().max(40).optional(),
    }),
    /** Code the customer shows at pickup; the clerk also checks ID for the named person. */
    pickupCode: z
      .string()
      .regex(/^[A-Z0-9]{4,10}$/, 'A pickup code is 4 to 10 capital letters or digits.')
      .optional(),
    shippingAddress: postalAddress.optional(),
    shipment: z
      .strictObject({
        carrier: z.string().min(1).max(40),
        trackingNumber: z.string().min(1).max(64),
        cost: minorAmount,
        /** The latest tracking state the carrier reported (POST /api/carriers/:carrier/tracking). */
        tracking: z
          .strictObject({
            status: z.enum(['in_transit', 'out_for_delivery', 'delivered', 'exception']),
            at: isoTimestamp,
            location: z.string().max(100).optional(),
          })
          .optional(),
      })
      .optional(),
    /** Where the picked order waits for its customer (shelf or bin), set when it is marked ready. */
    staging: z.strictObject({ location: z.string().min(1).max(40), at: isoTimestamp, by: actor }).optional(),
    /** How the person collecting was verified at hand-over, and by whom. */
    handover: z
      .strictObject({
        method: z.enum(['pickup_code', 'id_seen']),
        at: isoTimestamp,
        by: actor,
        collectedBy: label,
        note: z.string().max(200).optional(),
        /** Partial pickup: units taken per line, when the customer left some picked units behind. */
        collected: z
          .array(z.strictObject({ lineId: uuid, quantity: nonNegativeQuantity }))
          .max(500)
          .optional(),
        /**
         * Money at hand-over (shared/orders/pickup-settlement): what the items taken cost, the
         * balance the counter collected (its payments), and the web authorisation to capture.
         */
        payment: z
          .strictObject({
            currency,
            value: minorAmount,
            balanceCollected: minorAmount,
            capture: minorAmount,
            paymentIds: z.array(uuid).max(20),
          })
          .optional(),
      })
      .optional(),
    /**
     * Money for the hand-over, kept current by the server (registers may not change it): the
     * prices of this part's web-order lines, what the order's payments still hold after the parts
     * already handed over (`covered`) and of that the web authorisation (`authorised`), and the
     * payments counted. A store that does not replicate the web order collects its balance from it.
     */
    settlement: z
      .strictObject({
        currency,
        lines: z.array(z.strictObject({ orderLineId: uuid, quantity: positiveQuantity, total: minorAmount })).max(500),
        covered: minorAmount,
        authorised: minorAmount,
        paymentIds: z.array(uuid).max(50),
      })
      .optional(),
    /** inventory_movements of type 'reservation' made when the server routed this order here. */
    reservationMovementIds: z.array(uuid).max(500),
    /** How many stores had this work before; orchestration gives up (on_hold) past a limit. */
    rerouteCount: z.number().int().min(0).max(100),
    previousFulfillmentOrderId: uuid.optional(),
    history: z.array(fulfillmentHistoryEntry).max(200),
    dueAt: isoTimestamp.optional(),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
  })
  .superRefine((doc, ctx) => {
    doc.handover?.collected?.forEach((c, i) => {
      const line = doc.lines.find((l) => l.id === c.lineId);
      if (!line || c.quantity > line.pickedQuantity) {
        ctx.addIssue({
          code: 'custom',
          path: ['handover', 'collected', i, 'quantity'],
          message: line
            ? `Collected (${c.quantity}) is more than picked (${line.pickedQuantity}) for ${line.sku}.`
            : 'A collected line must be a line of this order.',
        });
      }
    });
    doc.lines.forEach((line, i) => {
      if (line.pickedQuantity + line.shortQuantity > line.quantity) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i, 'pickedQuantity'],
          message: `Picked plus short (${line.pickedQuantity + line.shortQuantity}) is more than ordered (${line.quantity}) for ${line.sku}.`,
        });
      }
    });
  });
export type FulfillmentOrder = z.output<typeof fulfillmentOrderSchema>;
