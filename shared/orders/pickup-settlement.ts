// Money at the pickup counter: what the units handed over cost, how much of that the order's
// payments already cover (a web card authorisation, earlier tenders), the balance the customer
// still pays at the counter, and how much of the authorisation to capture. Pure, so the register
// (offline, on its replica) and tests agree.
import { DomainError } from '../errors';
import { cumulativeShare, formatMoney, money } from '../money';
import { storedLineFigures } from '../pricing/order-totals';
import type { FulfillmentOrder } from '../schemas/fulfillment-order-shape';
import type { Order } from '../schemas/orders';
import type { Payment } from '../schemas/payments';

export const SettlementError = {
  UNKNOWN_LINE: 'PICKUP_SETTLEMENT_UNKNOWN_LINE',
  INVALID_QUANTITY: 'PICKUP_SETTLEMENT_INVALID_QUANTITY',
  CURRENCY_MISMATCH: 'PICKUP_SETTLEMENT_CURRENCY_MISMATCH',
  BALANCE_UNPAID: 'PICKUP_BALANCE_UNPAID',
} as const;

/** Units handed over, per line of the web order. */
export interface TakenUnits {
  orderLineId: string;
  quantity: number;
}

export type SettlementPayment = Pick<Payment, 'id' | 'kind' | 'method' | 'status' | 'amount' | 'currency'> & {
  gateway?: Payment['gateway'] | undefined;
  card?: Pick<NonNullable<Payment['card']>, 'entryMode'> | undefined;
};

export interface PickupSettlement {
  currency: Order['currency'];
  /** What the units handed over cost (their share of each line, tax included). */
  value: number;
  /** Sale payments that hold money for the order (approved or stored offline), less refunds. */
  covered: number;
  /** Of `covered`, card authorisations taken by the web shop and captured at hand-over. */
  authorised: number;
  /** What the customer pays at the counter before the order is handed over. */
  balanceDue: number;
  /** The part of the authorisations to capture for this hand-over. */
  capture: number;
}

const HOLDS_MONEY: ReadonlySet<Payment['status']> = new Set(['approved', 'pending_offline']);

/** A web shop's authorisation (an e-commerce card payment held at the gateway), captured at hand-over. */
export function isRemoteAuthorisation(p: SettlementPayment): boolean {
  return p.kind === 'sale' && p.card?.entryMode === 'ecommerce' && p.gateway !== undefined && p.status === 'approved';
}

/** The line a hand-over takes units of, refused when it is not on the order or the quantity is not
 * a whole number within the line's. `what` names the units in the message. */
function takenLine<L extends { quantity: number }>(t: TakenUnits, line: L | undefined, what: (line: L) => string): L {
  if (!line)
    throw new DomainError(
      SettlementError.UNKNOWN_LINE,
      'A handed-over item is not on the web order; reopen the order and try again.',
      { orderLineId: t.orderLineId },
    );
  if (!Number.isSafeInteger(t.quantity) || t.quantity < 0 || t.quantity > line.quantity)
    throw new DomainError(
      SettlementError.INVALID_QUANTITY,
      `${what(line)} handed over must be a whole number from 0 to ${line.quantity} (got ${String(t.quantity)}).`,
      { orderLineId: t.orderLineId },
    );
  return line;
}

export function settlePickup(
  order: Pick<Order, 'currency' | 'taxMode' | 'lines'>,
  taken: readonly TakenUnits[],
  payments: readonly SettlementPayment[],
): PickupSettlement {
  let value = 0;
  for (const t of taken) {
    const line = takenLine(
      t,
      order.lines.find((l) => l.id === t.orderLineId),
      (l) => `Units of ${l.sku}`,
    );
    // Weighed lines are one unit; a share of the first units keeps every cent across hand-overs.
    value += cumulativeShare(storedLineFigures(line, order).total, line.quantity, 0, t.quantity);
  }
  let covered = 0;
  let authorised = 0;
  for (const p of payments) {
    if (!HOLDS_MONEY.has(p.status)) continue;
    if (p.currency !== order.currency)
      throw new DomainError(
        SettlementError.CURRENCY_MISMATCH,
        `A payment of the order is in ${p.currency}, the order in ${order.currency}; ask head office to correct it.`,
        { paymentId: p.id },
      );
    covered += p.kind === 'sale' ? p.amount : -p.amount;
    if (isRemoteAuthorisation(p)) authorised += p.amount;
  }
  covered = Math.max(0, covered);
  return {
    currency: order.currency,
    value,
    covered,
    authorised,
    balanceDue: Math.max(0, value - covered),
    capture: Math.min(authorised, value),
  };
}

