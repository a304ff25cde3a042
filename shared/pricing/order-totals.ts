// Totals re-derived from a stored order's lines (unit price, quantity or weight, the discounts and
// taxes stored on each line). The server compares them with the totals snapshot a register sent
// and refuses a mismatch, so totals can never drift from their lines.
import { DomainError } from '../errors';
import { money, priceForWeight } from '../money';
import type { Order } from '../schemas/order-shape';
import type { OrderLine } from '../schemas/order-lines';
import { PricingError } from './errors';

export interface StoredLineFigures {
  lineId: string;
  extended: number; // unit price × quantity, or × weight
  discount: number; // line, promotion and allocated order discounts
  discounted: number; // extended − discount: the taxable amount (tax-inclusive in VAT mode)
  tax: number;
  total: number; // what the customer paid for the line
}

export interface DerivedTotals {
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
}

export function storedLineFigures(line: OrderLine, order: Pick<Order, 'currency' | 'taxMode'>): StoredLineFigures {
  const extended =
    line.weightGrams !== undefined
      ? priceForWeight(money(line.unitPrice, order.currency), line.weightGrams).amount
      : money(line.unitPrice * line.quantity, order.currency).amount;
  const discount = line.discounts.reduce((s, d) => s + d.amount, 0);
  const tax = line.taxes.reduce((s, t) => s + t.amount, 0);
  const discounted = extended - discount;
  if (discounted < 0) {
    throw new DomainError(
      PricingError.INVALID_LINE,
      `Line ${line.sku} has more discount than its price. The order cannot be accepted as it is.`,
      { lineId: line.id },
    );
  }
  return {
    lineId: line.id,
    extended,
    discount,
    discounted,
    tax,
    total: order.taxMode === 'exclusive' ? discounted + tax : discounted,
  };
}

export function deriveOrderTotals(order: Pick<Order, 'currency' | 'taxMode' | 'lines'>): DerivedTotals {
  const figures = order.lines.map((l) => storedLineFigures(l, order));
  const sum = (f: (x: StoredLineFigures) => number): number => figures.reduce((s, x) => s + f(x), 0);
  return {
    subtotal: sum((x) => x.extended),
    discountTotal: sum((x) => x.discount),
    taxTotal: sum((x) => x.tax),
    total: sum((x) => x.total),
  };
}

/** The fields where a stored totals snapshot differs from its lines; empty when it agrees. */
export function totalsMismatch(
  order: Pick<Order, 'currency' | 'taxMode' | 'lines' | 'totals'>,
): (keyof DerivedTotals)[] {
  if (!order.totals) return [];
  const derived = deriveOrderTotals(order);
  const stored = order.totals;
  return (Object.keys(derived) as (keyof DerivedTotals)[]).filter((k) => derived[k] !== stored[k]);
}
