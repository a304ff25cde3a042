// Projects the movement ledger into levels per location and SKU. The ledger is a set keyed by
// movement id, and each movement adds to one bucket, so the result does not depend on the order
// movements arrive in or on how often one is delivered: what replication guarantees is "at least
// once, in some order", and this is what makes that enough.
import { DomainError } from '../errors';
import { InventoryError } from './errors';
import { MOVEMENT_RULES, type MovementType, quantityProblem } from './movement-types';

/** The fields of an inventory_movements document the projection reads. */
export interface LedgerMovement {
  id: string;
  storeId: string;
  sku: string;
  type: MovementType;
  quantity: number;
}

export interface StockLevel {
  storeId: string;
  sku: string;
  onHand: number;
  reserved: number;
  /** onHand − reserved: what can still be sold or promised. */
  available: number;
}

export interface Projection {
  /** Keyed by `${storeId}:${sku}` (the inventory_levels id). */
  levels: Map<string, StockLevel>;
  /** Ids delivered with two different contents; the projection used the canonical-smallest one. */
  conflictingIds: string[];
}

export function levelKey(storeId: string, sku: string): string {
  return `${storeId}:${sku}`;
}

export function emptyLevel(storeId: string, sku: string): StockLevel {
  return { storeId, sku, onHand: 0, reserved: 0, available: 0 };
}

export function assertMovement(m: LedgerMovement): void {
  const rule = (MOVEMENT_RULES as Partial<Record<string, unknown>>)[m.type];
  const bad = (why: string) =>
    new DomainError(InventoryError.INVALID_MOVEMENT, `Stock movement ${String(m.id)} was refused: ${why}`, {
      movementId: String(m.id),
    });
  if (typeof m.id !== 'string' || m.id === '') throw bad('it has no id.');
  if (typeof m.storeId !== 'string' || m.storeId === '' || typeof m.sku !== 'string' || m.sku === '')
    throw bad('it names no location or SKU.');
  if (!rule) throw bad(`"${String(m.type)}" is not a movement type.`);
  if (!Number.isSafeInteger(m.quantity)) throw bad(`quantity ${String(m.quantity)} is not a whole number.`);
  const problem = quantityProblem(m.type, m.quantity);
  if (problem) throw bad(problem);
}

/** Adds one movement to a level (pure). Use only for movements not yet counted in `level`. */
export function applyMovement(level: StockLevel, m: LedgerMovement): StockLevel {
  assertMovement(m);
  const bucket = MOVEMENT_RULES[m.type].bucket;
  const onHand = level.onHand + (bucket === 'onHand' ? m.quantity : 0);
  const reserved = level.reserved + (bucket === 'reserved' ? m.quantity : 0);
  return { ...level, onHand, reserved, available: onHand - reserved };
}

function canonical(m: LedgerMovement): string {
  return JSON.stringify([m.id, m.storeId, m.sku, m.type, m.quantity]);
}

/** Keeps one movement per id; on a content clash keeps the canonical-smallest, whatever the arrival order. */
export function dedupeMovements(movements: Iterable<LedgerMovement>): {
  unique: LedgerMovement[];
  conflictingIds: string[];
} {
  const byId = new Map<string, { m: LedgerMovement; key: string }>();
  const conflicts = new Set<string>();
  for (const m of movements) {
    const key = canonical(m);
    const seen = byId.get(m.id);
    if (!seen) byId.set(m.id, { m, key });
    else if (seen.key !== key) {
      conflicts.add(m.id);
      if (key < seen.key) byId.set(m.id, { m, key });
    }
  }
  return { unique: [...byId.values()].map((v) => v.m), conflictingIds: [...conflicts].sort() };
}

export function projectLevels(movements: Iterable<LedgerMovement>): Projection {
  const { unique, conflictingIds } = dedupeMovements(movements);
  const levels = new Map<string, StockLevel>();
  for (const m of unique) {
    const key = levelKey(m.storeId, m.sku);
    levels.set(key, applyMovement(levels.get(key) ?? emptyLevel(m.storeId, m.sku), m));
  }
  return { levels, conflictingIds };
}

/**
 * What a register shows: the server's level plus its own movements the server has not counted yet
 * (`pending`, e.g. unsynced sales). Movements already in the server level must not be passed twice.
 */
export function levelWithPending(serverLevel: StockLevel, pending: Iterable<LedgerMovement>): StockLevel {
  const { unique } = dedupeMovements(pending);
  return unique
    .filter((m) => m.storeId === serverLevel.storeId && m.sku === serverLevel.sku)
    .reduce((level, m) => applyMovement(level, m), serverLevel);
}

export interface Oversell {
  storeId: string;
  sku: string;
  available: number;
  /** Available before the merge; the alert is raised only when a merge makes things worse. */
  previousAvailable: number;
}

/**
 * Levels whose available stock is below zero after merging and lower than before: two stores
 * (or two offline registers) sold or promised the same last units. Both sales stand; the alert
 * tells a person, and orchestration re-routes pickup orders that relied on the stock.
 */
export function detectOversells(
  before: ReadonlyMap<string, StockLevel>,
  after: ReadonlyMap<string, StockLevel>,
): Oversell[] {
  const out: Oversell[] = [];
  for (const [key, level] of after) {
    const previousAvailable = before.get(key)?.available ?? 0;
    if (level.available < 0 && level.available < previousAvailable) {
      out.push({ storeId: level.storeId, sku: level.sku, available: level.available, previousAvailable });
    }
  }
  return out.sort((a, b) =>
    a.storeId === b.storeId ? a.sku.localeCompare(b.sku) : a.storeId.localeCompare(b.storeId),
  );
}
