// Status vocabularies for the three order lifecycles. They live apart from the transition maps so
// the schemas can import the enums without pulling in the state-machine code.

/** A sale rung up on a register. `completed` and `voided` are final: changes are new documents. */
export const PosOrderStatus = {
  OPEN: 'open',
  SUSPENDED: 'suspended',
  COMPLETED: 'completed',
  VOIDED: 'voided',
} as const;
export type PosOrderStatus = (typeof PosOrderStatus)[keyof typeof PosOrderStatus];

/** An order captured by a web, mobile or phone channel and orchestrated by the server. */
export const WebOrderStatus = {
  CREATED: 'created',
  VALIDATED: 'validated',
  ON_HOLD: 'on_hold',
  ALLOCATED: 'allocated',
  IN_FULFILLMENT: 'in_fulfillment',
  PARTIALLY_FULFILLED: 'partially_fulfilled',
  FULFILLED: 'fulfilled',
  CANCELLED: 'cancelled',
  REJECTED: 'rejected',
} as const;
export type WebOrderStatus = (typeof WebOrderStatus)[keyof typeof WebOrderStatus];

/** The part of an order one location ships or hands over. */
export const FulfillmentStatus = {
  CREATED: 'created',
  ALLOCATED: 'allocated',
  PICKING: 'picking',
  PICKED: 'picked',
  READY_FOR_PICKUP: 'ready_for_pickup',
  PICKED_UP: 'picked_up',
  SHIPPED: 'shipped',
  REJECTED: 'rejected',
  REROUTED: 'rerouted',
  CANCELLED: 'cancelled',
} as const;
export type FulfillmentStatus = (typeof FulfillmentStatus)[keyof typeof FulfillmentStatus];

export const OrderChannel = { POS: 'pos', WEB: 'web', MOBILE: 'mobile', PHONE: 'phone' } as const;
export type OrderChannel = (typeof OrderChannel)[keyof typeof OrderChannel];

/** Every status an `orders` document may carry; which ones are legal depends on its channel. */
export const ORDER_STATUSES = [...Object.values(PosOrderStatus), ...Object.values(WebOrderStatus)] as const;
export type OrderStatus = PosOrderStatus | WebOrderStatus;

export const FULFILLMENT_STATUSES = Object.values(FulfillmentStatus) as [FulfillmentStatus, ...FulfillmentStatus[]];
export const ORDER_CHANNELS = Object.values(OrderChannel) as [OrderChannel, ...OrderChannel[]];
