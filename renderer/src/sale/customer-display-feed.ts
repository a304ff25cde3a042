// What the customer display shows, from the open sale: the store's name while idle, the running
// lines and total while scanning, paid so far while paying, and the change due once a sale is
// paid and complete — until the next sale starts or PAID_SCREEN_MS pass. Pure: the hook
// (useCustomerDisplayFeed.ts) gathers the inputs and sends the result through the bridge.
import type { CustomerDisplayState } from '../../../shared/ipc/display-schemas';
import type { Cart } from '../model/cart-types';
import type { CartTotals } from '../model/totals';
import type { Tender } from '../model/tender';
import type { CompletedSaleSummary } from './last-sale-store';

/** How long the "paid, change due" screen stays before the display returns to the welcome screen. */
export const PAID_SCREEN_MS = 60_000;

export interface DisplayInput {
  cart: Cart;
  totals: CartTotals;
  /** Tenders taken for the open sale. */
  tenders: readonly Tender[];
  storeName: string | undefined;
  lastSale: CompletedSaleSummary | undefined;
  now: number;
}

/** What the customer handed over: cash as tendered (before change), other tenders as charged. */
export function handedOver(tenders: readonly Tender[]): number {
  return tenders.reduce((n, t) => n + (t.cash?.tendered ?? t.amount), 0);
}

const EMPTY = { lines: [], subtotal: 0, discountTotal: 0, taxTotal: 0 } as const;

function storeName(input: DisplayInput): { storeName?: string } {
  return input.storeName ? { storeName: input.storeName } : {};
}

export function customerDisplayState(input: DisplayInput): CustomerDisplayState {
  const { cart, totals, tenders, lastSale, now } = input;
  if (cart.lines.length === 0) {
    if (lastSale && now - lastSale.at < PAID_SCREEN_MS) {
      return {
        status: 'paid',
        currency: lastSale.currency,
        ...EMPTY,
        lines: [],
        total: lastSale.total,
        paid: lastSale.paid,
        changeDue: lastSale.changeDue,
        ...storeName(input),
        message: 'Thank you!',
      };
    }
    return {
      status: 'idle',
      currency: cart.currency,
      ...EMPTY,
      lines: [],
      total: 0,
      paid: 0,
      changeDue: 0,
      ...storeName(input),
      message: 'Welcome',
    };
  }
  const byId = new Map(cart.lines.map((l) => [l.lineId, l]));
  return {
    status: tenders.length > 0 ? 'paying' : 'cart',
    currency: cart.currency,
    lines: totals.lines.map((l) => {
      const line = byId.get(l.key);
      return {
        id: l.key,
        description: line?.name ?? '',
        quantity: l.quantity,
        ...(l.weightGrams ? { weightGrams: l.weightGrams } : {}),
        ...(line?.note ? { note: line.note } : {}),
        unitPrice: l.unitPrice,
        lineTotal: l.total,
      };
    }),
    subtotal: totals.subtotal.amount,
    discountTotal: totals.discountTotal.amount,
    taxTotal: totals.taxTotal.amount,
    total: totals.grandTotal.amount,
    paid: handedOver(tenders),
    changeDue: tenders.reduce((n, t) => n + (t.cash?.change ?? 0), 0),
    ...storeName(input),
  };
}

/** The summary kept when a sale completes: what was due, what was handed over, the change. */
export function completedSummary(
  saleId: string,
  currency: string,
  totals: CartTotals,
  tenders: readonly Tender[],
  now: number,
): CompletedSaleSummary {
  return {
    saleId,
    currency,
    total: totals.grandTotal.amount,
    paid: handedOver(tenders),
    changeDue: tenders.reduce((n, t) => n + (t.cash?.change ?? 0), 0),
    at: now,
  };
}
