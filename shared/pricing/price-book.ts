// Price books: HQ publishes several (a chain-wide list, a region, a store, a sale period) and
// each store lists the books it uses in order of precedence; the first book with the SKU wins.
import { DomainError } from '../errors';
import { type Money, assertAmount, money } from '../money';
import { PricingError } from './errors';

export interface PriceBook {
  id: string;
  name: string;
  currency: string;
  /** Inclusive ISO timestamps; outside the window the book is ignored. */
  validFrom?: string;
  validTo?: string;
  /** Unit price in minor units per SKU (per kilogram for weighed items). */
  prices: Readonly<Record<string, number>>;
}

export interface StorePricing {
  storeId: string;
  currency: string;
  priceBookIds: readonly string[]; // highest precedence first
}

export interface ResolvedPrice {
  unitPrice: Money;
  priceBookId: string;
}

function active(book: PriceBook, at: string | undefined): boolean {
  if (at === undefined) return true;
  return (book.validFrom === undefined || book.validFrom <= at) && (book.validTo === undefined || at <= book.validTo);
}

export function resolvePrice(
  sku: string,
  store: StorePricing,
  books: readonly PriceBook[],
  at?: string,
): ResolvedPrice {
  for (const id of store.priceBookIds) {
    const book = books.find((b) => b.id === id);
    if (!book || !active(book, at) || !Object.prototype.hasOwnProperty.call(book.prices, sku)) continue;
    if (book.currency !== store.currency) {
      throw new DomainError(
        PricingError.CURRENCY_MISMATCH,
        `Price book ${book.name} is in ${book.currency} but the store sells in ${store.currency}. Ask HQ to fix the store's price books.`,
        {
          priceBookId: book.id,
        },
      );
    }
    const amount = book.prices[sku];
    assertAmount(amount, `price of ${sku}`);
    if (amount < 0) {
      throw new DomainError(
        PricingError.NO_PRICE,
        `Price book ${book.name} has a negative price for ${sku}. Ask HQ to correct it.`,
        { sku },
      );
    }
    return { unitPrice: money(amount, store.currency), priceBookId: book.id };
  }
  throw new DomainError(
    PricingError.NO_PRICE,
    `Item ${sku} has no price in this store. Enter a price with a manager, or set the item aside.`,
    { sku },
  );
}
