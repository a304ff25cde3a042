// The figures of the open sale, computed once per change of cart or store settings and shared by
// every reader (sell screen, pay screen, completion, customer display): one computation, one cache.
import { computeSaleTotals, type CartTotals } from '../model/totals';
import type { Cart } from '../model/cart-types';
import type { SaleContext } from '../model/sale-context';
import { useSaleContext } from '../session/sale-context-store';
import { errorMessage } from '../ui/error-message';
import { useCart } from './cart-store';

export interface SaleTotals {
  /** Undefined until the store settings arrive, or when the cart cannot be priced. */
  totals: CartTotals | undefined;
  /** Why the cart cannot be priced, as a sentence for the clerk. */
  error: string | undefined;
}

const NOT_READY: SaleTotals = { totals: undefined, error: undefined };
let last: { cart: Cart; context: SaleContext; result: SaleTotals } | undefined;

/** Totals of `cart` under `context`; the same objects in give the same result out without recomputing. */
export function saleTotalsOf(cart: Cart, context: SaleContext | undefined): SaleTotals {
  if (!context) return NOT_READY;
  if (last && last.cart === cart && last.context === context) return last.result;
  let result: SaleTotals;
  try {
    result = { totals: computeSaleTotals(cart, context), error: undefined };
  } catch (e) {
    result = { totals: undefined, error: errorMessage(e) };
  }
  last = { cart, context, result };
  return result;
}

/** The open sale's totals, for event handlers and subscriptions outside React's render. */
export function currentSaleTotals(): SaleTotals {
  return saleTotalsOf(useCart.getState().cart, useSaleContext.getState().context);
}

export function useSaleTotals(): SaleTotals {
  const cart = useCart((s) => s.cart);
  const context = useSaleContext((s) => s.context);
  return saleTotalsOf(cart, context);
}
