// Fulfillment-order moves with their guards (who may make them, pickup vs ship, a complete pick),
// scan-to-confirm picking, and the check the server runs on a store's update.
import { DomainError } from '../errors';
import type { FulfillmentOrder } from '../schemas/fulfillment-order-shape';
import { OrderError } from './errors';
import { sameJson } from './same-json';
import { assertTransition } from './machine';
import { type FulfillmentStatus, FulfillmentStatus as F } from './statuses';
import { FULFILLMENT_REGISTER_MOVES, fulfillmentMachine } from './transitions';

export type FulfillmentActor = 'server' | 'register';

const PICKUP_ONLY: readonly FulfillmentStatus[] = [F.READY_FOR_PICKUP, F.PICKED_UP];
const SHIP_ONLY: readonly FulfillmentStatus[] = [F.SHIPPED];

type Guarded = Pick<FulfillmentOrder, 'id' | 'status' | 'type' | 'lines'>;

export function assertFulfillmentMove(fo: Guarded, to: FulfillmentStatus, actor: FulfillmentActor): void {
  assertTransition(fulfillmentMachine, fo.status, to);
  if (actor === 'register' && !FULFILLMENT_REGISTER_MOVES.some(([a, b]) => a === fo.status && b === to)) {
    throw new DomainError(
      OrderError.NOT_ALLOWED_FOR_ACTOR,
      `A register cannot move a fulfillment order from ${fo.status} to ${to}; that is done by order management.`,
      {
        fulfillmentOrderId: fo.id,
        from: fo.status,
        to,
      },
    );
  }
  if ((fo.type === 'ship' && PICKUP_ONLY.includes(to)) || (fo.type === 'pickup' && SHIP_ONLY.includes(to))) {
    throw new DomainError(OrderError.WRONG_FULFILLMENT_TYPE, `A ${fo.type} order cannot become ${to}.`, {
      fulfillmentOrderId: fo.id,
      to,
    });
  }
  if (to === F.PICKED) {
    // A line reported short counts as settled: orchestration re-routes the short units, and the
    // units this store did find go on to ready/shipped. Nothing found at all is a rejection.
    const open = fo.lines.filter((l) => l.pickedQuantity + l.shortQuantity !== l.quantity);
    if (open.length > 0) {
      const list = open.map((l) => `${l.sku} ${l.pickedQuantity}/${l.quantity}`).join(', ');
      throw new DomainError(
        OrderError.PICK_INCOMPLETE,
        `Not everything is picked (${list}). Scan the missing items, or report them short so they are re-routed.`,
        {
          fulfillmentOrderId: fo.id,
        },
      );
    }
    if (!fo.lines.some((l) => l.pickedQuantity > 0)) {
      throw new DomainError(
        OrderError.PICK_INCOMPLETE,
        'Nothing of this order was found; reject it with a reason so order management re-routes it.',
        { fulfillmentOrderId: fo.id },
      );
    }
  }
}

export interface MoveContext {
  actor: FulfillmentActor;
  by: FulfillmentOrder['history'][number]['by'];
  at: string;
  reason?: string;
}

/** Returns a copy moved to `to`, with the move appended to its history. */
export function applyFulfillmentMove(fo: FulfillmentOrder, to: FulfillmentStatus, ctx: MoveContext): FulfillmentOrder {
  assertFulfillmentMove(fo, to, ctx.actor);
  const entry = { status: to, at: ctx.at, by: ctx.by, ...(ctx.reason ? { reason: ctx.reason } : {}) };
  return { ...fo, status: to, history: [...fo.history, entry], updatedAt: ctx.at };
}

