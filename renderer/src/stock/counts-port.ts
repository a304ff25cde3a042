// What the count and adjustment screens need from the data layer: items, the store's on-hand from
// the register's own copy of its ledger (the snapshot), the movements written here after it, and
// recording movements locally (they reach the server through normal sync, offline included).
import type { CountScope, CountSnapshot, ItemFacts, TimedMovement } from '../../../shared/inventory/counts';
import type { InventoryMovement } from '../../../shared/schemas/inventory';

export interface CountItem {
  sku: string;
  name: string;
  department: string;
  /** Cost when the catalog has it, else the first price; minor units. */
  unitValue: number;
}

export interface CountsPort {
  storeId(): string;
  deviceId(): string;
  /** The item for a scanned barcode or typed SKU; undefined when unknown. */
  item(code: string): Promise<CountItem | undefined>;
  departments(): Promise<string[]>;
  /** The store's on hand per SKU in scope now, and the local write time the snapshot covers. */
  snapshot(scope: CountScope): Promise<{ snapshot: CountSnapshot; lwt: number }>;
  /** The store's movements written on this register (by it or by sync) after `lwt`. */
  movementsAfter(lwt: number): Promise<TimedMovement[]>;
  facts(skus: readonly string[]): Promise<Map<string, ItemFacts>>;
  /** Writes movements to the local ledger (idempotent by id). */
  record(movements: InventoryMovement[]): Promise<void>;
}
