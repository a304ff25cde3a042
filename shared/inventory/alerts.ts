// Stock alerts for a store: negative on hand, oversold (more promised than held), and at or below
// the reorder point HQ set for the store and SKU, with how much to order. A reorder point is a
// per-store, per-SKU pair (point, quantity): when available stock falls to the point, order enough
// to bring available plus what is already on its way up to point + quantity (a min/max rule).
import { DomainError } from '../errors';
import { InventoryError } from './errors';
import type { StockLevel } from './ledger';

export interface ReorderPoint {
  storeId: string;
  sku: string;
  /** Alert when available stock is at or below this; 0 turns the point off. */
  reorderPoint: number;
  /** What to order on top of the point; defaults to the point itself. */
  reorderQuantity: number;
}

export const AlertKind = { NEGATIVE: 'negative', OVERSOLD: 'oversold', BELOW_REORDER: 'below_reorder' } as const;
export type AlertKind = (typeof AlertKind)[keyof typeof AlertKind];

export interface StockAlert {
  storeId: string;
  sku: string;
  kind: AlertKind;
  onHand: number;
  reserved: number;
  available: number;
  inTransit: number;
  reorderPoint?: number;
  /** Units to order now (below the reorder point and not covered by stock in transit). */
  suggestedQuantity?: number;
}

export const MAX_REORDER_POINTS = 1_000;

/** Validates HQ's reorder points (already resolved to store ids). */
export function parseReorderPoint(input: {
  storeId: string;
  sku: unknown;
  reorderPoint: unknown;
  reorderQuantity?: unknown;
}): ReorderPoint {
  const bad = (why: string) => new DomainError(InventoryError.BAD_REORDER_POINT, why, { sku: String(input.sku) });
  if (typeof input.sku !== 'string' || input.sku === '' || input.sku.length > 64)
    throw bad('Each reorder point needs the SKU it is for.');
  const whole = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 1_000_000;
  if (!whole(input.reorderPoint))
    throw bad(`The reorder point of ${input.sku} must be a whole number of units from 0 to 1,000,000.`);
  if (input.reorderQuantity !== undefined && !whole(input.reorderQuantity))
    throw bad(`The reorder quantity of ${input.sku} must be a whole number of units from 0 to 1,000,000.`);
  const reorderPoint = input.reorderPoint as number;
  const reorderQuantity = (input.reorderQuantity as number | undefined) ?? reorderPoint;
  return { storeId: input.storeId, sku: input.sku, reorderPoint, reorderQuantity };
}

/** Units to order: up to point + quantity, counting what is in transit to the store. */
export function reorderSuggestion(
  level: Pick<StockLevel, 'available'>,
  inTransit: number,
  point: ReorderPoint,
): number {
  if (point.reorderPoint <= 0 || level.available > point.reorderPoint) return 0;
  return Math.max(0, point.reorderPoint + point.reorderQuantity - level.available - Math.max(0, inTransit));
}

/**
 * The alerts of one store: every level that is negative or oversold, and every SKU with a reorder
 * point at or above its available stock (a SKU with no level has none). One alert per SKU, the
 * worst kind first; sorted by kind, then SKU.
 */
export function stockAlerts(
  levels: Iterable<StockLevel>,
  points: Iterable<ReorderPoint>,
  inTransit: ReadonlyMap<string, number> = new Map(),
): StockAlert[] {
  const bySku = new Map<string, StockLevel>();
  for (const l of levels) bySku.set(l.sku, l);
  const pointBySku = new Map<string, ReorderPoint>();
  for (const p of points) if (p.reorderPoint > 0) pointBySku.set(p.sku, p);
  const out: StockAlert[] = [];
  const skus = new Set([...bySku.keys(), ...pointBySku.keys()]);
  for (const sku of skus) {
    const point = pointBySku.get(sku);
    const storeId = bySku.get(sku)?.storeId ?? point?.storeId ?? '';
    const level = bySku.get(sku) ?? { storeId, sku, onHand: 0, reserved: 0, available: 0 };
    const transit = inTransit.get(sku) ?? 0;
    const kind: AlertKind | undefined =
      level.onHand < 0
        ? AlertKind.NEGATIVE
        : level.available < 0
          ? AlertKind.OVERSOLD
          : point && level.available <= point.reorderPoint
            ? AlertKind.BELOW_REORDER
            : undefined;
    if (!kind) continue;
    const alert: StockAlert = {
      storeId,
      sku,
      kind,
      onHand: level.onHand,
      reserved: level.reserved,
      available: level.available,
      inTransit: transit,
    };
    if (point) {
      alert.reorderPoint = point.reorderPoint;
      alert.suggestedQuantity = reorderSuggestion(level, transit, point);
    }
    out.push(alert);
  }
  const rank: Record<AlertKind, number> = { negative: 0, oversold: 1, below_reorder: 2 };
  return out.sort((a, b) => rank[a.kind] - rank[b.kind] || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}
