// What a register shows for its own store: the server's level plus the movements the register
// holds that the server had not counted when it answered. The register pulls every movement of
// its store, so "not counted" is "not among the ids the server listed with that level" (the
// ledger API returns both together); before the first online answer the register's own copy of
// the ledger is all it has, and its sum is the level.
import { dedupeMovements, emptyLevel, levelWithPending, type LedgerMovement, type StockLevel } from './ledger';

export interface ServerSnapshot {
  level: StockLevel;
  /** Ids of the movements the server had folded into `level`. */
  countedIds: readonly string[];
}

export interface RegisterLevel extends StockLevel {
  /** Movements on this register the server had not counted (unsynced sales, or newer than the snapshot). */
  pendingCount: number;
}

export function registerLevel(
  storeId: string,
  sku: string,
  snapshot: ServerSnapshot | undefined,
  local: readonly LedgerMovement[],
): RegisterLevel {
  const counted = new Set(snapshot?.countedIds ?? []);
  const mine = dedupeMovements(local.filter((m) => m.storeId === storeId && m.sku === sku)).unique.filter(
    (m) => !counted.has(m.id),
  );
  const base = snapshot?.level ?? emptyLevel(storeId, sku);
  return { ...levelWithPending(base, mine), pendingCount: mine.length };
}

/**
 * The style a SKU belongs to: everything before its last `-` segment when it has three or more
 * (TEE-BLK-M → TEE-BLK, so TEE-BLK-S/M/L are variants of each other). The catalog has no
 * variant field today; SKUs with one or two segments (ELE-00101) have no variants.
 */
export function styleOf(sku: string): string | undefined {
  const parts = sku.split('-');
  return parts.length >= 3 ? parts.slice(0, -1).join('-') : undefined;
}