/** Refuses the hand-over until the tenders taken at the counter pay the balance. */
export function assertBalancePaid(settlement: PickupSettlement, tendered: number): void {
  if (tendered < settlement.balanceDue)
    throw new DomainError(
      SettlementError.BALANCE_UNPAID,
      `The customer still owes ${formatMoney(money(settlement.balanceDue - tendered, settlement.currency))}; take the payment before handing the order over.`,
      { balanceDue: settlement.balanceDue, tendered },
    );
}

/**
 * The money of one fulfillment order as the server keeps it on the document (`settlement`, a field
 * registers may not change), so a store that does not replicate the web order or its payments (a
 * part re-routed there) still collects the right balance, offline too.
 */
export type PartSettlement = NonNullable<FulfillmentOrder['settlement']>;

type SettlementPart = Pick<FulfillmentOrder, 'id' | 'status' | 'lines' | 'handover'>;

/** What a handed-over part used up of the order's money: its recorded value and capture. */
function usedBy(order: Pick<Order, 'currency' | 'taxMode' | 'lines'>, fo: SettlementPart) {
  const recorded = fo.handover?.payment;
  if (recorded) return { value: recorded.value, capture: recorded.capture };
  // A shipment, or a hand-over from before money was recorded: the units it took, at their price.
  const taken = fo.lines.map((l) => ({
    orderLineId: l.orderLineId,
    quantity: fo.status === 'shipped' ? l.pickedQuantity || l.quantity : l.pickedQuantity,
  }));
  const value = settlePickup(
    order,
    taken.filter((t) => order.lines.some((l) => l.id === t.orderLineId && t.quantity <= l.quantity)),
    [],
  ).value;
  return { value, capture: value };
}

/**
 * The server's side: the `settlement` of part `fo` from the whole order — the prices of its lines,
 * and the money the order's payments hold less what the parts already handed over or shipped used
 * (`covered`), of which the web authorisation not yet promised to their captures (`authorised`).
 */
export function partSettlement(
  order: Pick<Order, 'currency' | 'taxMode' | 'lines'>,
  fo: Pick<FulfillmentOrder, 'id' | 'lines'>,
  parts: readonly SettlementPart[],
  payments: readonly SettlementPayment[],
): PartSettlement {
  const held = settlePickup(order, [], payments);
  let value = 0;
  let capture = 0;
  for (const other of parts) {
    if (other.id === fo.id || (other.status !== 'picked_up' && other.status !== 'shipped')) continue;
    const used = usedBy(order, other);
    value += used.value;
    capture += used.capture;
  }
  const covered = Math.max(0, held.covered - value);
  const orderLineIds = new Set(fo.lines.map((l) => l.orderLineId));
  return {
    currency: order.currency,
    lines: order.lines
      .filter((l) => orderLineIds.has(l.id))
      .map((l) => ({ orderLineId: l.id, quantity: l.quantity, total: storedLineFigures(l, order).total })),
    covered,
    authorised: Math.min(covered, Math.max(0, held.authorised - capture)),
    paymentIds: payments
      .filter((p) => HOLDS_MONEY.has(p.status))
      .map((p) => p.id)
      .slice(0, 50),
  };
}

/**
 * The register's side: the hand-over's settlement from the part's `settlement`, plus payments of
 * the order this register holds that the server had not counted yet (`local`, e.g. tenders of an
 * interrupted hand-over, taken offline).
 */
export function settlePart(
  part: PartSettlement,
  taken: readonly TakenUnits[],
  local: readonly SettlementPayment[],
): PickupSettlement {
  let value = 0;
  for (const t of taken) {
    const line = takenLine(
      t,
      part.lines.find((l) => l.orderLineId === t.orderLineId),
      () => 'Units',
    );
    value += cumulativeShare(line.total, line.quantity, 0, t.quantity);
  }
  const counted = new Set(part.paymentIds);
  const extra = settlePickup(
    { currency: part.currency, taxMode: 'inclusive', lines: [] },
    [],
    local.filter((p) => !counted.has(p.id)),
  );
  const covered = part.covered + extra.covered;
  const authorised = part.authorised + extra.authorised;
  return {
    currency: part.currency,
    value,
    covered,
    authorised,
    balanceDue: Math.max(0, value - covered),
    capture: Math.min(authorised, value),
  };
}
