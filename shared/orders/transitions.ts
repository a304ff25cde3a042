// The three order lifecycles as data. A completed POS sale is final: it is never edited or voided,
// it is returned. Web orders are moved by orchestration; fulfillment orders by orchestration and
// the assigned store.
import { FulfillmentStatus as F, PosOrderStatus as P, WebOrderStatus as W } from './statuses';
import type { FulfillmentStatus, PosOrderStatus, WebOrderStatus } from './statuses';
import { defineMachine } from './machine';

export const POS_ORDER_TRANSITIONS = {
  [P.OPEN]: [P.SUSPENDED, P.COMPLETED, P.VOIDED],
  [P.SUSPENDED]: [P.OPEN, P.VOIDED],
  [P.COMPLETED]: [],
  [P.VOIDED]: [],
} as const satisfies { [K in PosOrderStatus]: readonly PosOrderStatus[] };

export const WEB_ORDER_TRANSITIONS = {
  [W.CREATED]: [W.VALIDATED, W.REJECTED, W.CANCELLED],
  [W.VALIDATED]: [W.ALLOCATED, W.ON_HOLD, W.CANCELLED],
  // On hold: no store can fill it yet (stock, capacity). Orchestration retries.
  [W.ON_HOLD]: [W.ALLOCATED, W.CANCELLED],
  // Back to on_hold when a re-route finds no other store.
  [W.ALLOCATED]: [W.IN_FULFILLMENT, W.ON_HOLD, W.CANCELLED],
  // Back to allocated when a store rejects or short-picks and another store takes the work.
  [W.IN_FULFILLMENT]: [W.PARTIALLY_FULFILLED, W.FULFILLED, W.ALLOCATED, W.ON_HOLD, W.CANCELLED],
  [W.PARTIALLY_FULFILLED]: [W.FULFILLED, W.CANCELLED],
  [W.FULFILLED]: [],
  [W.CANCELLED]: [],
  [W.REJECTED]: [],
} as const satisfies { [K in WebOrderStatus]: readonly WebOrderStatus[] };

export const FULFILLMENT_TRANSITIONS = {
  [F.CREATED]: [F.ALLOCATED, F.REJECTED, F.CANCELLED],
  [F.ALLOCATED]: [F.PICKING, F.REJECTED, F.CANCELLED],
  [F.PICKING]: [F.PICKED, F.REJECTED, F.CANCELLED],
  [F.PICKED]: [F.READY_FOR_PICKUP, F.SHIPPED, F.CANCELLED],
  // Not collected in time: cancelled, and the stock goes back on the shelf.
  [F.READY_FOR_PICKUP]: [F.PICKED_UP, F.CANCELLED],
  // A rejected fulfillment order is closed as rerouted once orchestration has placed the work elsewhere.
  [F.REJECTED]: [F.REROUTED],
  [F.PICKED_UP]: [],
  [F.SHIPPED]: [],
  [F.REROUTED]: [],
  [F.CANCELLED]: [],
} as const satisfies { [K in FulfillmentStatus]: readonly FulfillmentStatus[] };

export const posOrderMachine = defineMachine<PosOrderStatus>('POS sale', P.OPEN, POS_ORDER_TRANSITIONS);
export const webOrderMachine = defineMachine<WebOrderStatus>('web order', W.CREATED, WEB_ORDER_TRANSITIONS);
export const fulfillmentMachine = defineMachine<FulfillmentStatus>(
  'fulfillment order',
  F.CREATED,
  FULFILLMENT_TRANSITIONS,
);

/**
 * Which side may make each fulfillment move. The assigned store works the order on its registers;
 * routing, cancelling and closing a rejection are orchestration's (the server's).
 */
export const FULFILLMENT_REGISTER_MOVES: readonly (readonly [FulfillmentStatus, FulfillmentStatus])[] = [
  [F.ALLOCATED, F.PICKING],
  [F.PICKING, F.PICKED],
  [F.PICKED, F.READY_FOR_PICKUP],
  [F.READY_FOR_PICKUP, F.PICKED_UP],
  [F.PICKED, F.SHIPPED],
  [F.ALLOCATED, F.REJECTED],
  [F.PICKING, F.REJECTED],
];