/** Scan-to-confirm: one scanned unit of `sku` goes to the first line of that SKU still short of its quantity. */
export function recordPick(fo: FulfillmentOrder, sku: string, units = 1): FulfillmentOrder {
  if (fo.status !== F.PICKING) {
    throw new DomainError(
      OrderError.ILLEGAL_TRANSITION,
      `Start picking before scanning items (this order is ${fo.status}).`,
      { fulfillmentOrderId: fo.id },
    );
  }
  if (!Number.isSafeInteger(units) || units < 1) {
    throw new DomainError(
      OrderError.INVALID_QUANTITY,
      `Picked units must be a whole number from 1 (got ${String(units)}).`,
    );
  }
  const index = fo.lines.findIndex((l) => l.sku === sku && l.pickedQuantity + l.shortQuantity + units <= l.quantity);
  if (index < 0) {
    const known = fo.lines.some((l) => l.sku === sku);
    throw new DomainError(
      OrderError.PICK_REFUSED,
      known
        ? `All ${sku} for this order are already picked; put the extra item back.`
        : `${sku} is not in this order; put it back and check the pick list.`,
      { fulfillmentOrderId: fo.id, sku },
    );
  }
  const lines = fo.lines.map((l, i) => (i === index ? { ...l, pickedQuantity: l.pickedQuantity + units } : l));
  return { ...fo, lines };
}

/**
 * The server's check of a pushed update by `actor`: lines keep their identity and quantities,
 * picked counts never go down, and a status change is a legal move for that actor.
 */
export function checkFulfillmentUpdate(prev: FulfillmentOrder, next: FulfillmentOrder, actor: FulfillmentActor): void {
  const sameLines =
    prev.lines.length === next.lines.length &&
    prev.lines.every((l, i) => {
      const n = next.lines[i];
      return (
        n !== undefined &&
        n.id === l.id &&
        n.sku === l.sku &&
        n.quantity === l.quantity &&
        n.orderLineId === l.orderLineId
      );
    });
  if (!sameLines || prev.type !== next.type || prev.orderId !== next.orderId) {
    throw new DomainError(
      OrderError.LINES_CHANGED,
      'The items, type or order of a fulfillment order cannot be changed; reject it so order management re-routes it.',
      {
        fulfillmentOrderId: prev.id,
      },
    );
  }
  prev.lines.forEach((l, i) => {
    const n = next.lines[i];
    if (n && (n.pickedQuantity < l.pickedQuantity || n.shortQuantity < l.shortQuantity) && actor === 'register') {
      throw new DomainError(
        OrderError.PICK_DECREASED,
        `Picked units of ${l.sku} cannot go down from ${l.pickedQuantity}; report a short pick instead.`,
        {
          fulfillmentOrderId: prev.id,
          sku: l.sku,
        },
      );
    }
  });
  // Guards see the pushed lines (a pick and its 'picked' status arrive in one update). Replication
  // pushes only a document's latest state, so a register that went ready and handed over before
  // either reached the server pushes picked → picked_up in one update: each move is checked.
  let from = prev.status;
  for (const to of movesBetween(prev, next)) {
    assertFulfillmentMove({ ...next, status: from }, to, actor);
    from = to;
  }
}

/**
 * The status moves from `prev` to `next`: read from the history entries `next` appended (its
 * history extends `prev`'s), else the one direct move. The last move always ends at `next.status`,
 * so a history that claims other moves cannot skip the check of where the order lands.
 */
export function movesBetween(
  prev: Pick<FulfillmentOrder, 'status' | 'history'>,
  next: Pick<FulfillmentOrder, 'status' | 'history'>,
): FulfillmentStatus[] {
  if (prev.status === next.status) return [];
  const extends_ =
    next.history.length > prev.history.length && prev.history.every((h, i) => sameJson(h, next.history[i]));
  const moves: FulfillmentStatus[] = [];
  let at = prev.status;
  if (extends_) {
    for (const entry of next.history.slice(prev.history.length)) {
      if (entry.status === at) continue; // a note on the same status (a short report)
      moves.push(entry.status);
      at = entry.status;
    }
  }
  if (at !== next.status) moves.push(next.status);
  return moves;
}
