// The body of POST /api/orders: what a web shop knows. Prices are what the shop charged; the
// server looks every SKU up, re-prices, taxes and numbers the order itself.
import { z } from 'zod';
import { currency, label, minorAmount, positiveQuantity, postalAddress, sku } from '../../shared/schemas/fields';

const location = z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

export const intakeLineSchema = z.strictObject({
  sku,
  quantity: positiveQuantity.max(1000),
  /** Minor units per unit the customer was charged (before tax when prices exclude tax). */
  unitPrice: minorAmount,
});

const paymentToken = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_:.-]+$/, 'A payment token holds letters, digits and _ : . - only.');

export const intakeSchema = z
  .strictObject({
    /** The shop's own order number or id; the same externalRef twice is one order. */
    externalRef: z.string().min(1).max(100).optional(),
    currency,
    customer: z.strictObject({
      name: label,
      email: z.email().max(200).optional(),
      phone: z.string().max(40).optional(),
    }),
    lines: z.array(intakeLineSchema).min(1).max(100),
    fulfillment: z.discriminatedUnion('method', [
      z.strictObject({ method: z.literal('pickup'), pickupStoreCode: z.string().min(1).max(32) }),
      z.strictObject({
        method: z.literal('ship'),
        /** Optional in the shape so a missing address becomes a visible exception, not a 400. */
        shippingAddress: postalAddress.optional(),
        /** Where the parcel goes, for distance; without it the channel's home store stands in. */
        location: location.optional(),
        shippingMethod: z.string().max(64).optional(),
        shippingCost: minorAmount.optional(),
      }),
    ]),
    billingAddress: postalAddress.optional(),
    payment: z.union([
      /** A gateway token from the shop's checkout (with the simulator: tok_test_4242 and friends). */
      z.strictObject({ token: paymentToken }),
      /** The platform already took the money (a Shopify order): nothing is authorised here. */
      z.strictObject({ paidOnPlatform: z.string().min(1).max(40) }),
      /**
       * Pickup orders only: the customer pays at the counter whatever the card does not cover. With
       * a token the total is authorised and a partial approval is kept (not voided); without one
       * nothing is authorised and the whole total is due at hand-over.
       */
      z.strictObject({ payAtPickup: z.literal(true), token: paymentToken.optional() }),
    ]),
    notes: z.string().max(1000).optional(),
  })
  .refine((o) => !('payAtPickup' in o.payment) || o.fulfillment.method === 'pickup', {
    path: ['payment', 'payAtPickup'],
    message: 'Pay at pickup is for pickup orders; a shipped order is paid at checkout.',
  });
export type IntakePayload = z.output<typeof intakeSchema>;
export type IntakeLine = z.output<typeof intakeLineSchema>;
