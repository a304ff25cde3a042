// Open-price ("custom") items: a product HQ marks `openPrice` (e.g. "Misc. housewares") is sold at
// a price the clerk types, with a description of what was sold. The order line carries the
// description as its note and the typed price as a price override whose reason is
// OPEN_PRICE_REASON and whose approval is a `price_override` by a staff member of at least
// OPEN_PRICE_ROLE (the clerk, when their role allows it; else the manager who approved). Such a
// line moves no stock, sold or returned. The server re-checks every rule here against its own
// product and staff documents (sync-server/replication/open-price-guard.ts).
import { DomainError } from '../errors';
import { containsPan } from '../schemas/pan';
import { LINE_NOTE_MAX } from '../schemas/order-lines';
import { StaffRole, hasRoleAtLeast } from '../staff/roles';

/** The `priceOverride.reason` that marks an order line as an open-price item. */
export const OPEN_PRICE_REASON = 'open price item';
/** The least role that may ring an open-price item without asking someone else. */
export const OPEN_PRICE_ROLE: StaffRole = StaffRole.SUPERVISOR;

export const OpenPriceError = {
  DESCRIPTION_REQUIRED: 'OPEN_PRICE_DESCRIPTION_REQUIRED',
  DESCRIPTION_TOO_LONG: 'OPEN_PRICE_DESCRIPTION_TOO_LONG',
  DESCRIPTION_HAS_CARD_NUMBER: 'OPEN_PRICE_DESCRIPTION_HAS_CARD_NUMBER',
  INVALID_PRICE: 'OPEN_PRICE_INVALID_PRICE',
  OVER_MAXIMUM: 'OPEN_PRICE_OVER_MAXIMUM',
  NOT_OPEN_PRICE: 'OPEN_PRICE_NOT_OPEN_PRICE',
} as const;

export interface CustomItem {
  description: string;
  price: number;
}

/**
 * What the clerk typed, as it will be stored: the description trimmed, non-empty, short enough for
 * a line note and holding no card number; the price a whole number of minor units above zero and
 * at most the product's `maxPrice`.
 */
export function checkedCustomItem(description: string, price: number, maxPrice: number): CustomItem {
  const text = description.trim();
  if (text === '')
    throw new DomainError(OpenPriceError.DESCRIPTION_REQUIRED, 'Type what is being sold (for example "gift basket").');
  if (text.length > LINE_NOTE_MAX)
    throw new DomainError(
      OpenPriceError.DESCRIPTION_TOO_LONG,
      `A description is at most ${LINE_NOTE_MAX} characters (this one has ${text.length}): shorten it.`,
      { length: text.length },
    );
  if (containsPan(text))
    throw new DomainError(
      OpenPriceError.DESCRIPTION_HAS_CARD_NUMBER,
      'This description contains what looks like a card number. Remove it: card numbers are never stored.',
    );
  if (!Number.isSafeInteger(price) || price <= 0)
    throw new DomainError(OpenPriceError.INVALID_PRICE, 'Enter a price above zero.', { price });
  if (price > maxPrice)
    throw new DomainError(
      OpenPriceError.OVER_MAXIMUM,
      'That price is over the most this item may be sold for. Check the amount, or ask HQ to raise the limit.',
      { price, maxPrice },
    );
  return { description: text, price };
}

/** Whether a role may ring an open-price item without another person's approval. */
export const mayRingOpenPrice = (role: StaffRole): boolean => hasRoleAtLeast(role, OPEN_PRICE_ROLE);

/** An order line as the open-price rules read it. */
export interface OpenPriceLine {
  productId: string;
  unitPrice: number;
  note?: string | undefined;
  priceOverride?: { reason: string; approval?: { approvedBy: string; action: string } | undefined } | undefined;
}

/** Whether an order line was sold as an open-price item (it then moves no stock, sold or returned). */
export const isOpenPriceLine = (line: Pick<OpenPriceLine, 'priceOverride'>): boolean =>
  line.priceOverride?.reason === OPEN_PRICE_REASON;

/**
 * Why an order line breaks the open-price rules, or null. `product` is the catalog's product of the
 * line (undefined: unknown); `approverRole` the role of the approval's staff member (undefined:
 * no such active staff member).
 */
export function openPriceLineIssue(
  line: OpenPriceLine,
  product: { openPrice?: { maxPrice: number } | undefined } | undefined,
  approverRole: StaffRole | undefined,
): { field: string; message: string } | null {
  const marked = isOpenPriceLine(line);
  const open = product?.openPrice;
  if (!open) {
    return marked
      ? { field: 'priceOverride.reason', message: 'Only an open-price product may be sold as an open-price item.' }
      : null;
  }
  if (!marked)
    return {
      field: 'priceOverride',
      message: `An open-price product is sold with a typed price: its price override must say "${OPEN_PRICE_REASON}".`,
    };
  if (!line.note) return { field: 'note', message: 'An open-price item needs a description (its line note).' };
  if (line.unitPrice <= 0 || line.unitPrice > open.maxPrice)
    return { field: 'unitPrice', message: `An open-price item costs above zero and at most ${open.maxPrice}.` };
  const approval = line.priceOverride?.approval;
  if (!approval || approval.action !== 'price_override')
    return { field: 'priceOverride.approval', message: 'An open-price item needs a price_override approval.' };
  if (!approverRole || !hasRoleAtLeast(approverRole, OPEN_PRICE_ROLE))
    return {
      field: 'priceOverride.approval.approvedBy',
      message: `An open-price item must be approved by an active ${OPEN_PRICE_ROLE} or above.`,
    };
  return null;
}
