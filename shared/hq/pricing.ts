// Wire shapes of the HQ pricing API (/api/hq/console/price-books…, /promotions…, /pricing/audit):
// written by sync-server/hq/pricing, read by the console's pricing pages.

export interface PriceBookRow {
  id: string;
  key: string;
  active: boolean;
  updatedAt: string;
  payload: { name: string; currency: string };
  /** Codes of the stores selling from this book. */
  stores: string[];
  /** Products with a price in this book. */
  priced: number;
}

export interface BookPriceRow {
  productId: string;
  sku: string;
  name: string;
  active: boolean;
  /** Minor units in this book, or null when the product has no price here. */
  amount: number | null;
}

/** One page of a book's prices. */
export interface BookPricesPage {
  items: BookPriceRow[];
  total: number;
  page: number;
  pageSize: number;
}

export type AuditEntity = 'price_book' | 'promotion';

/** One console change to a price book, its prices or stores, or a promotion: who and when. */
export interface AuditEntry {
  id: string;
  entity: AuditEntity;
  entityId: string;
  action: string;
  summary: string;
  byEmail: string;
  byRole: string;
  at: string;
}
