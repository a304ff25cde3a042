// A web order's status follows from its fulfillment orders. Orchestration calls this after every
// fulfillment change, so the customer-facing status never disagrees with the stores' work.
import type { FulfillmentOrder } from '../schemas/fulfillment-order-shape';
import { assertTransition } from './machine';
import { FulfillmentStatus as F, WebOrderStatus as W, type WebOrderStatus } from './statuses';
import { webOrderMachine } from './transitions';

// Rerouted and cancelled fulfillment orders are history; a rejected one is work still to place.
const SUPERSEDED: readonly string[] = [F.REROUTED, F.CANCELLED];
const HANDED_OVER: readonly string[] = [F.PICKED_UP, F.SHIPPED];
const IN_STORE_WORK: readonly string[] = [F.PICKING, F.PICKED, F.READY_FOR_PICKUP];

/** The status the fulfillment orders imply, before checking it is a legal move. */
export function impliedWebOrderStatus(
  current: WebOrderStatus,
  fos: readonly Pick<FulfillmentOrder, 'status'>[],
): WebOrderStatus {
  const live = fos.filter((f) => !SUPERSEDED.includes(f.status));
  if (live.length === 0) {
    return fos.length > 0 && fos.every((f) => f.status === F.CANCELLED) ? W.CANCELLED : current;
  }
  const done = live.filter((f) => HANDED_OVER.includes(f.status)).length;
  if (done === live.length) return W.FULFILLED;
  if (done > 0) return W.PARTIALLY_FULFILLED;
  const open = live.filter((f) => !HANDED_OVER.includes(f.status));
  if (open.every((f) => f.status === F.REJECTED)) return W.ON_HOLD; // nothing placed: waiting for a store
  if (open.some((f) => IN_STORE_WORK.includes(f.status))) return W.IN_FULFILLMENT;
  return W.ALLOCATED;
}

/**
 * The web order's next status, or undefined when it stays. Throws ORDER_ILLEGAL_TRANSITION when the
 * fulfillment orders imply a move the lifecycle forbids (a bug in orchestration, not a user error).
 */
export function nextWebOrderStatus(
  current: WebOrderStatus,
  fos: readonly Pick<FulfillmentOrder, 'status'>[],
): WebOrderStatus | undefined {
  const implied = impliedWebOrderStatus(current, fos);
  if (implied === current) return undefined;
  // A partly handed-over order keeps that status while the rest is re-routed.
  if (current === W.PARTIALLY_FULFILLED && implied !== W.FULFILLED && implied !== W.CANCELLED) return undefined;
  return assertTransition(webOrderMachine, current, implied);
}
