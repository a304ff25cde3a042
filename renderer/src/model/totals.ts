// Figures of the open sale, from shared/pricing (price → line discounts → promotions → order
// discount → tax). This file only maps the register's cart onto pricing's input.
import { money } from '../../../shared/money';
import {
  priceCart,
  type CartInput,
  type CartLineInput,
  type CartTotals,
  type Promotion,
} from '../../../shared/pricing';
import type { TaxJurisdiction } from '../../../shared/tax';
import type { Cart, CartLine } from './cart-types';

export type { CartTotals };

export interface PricingContext {
  jurisdiction: TaxJurisdiction;
  promotions: readonly Promotion[];
}

function toLineInput(line: CartLine, currency: string): CartLineInput {
  // A prefix-2 price label states the price of this one package: it is the line's book price.
  const unit = line.embeddedPrice ?? line.unitPrice;
  const input: CartLineInput = {
    key: line.lineId,
    sku: line.sku,
    category: line.category,
    department: line.department,
    taxCategory: line.taxCategory,
    quantity: line.weightGrams !== undefined ? 1 : line.quantity,
    unitPrice: money(unit, currency),
    discounts: line.discount ? [line.discount] : [],
  };
  if (line.weightGrams !== undefined) input.weightGrams = line.weightGrams;
  if (line.priceOverride !== undefined)
    input.priceOverride = { unitPrice: money(line.priceOverride, currency), reason: 'price override' };
  return input;
}

function toCartInput(cart: Cart, context: PricingContext): CartInput {
  const input: CartInput = {
    currency: cart.currency,
    lines: cart.lines.map((l) => toLineInput(l, cart.currency)),
    promotions: context.promotions,
    at: cart.startedAt,
    jurisdiction: context.jurisdiction,
  };
  if (cart.orderDiscount) input.orderDiscount = cart.orderDiscount;
  return input;
}

export function computeSaleTotals(cart: Cart, context: PricingContext): CartTotals {
  return priceCart(toCartInput(cart, context));
}

export function itemCount(cart: Cart): number {
  return cart.lines.reduce((n, l) => n + (l.weightGrams !== undefined ? 1 : l.quantity), 0);
}
