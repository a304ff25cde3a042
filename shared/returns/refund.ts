// Refund amount per returned line: its share of what the customer actually paid (so order-level
// discounts and promotions come back proportionally) plus exactly the tax charged for those units.
// Shares are differences of rounded cumulative shares: all returns of a line together refund
// exactly the line, never a cent more.
import { DomainError } from '../errors';
import { cumulativeShare } from '../money';
import { type TaxComponent, taxForReturnedUnits } from '../tax';
import { ReturnError } from './errors';
import { type PriorReturn, type SoldLine, assertReturnQuantity, returnability } from './quantities';

export interface ReturnRequestLine {
  lineId: string;
  quantity: number;
}

export interface RefundLine {
  lineId: string;
  sku: string;
  quantity: number;
  net: number;
  taxComponents: TaxComponent[];
  tax: number;
  total: number;
}

export interface RefundQuote {
  lines: RefundLine[];
  net: number;
  tax: number;
  total: number;
}

export function quoteRefund(
  sold: readonly SoldLine[],
  prior: readonly PriorReturn[],
  request: readonly ReturnRequestLine[],
): RefundQuote {
  const state = returnability(sold, prior);
  const asked = new Map<string, number>();
  for (const r of request) {
    assertReturnQuantity(r.quantity);
    asked.set(r.lineId, (asked.get(r.lineId) ?? 0) + r.quantity);
  }
  const lines: RefundLine[] = [];
  for (const [lineId, quantity] of asked) {
    const line = sold.find((l) => l.lineId === lineId);
    const st = state.get(lineId);
    if (!line || !st)
      throw new DomainError(ReturnError.UNKNOWN_LINE, `Line ${lineId} is not on this order. Check the receipt.`, {
        lineId,
      });
    if (quantity === 0) continue;
    if (quantity > st.returnable) {
      throw new DomainError(
        ReturnError.OVER_RETURN,
        `Only ${st.returnable} of ${st.bought} × ${line.sku} can still be returned (${st.returned} already returned).`,
        { lineId, returnable: st.returnable, asked: quantity },
      );
    }
    const from = st.returned;
    const net = cumulativeShare(line.net, line.quantity, from, from + quantity);
    const taxComponents = taxForReturnedUnits(line.taxComponents, line.quantity, from, quantity);
    const tax = taxComponents.reduce((s, c) => s + c.amount, 0);
    lines.push({ lineId, sku: line.sku, quantity, net, taxComponents, tax, total: net + tax });
  }
  return {
    lines,
    net: lines.reduce((s, l) => s + l.net, 0),
    tax: lines.reduce((s, l) => s + l.tax, 0),
    total: lines.reduce((s, l) => s + l.total, 0),
  };
}

export type ExchangeSettlement =
  | { direction: 'customer-pays'; amount: number }
  | { direction: 'refund-customer'; amount: number }
  | { direction: 'even'; amount: 0 };

/** An exchange: the returned goods' refund against the new order's total, settled either way. */
export function settleExchange(refundTotal: number, newOrderTotal: number): ExchangeSettlement {
  for (const v of [refundTotal, newOrderTotal]) {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new DomainError(
        ReturnError.INVALID_QUANTITY,
        `An exchange amount of ${String(v)} is not valid. This is a program error; report it.`,
      );
    }
  }
  const diff = newOrderTotal - refundTotal;
  if (diff > 0) return { direction: 'customer-pays', amount: diff };
  if (diff < 0) return { direction: 'refund-customer', amount: -diff };
  return { direction: 'even', amount: 0 };
}
