// What the stock screens need from the data layer, kept apart from the register's Backend port:
// find an item, this store's levels (server level + own unsynced movements), and other stores'
// availability from the server, or the last answer when offline.
import type { AvailabilityAnswer } from '../../../shared/inventory/availability';
import type { StockAlert } from '../../../shared/inventory/alerts';
import type { RegisterLevel } from '../../../shared/inventory/register-view';

export interface StockItem {
  sku: string;
  name: string;
  barcode: string;
}

export interface OtherStores {
  answer: AvailabilityAnswer;
  /** true: fetched just now; false: the cached answer from `answer.at` (the server could not be reached). */
  live: boolean;
}

export interface StockPort {
  /** This register's store id. */
  storeId(): string;
  /** The item for a scanned barcode or typed SKU, with its variants (same style), item first; [] when unknown. */
  findItems(code: string): Promise<StockItem[]>;
  /** This store's levels as the register sees them. */
  localLevels(skus: readonly string[]): Promise<RegisterLevel[]>;
  /** Every store's availability for these SKUs, nearest first; undefined when offline with nothing cached. */
  otherStores(skus: readonly string[]): Promise<OtherStores | undefined>;
  /** This store's stock alerts (negative, oversold, below reorder point) from the server; undefined offline. */
  alerts(): Promise<StockAlert[] | undefined>;
}
