// Store-side work on a fulfillment order that is not a status move: reporting units short,
// checking a pickup code, and the walk order of a pick list.
import { DomainError } from '../errors';
import { pickupCodeMatches } from '../ids/pickup-code';
import type { FulfillmentOrder } from '../schemas/fulfillment-order-shape';
import { OrderError } from './errors';
import { FulfillmentStatus as F } from './statuses';

export const PickupError = {
  CODE_MISMATCH: 'PICKUP_CODE_MISMATCH',
  NOT_READY: 'PICKUP_NOT_READY',
  NO_CODE: 'PICKUP_NO_CODE',
} as const;

/**
 * Marks `units` of one line as not found. Orchestration re-routes the short units (server side);
 * the store keeps going with what it found.
 */
export function recordShort(fo: FulfillmentOrder, lineId: string, units: number): FulfillmentOrder {
  if (fo.status !== F.PICKING) {
    throw new DomainError(
      OrderError.ILLEGAL_TRANSITION,
      `Start picking before reporting items short (this order is ${fo.status}).`,
      { fulfillmentOrderId: fo.id },
    );
  }
  const line = fo.lines.find((l) => l.id === lineId);
  if (!line)
    throw new DomainError(OrderError.PICK_REFUSED, 'That line is not in this order; reopen the pick list.', {
      fulfillmentOrderId: fo.id,
      lineId,
    });
  const open = line.quantity - line.pickedQuantity - line.shortQuantity;
  if (!Number.isSafeInteger(units) || units < 1 || units > open) {
    throw new DomainError(
      OrderError.INVALID_QUANTITY,
      `Short units of ${line.sku} must be a whole number from 1 to ${open} (got ${String(units)}).`,
      {
        fulfillmentOrderId: fo.id,
        lineId,
      },
    );
  }
  return {
    ...fo,
    lines: fo.lines.map((l) => (l.id === lineId ? { ...l, shortQuantity: l.shortQuantity + units } : l)),
  };
}

/** Units of a line neither picked nor reported short. */
export function openUnits(line: FulfillmentOrder['lines'][number]): number {
  return line.quantity - line.pickedQuantity - line.shortQuantity;
}

/** Throws unless the order is ready and `code` is its pickup code. Works on the replica (offline). */
export function verifyPickupCode(
  fo: Pick<FulfillmentOrder, 'id' | 'status' | 'pickupCode' | 'orderNumber'>,
  code: string,
): void {
  if (fo.status !== F.READY_FOR_PICKUP) {
    throw new DomainError(
      PickupError.NOT_READY,
      `Order ${fo.orderNumber} is ${fo.status.replace(/_/g, ' ')}, not ready for pickup; it cannot be handed over yet.`,
      { fulfillmentOrderId: fo.id },
    );
  }
  if (!fo.pickupCode) {
    throw new DomainError(
      PickupError.NO_CODE,
      `Order ${fo.orderNumber} has no pickup code; check the customer's ID instead.`,
      { fulfillmentOrderId: fo.id },
    );
  }
  if (!pickupCodeMatches(code, fo.pickupCode)) {
    throw new DomainError(
      PickupError.CODE_MISMATCH,
      'That pickup code does not match this order. Ask the customer to check the e-mail, or verify their ID instead.',
      {
        fulfillmentOrderId: fo.id,
      },
    );
  }
}

export interface PickLocation {
  /** Aisle/bay/shelf text that sorts in walking order ("A03-2"); undefined when not known. */
  location?: string;
  /** Fallback grouping when no location is known (department, then category). */
  department?: string;
  category?: string;
}

export interface PickListItem {
  fulfillmentOrderId: string;
  orderNumber: string;
  lineId: string;
  sku: string;
  name: string;
  open: number;
  location: string | undefined;
}

/** Where to find a product for the pick walk: its shelf location when known, else its department. */
export function pickPlace(product: {
  location?: string | undefined;
  department?: string | undefined;
  category?: string | undefined;
}): PickLocation {
  const location = product.location?.trim();
  return {
    ...(location ? { location } : {}),
    ...(product.department ? { department: product.department } : {}),
    ...(product.category ? { category: product.category } : {}),
  };
}

// Numbers inside a location compare as numbers, so aisle A9 comes before A10 without padding.
const walkOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * One pick walk for one or many orders: open lines sorted by known location first (walking
 * order, numbers compared as numbers), then by department/category so items of one area stay
 * together, then SKU.
 */
export function pickList(
  orders: readonly FulfillmentOrder[],
  where: (sku: string) => PickLocation | undefined,
): PickListItem[] {
  const items: (PickListItem & { key: string })[] = [];
  for (const fo of orders) {
    for (const line of fo.lines) {
      const open = openUnits(line);
      if (open <= 0) continue;
      const place = where(line.sku);
      const key = place?.location
        ? `0${place.location}`
        : `1${place?.department ?? '~'}\u0000${place?.category ?? '~'}`;
      items.push({
        fulfillmentOrderId: fo.id,
        orderNumber: fo.orderNumber,
        lineId: line.id,
        sku: line.sku,
        name: line.name,
        open,
        location: place?.location,
        key,
      });
    }
  }
  items.sort((a, b) =>
    a.key !== b.key
      ? walkOrder.compare(a.key, b.key) || (a.key < b.key ? -1 : 1)
      : a.sku < b.sku
        ? -1
        : a.sku > b.sku
          ? 1
          : a.orderNumber < b.orderNumber
            ? -1
            : 1,
  );
  return items.map(({ key: _key, ...item }) => item);
}
