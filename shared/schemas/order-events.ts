// The append-only history of an order: status changes, notes, approvals, alerts. Anyone may add an
// event; nobody updates one, so events never conflict.
import { z } from 'zod';
import { FULFILLMENT_STATUSES, ORDER_STATUSES } from '../orders/statuses';
import { defineCollection, HQ_AND_REGISTERS, HQ_ONLY, NOBODY, STORE } from './define';
import { actor, approvalRef, freeText, isoTimestamp, label, minorAmount, sku, uuid } from './fields';

const anyStatus = z.enum([...ORDER_STATUSES, ...FULFILLMENT_STATUSES]);

const orderEventPayloads = {
  status_changed: z.strictObject({
    from: anyStatus,
    to: anyStatus,
    fulfillmentOrderId: uuid.optional(),
    reason: z.string().max(200).optional(),
  }),
  note: z.strictObject({ text: freeText(2000) }),
  /** A manager's PIN override; lines, returns and drawer events point at this event's id. */
  approval: z.strictObject({
    action: approvalRef.shape.action,
    approvedBy: uuid,
    requestedBy: uuid.optional(),
    reason: z.string().max(200).optional(),
    amount: minorAmount.optional(),
    threshold: minorAmount.optional(),
  }),
  receipt_email_requested: z.strictObject({ email: z.email().max(200) }),
  receipt_printed: z.strictObject({ copy: z.boolean() }),
  alert_oversell: z.strictObject({ storeId: uuid, sku, available: z.number().int().min(-1_000_000).max(0) }),
  /** A gift card or store credit balance went below zero (spent on two registers offline); the sales stand. */
  alert_balance_overspent: z.strictObject({
    account: z.enum(['gift_card', 'store_credit']),
    last4: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
    customerId: uuid.optional(),
    paymentId: uuid,
    balance: z.number().int().min(-1_000_000_000).max(-1),
  }),
  fulfillment_rerouted: z.strictObject({
    fromFulfillmentOrderId: uuid,
    toFulfillmentOrderId: uuid.optional(),
    fromStoreId: uuid,
    toStoreId: uuid.optional(),
    reason: label,
  }),
  customer_notified: z.strictObject({ channel: z.enum(['email', 'sms']), template: z.string().max(64) }),
  payment_captured: z.strictObject({ paymentId: uuid, amount: minorAmount }),
  /**
   * Head office's customer service on the order (cancel, appeasement, return authorisation,
   * re-ship): which HQ user did it, with what role, and why.
   */
  service_action: z.strictObject({
    action: z.enum(['cancelled', 'appeasement', 'return_authorised', 'reshipped']),
    by: z.strictObject({
      userId: z.string().min(1).max(64),
      email: z.string().min(1).max(200),
      role: z.enum(['admin', 'operations', 'viewer']),
    }),
    reason: z.string().min(1).max(200),
    amount: minorAmount.optional(),
    method: z.enum(['card_refund', 'store_credit', 'void']).optional(),
    paymentId: uuid.optional(),
    raNumber: z.string().max(20).optional(),
    fulfillmentOrderId: uuid.optional(),
  }),
} as const;

export type OrderEventType = keyof typeof orderEventPayloads;
export const ORDER_EVENT_TYPES = Object.keys(orderEventPayloads) as [OrderEventType, ...OrderEventType[]];

const base = {
  id: uuid,
  orderId: uuid,
  /** The store whose registers see the event (the order's store, or the fulfilling store). */
  storeId: uuid,
  actor,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
};

const variants = ORDER_EVENT_TYPES.map((type) =>
  z.strictObject({ ...base, type: z.literal(type), payload: orderEventPayloads[type] }),
);

type EventVariant<K extends OrderEventType> = z.ZodObject<
  typeof base & { type: z.ZodLiteral<K>; payload: (typeof orderEventPayloads)[K] },
  z.core.$strict
>;
type AllVariants = { [K in OrderEventType]: EventVariant<K> }[OrderEventType];

export const orderEventSchema = z.discriminatedUnion('type', variants as unknown as [AllVariants, ...AllVariants[]]);
export type OrderEvent = z.output<typeof orderEventSchema>;
export type OrderEventOf<K extends OrderEventType> = Extract<OrderEvent, { type: K }>;

const storageShape = z.strictObject({
  ...base,
  type: z.enum(ORDER_EVENT_TYPES),
  payload: z.union(Object.values(orderEventPayloads)),
});

export const orderEvents = defineCollection('order_events', {
  description: 'Append-only order history: status changes, notes, approvals, alerts. Never updated.',
  schema: orderEventSchema,
  storageShape,
  indexes: [
    ['orderId', 'createdAt'],
    ['storeId', 'createdAt'],
  ],
  // 1: fields added since the first release (see define's `version`).
  version: 1,
  access: {
    create: HQ_AND_REGISTERS,
    change: NOBODY,
    delete: HQ_ONLY,
    scope: STORE,
    registerPull: 'own_store',
    appendOnly: true,
    conflict: 'append_only',
    note: 'Status history, notes, approvals, alerts.',
  },
});
