// Returns math over the replicated documents: the original order's stored lines become SoldLines
// and every completed return of that order (from any store) becomes a PriorReturn.
import { ppmToPercentString } from '../money';
import { storedLineFigures } from '../pricing/order-totals';
import type { Order, Return } from '../schemas';
import type { PriorReturn, SoldLine } from './quantities';

/** Stable code for a stored tax line, the same on the sale and on its returns. */
export function taxLineCode(t: { jurisdiction: string; name: string; ratePpm: number }): string {
  return `${t.jurisdiction}:${t.name}:${t.ratePpm}`;
}

export function soldLinesFromOrder(order: Order): SoldLine[] {
  return order.lines.map((line) => {
    const f = storedLineFigures(line, order);
    return {
      lineId: line.id,
      sku: line.sku,
      quantity: line.quantity,
      net: f.total - f.tax,
      tax: f.tax,
      taxComponents: line.taxes.map((t) => ({
        code: taxLineCode(t),
        name: t.name,
        percent: ppmToPercentString(t.ratePpm),
        amount: t.amount,
      })),
    };
  });
}

/** Completed returns of the order; receipt-less lines and voided returns do not count. */
export function priorReturnsFor(orderId: string, returns: readonly Return[]): PriorReturn[] {
  return returns
    .filter((r) => r.originalOrderId === orderId && r.status === 'completed')
    .map((r) => ({
      returnId: r.id,
      lines: r.lines.flatMap((l) =>
        l.originalLineId !== undefined ? [{ lineId: l.originalLineId, quantity: l.quantity }] : [],
      ),
    }));
}
