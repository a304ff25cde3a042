// One store's ledger for one SKU, explained line by line: its movements in server order with the
// running level after each, and the projected level (the last line's figures equal it unless the
// list is cut at `limit`). Read by the register/automation route and the HQ console.
import { DomainError } from '../../shared/errors';
import {
  explainLedger,
  type LedgerLine,
  type LedgerMovementRow,
  MAX_LEDGER_ROWS,
} from '../../shared/inventory/availability';
import { InventoryError } from '../../shared/inventory/errors';
import { levelKey } from '../../shared/inventory/ledger';
import type { Storage } from '../storage/storage';
import type { StoreInfo } from './store-directory';

export interface StoreLedger {
  storeId: string;
  storeCode: string;
  sku: string;
  lines: LedgerLine[];
  truncated: boolean;
  level: Record<string, unknown> | null;
}

function ledgerParam(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) {
    throw new DomainError(
      InventoryError.BAD_LEDGER_QUERY,
      `Give ?${name}=… (store id or code, and the SKU) to read a ledger.`,
      { field: name },
    );
  }
  return value;
}

/** `?storeId=…&sku=…&limit=…` (limit 1 to MAX_LEDGER_ROWS, that when absent). */
export function parseLedgerQuery(query: { storeId?: unknown; sku?: unknown; limit?: unknown }): {
  storeRef: string;
  sku: string;
  limit: number;
} {
  const storeRef = ledgerParam(query.storeId, 'storeId');
  const sku = ledgerParam(query.sku, 'sku');
  const limit = query.limit === undefined || query.limit === '' ? MAX_LEDGER_ROWS : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LEDGER_ROWS) {
    throw new DomainError(
      InventoryError.BAD_LEDGER_QUERY,
      `limit must be a whole number from 1 to ${MAX_LEDGER_ROWS}.`,
      {
        field: 'limit',
      },
    );
  }
  return { storeRef, sku, limit };
}

export async function readLedger(storage: Storage, store: StoreInfo, sku: string, limit: number): Promise<StoreLedger> {
  const key = levelKey(store.id, sku);
  // Movements carry `${storeId}:${sku}` as their indexed lookup key (collection-policies.ts).
  const [found, levels] = await Promise.all([
    storage.findByLookup('inventory_movements', key, limit + 1),
    storage.getDocuments('inventory_levels', [key]),
  ]);
  const rows = found.slice(0, limit).map((d) => ({ seq: d.seq, data: d.data }) as unknown as LedgerMovementRow);
  return {
    storeId: store.id,
    storeCode: store.code,
    sku,
    lines: explainLedger(rows),
    truncated: found.length > limit,
    level: levels.get(key)?.data ?? null,
  };
}
