// Cart/order totals, always derived from the lines: price (book or override) → manual line
// discounts → item promotions → threshold promotion → manual order discount → tax. Order-level
// discounts are allocated to lines in proportion to what each line still costs, so a return can
// refund exactly that line's share.
import { DomainError } from '../errors';
import {
  type Money,
  allocateInteger,
  assertMoney,
  assertQuantity,
  money,
  multiplyByQuantity,
  priceForWeight,
} from '../money';
import { type TaxComponent, type TaxExemption, type TaxJurisdiction, type TaxRateTotal, computeTax } from '../tax';
import { type Discount, discountAmount } from './discounts';
import { PricingError } from './errors';
import { type Promotion, applyItemPromotions, bestThresholdPromotion } from './promotions';

export interface CartLineInput {
  key: string;
  sku: string;
  category: string; // merchandise category, for promotions
  department?: string; // also matched by promotions' categories (config promotions name departments)
  taxCategory: string;
  quantity: number; // whole units; 1 for a weighed line
  weightGrams?: number; // present for weighed items; unitPrice is then per kilogram
  unitPrice: Money; // from the price book
  priceOverride?: { unitPrice: Money; reason: string };
  discounts?: readonly Discount[];
}

export interface CartInput {
  currency: string;
  lines: readonly CartLineInput[];
  orderDiscount?: Discount;
  promotions?: readonly Promotion[];
  at?: string; // ISO time the promotions are evaluated at
  jurisdiction: TaxJurisdiction;
  exemption?: TaxExemption;
}

export interface OrderDiscountApplied {
  source: 'promotion' | 'manual';
  id: string;
  name: string;
  amount: number;
}

export interface PricedLine {
  key: string;
  sku: string;
  quantity: number;
  weightGrams?: number;
  listUnitPrice: number; // price-book price
  unitPrice: number; // after any override
  extended: number; // unitPrice × quantity (or × weight)
  lineDiscount: number; // manual line discounts
  promotion?: { promotionId: string; name: string; amount: number };
  orderDiscount: number; // this line's share of threshold + manual order discounts
  discounted: number; // extended − all discounts: the taxable amount (tax-inclusive in VAT mode)
  taxComponents: TaxComponent[];
  tax: number;
  total: number; // what the customer pays for the line
}

export interface CartTotals {
  currency: string;
  lines: PricedLine[];
  orderDiscounts: OrderDiscountApplied[];
  subtotal: Money; // sum of extended prices
  discountTotal: Money;
  taxByRate: TaxRateTotal[];
  taxTotal: Money;
  grandTotal: Money;
}

function lineError(key: string, message: string): DomainError {
  return new DomainError(PricingError.INVALID_LINE, message, { key });
}

function extendedOf(line: CartLineInput, currency: string): { unit: number; extended: number } {
  const unit = line.priceOverride?.unitPrice ?? line.unitPrice;
  assertMoney(line.unitPrice);
  assertMoney(unit);
  if (unit.currency !== currency || line.unitPrice.currency !== currency) {
    throw new DomainError(
      PricingError.CURRENCY_MISMATCH,
      `Line ${line.sku} is priced in ${unit.currency}, the sale is in ${currency}.`,
      { key: line.key },
    );
  }
  if (unit.amount < 0)
    throw lineError(line.key, `The price of ${line.sku} cannot be negative. Enter a price of zero or more.`);
  if (line.weightGrams !== undefined) {
    assertQuantity(line.weightGrams, 'weight in grams');
    if (line.weightGrams === 0) throw lineError(line.key, `The weight of ${line.sku} is zero. Weigh the item again.`);
    if (line.quantity !== 1)
      throw lineError(
        line.key,
        `A weighed item is one line per package; ring up ${line.sku} again for another package.`,
      );
    return { unit: unit.amount, extended: priceForWeight(unit, line.weightGrams).amount };
  }
  assertQuantity(line.quantity);
  if (line.quantity === 0) throw lineError(line.key, `The quantity of ${line.sku} is zero. Remove the line instead.`);
  return { unit: unit.amount, extended: multiplyByQuantity(unit, line.quantity).amount };
}

export function priceCart(input: CartInput): CartTotals {
  const { currency } = input;
  const keys = new Set<string>();
  const work = input.lines.map((line) => {
    if (keys.has(line.key))
      throw lineError(line.key, `Two lines share the key ${line.key}. This is a program error; report it.`);
    keys.add(line.key);
    const { unit, extended } = extendedOf(line, currency);
    let amount = extended;
    let lineDiscount = 0;
    for (const d of line.discounts ?? []) {
      const taken = discountAmount(money(amount, currency), d);
      amount -= taken;
      lineDiscount += taken;
    }
    return {
      line,
      unit,
      extended,
      lineDiscount,
      amount,
      promotion: undefined as PricedLine['promotion'],
      orderDiscount: 0,
    };
  });

  const promotions = input.promotions ?? [];
  const applied = applyItemPromotions(
    promotions,
    work.map((w) => ({
      key: w.line.key,
      sku: w.line.sku,
      category: w.line.category,
      ...(w.line.department !== undefined ? { department: w.line.department } : {}),
      quantity: w.line.quantity,
      unitPrice: w.unit,
      amount: w.amount,
      weighed: w.line.weightGrams !== undefined,
      manual: w.line.priceOverride !== undefined || w.lineDiscount > 0 || (w.line.discounts ?? []).length > 0,
    })),
    input.at,
  );
  const thresholdOn = (itemSavings: (key: string) => number) =>
    bestThresholdPromotion(
      promotions,
      work.map((w) => ({ key: w.line.key, category: w.line.category, amount: w.amount - itemSavings(w.line.key) })),
      input.at,
    );
  const itemSaving = (key: string): number => applied.reduce((s, a) => s + (a.perLine[key] ?? 0), 0);
  const withItems = thresholdOn(itemSaving);
  const withoutItems = thresholdOn(() => 0);
  // Best for the customer: item promotions can pull the basket under a threshold that would have
  // saved more on its own; then the threshold alone wins (ties keep the item promotions).
  const itemsWin = applied.reduce((s, a) => s + a.total, 0) + (withItems?.amount ?? 0) >= (withoutItems?.amount ?? 0);
  const threshold = itemsWin ? withItems : withoutItems;
  if (itemsWin) {
    for (const a of applied) {
      for (const w of work) {
        const amount = a.perLine[w.line.key];
        if (amount === undefined || amount === 0) continue;
        w.promotion = { promotionId: a.promotionId, name: a.name, amount };
        w.amount -= amount;
      }
    }
  }

  const orderDiscounts: OrderDiscountApplied[] = [];
  const spread = (amount: number, targets: typeof work): void => {
    const shares = allocateInteger(
      amount,
      targets.map((t) => t.amount),
    );
    targets.forEach((t, i) => {
      t.orderDiscount += shares[i] as number;
      t.amount -= shares[i] as number;
    });
  };
  if (threshold) {
    spread(
      threshold.amount,
      work.filter((w) => threshold.eligibleKeys.includes(w.line.key)),
    );
    orderDiscounts.push({
      source: 'promotion',
      id: threshold.promotionId,
      name: threshold.name,
      amount: threshold.amount,
    });
  }
  if (input.orderDiscount && work.length > 0) {
    const remaining = work.reduce((s, w) => s + w.amount, 0);
    const amount = discountAmount(money(remaining, currency), input.orderDiscount);
    if (amount > 0) {
      spread(amount, work);
      orderDiscounts.push({ source: 'manual', id: 'manual', name: input.orderDiscount.reason, amount });
    }
  }

  const tax = computeTax(
    work.map((w) => ({ key: w.line.key, amount: money(w.amount, currency), category: w.line.taxCategory })),
    input.jurisdiction,
    currency,
    input.exemption,
  );
  const lines: PricedLine[] = work.map((w, i) => {
    const t = tax.lines[i] as (typeof tax.lines)[number];
    const priced: PricedLine = {
      key: w.line.key,
      sku: w.line.sku,
      quantity: w.line.quantity,
      listUnitPrice: w.line.unitPrice.amount,
      unitPrice: w.unit,
      extended: w.extended,
      lineDiscount: w.lineDiscount,
      orderDiscount: w.orderDiscount,
      discounted: w.amount,
      taxComponents: t.components,
      tax: t.tax.amount,
      total: t.gross.amount,
    };
    if (w.line.weightGrams !== undefined) priced.weightGrams = w.line.weightGrams;
    if (w.promotion) priced.promotion = w.promotion;
    return priced;
  });
  const sumOf = (f: (l: PricedLine) => number): Money =>
    money(
      lines.reduce((s, l) => s + f(l), 0),
      currency,
    );
  return {
    currency,
    lines,
    orderDiscounts,
    subtotal: sumOf((l) => l.extended),
    discountTotal: sumOf((l) => l.lineDiscount + (l.promotion?.amount ?? 0) + l.orderDiscount),
    taxByRate: tax.byRate,
    taxTotal: tax.tax,
    grandTotal: tax.gross,
  };
}
