// Reorder points (HQ sets them per store and SKU) and stock alerts: negative, oversold and at or
// below the reorder point, with a reorder suggestion. A register asks for its own store; HQ for one
// store or the whole chain. Reorder points live with the other server-side inventory documents
// (receiving-store.ts) as `reorder:<storeId>:<sku>`, found by `reorder:<storeId>`.
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../shared/errors';
import {
  MAX_REORDER_POINTS,
  parseReorderPoint,
  type ReorderPoint,
  type StockAlert,
  stockAlerts,
} from '../../shared/inventory/alerts';
import { InventoryError } from '../../shared/inventory/errors';
import { levelKey, type StockLevel } from '../../shared/inventory/ledger';
import { SyncError } from '../errors';
import { authenticate } from '../http/auth-routes';
import type { ServerContext } from '../http/context';
import { INVENTORY_DOCUMENTS, putInventoryDocuments } from './receiving-store';
import type { StoreDirectory, StoreInfo } from './store-directory';

export const ALERT_PATHS = {
  reorderPoints: '/api/hq/inventory/reorder-points',
  alerts: '/api/inventory/alerts',
} as const;

/** Most reorder points one store may hold (a store's assortment). */
const MAX_POINTS_PER_STORE = 200_000;
const PAGE = 2_000;

export interface StoreAlerts {
  storeId: string;
  storeCode: string;
  alerts: StockAlert[];
}

function toLevel(data: Record<string, unknown>): StockLevel {
  return {
    storeId: String(data.storeId),
    sku: String(data.sku),
    onHand: Number(data.onHand),
    reserved: Number(data.reserved),
    available: Number(data.available),
  };
}

export function registerAlertRoutes(app: FastifyInstance, ctx: ServerContext, directory: StoreDirectory): void {
  async function findStore(ref: unknown): Promise<StoreInfo> {
    const stores = await directory.stores();
    const text = typeof ref === 'string' ? ref : '';
    const store = stores.get(text) ?? [...stores.values()].find((s) => s.code === text);
    if (!store)
      throw new DomainError(
        InventoryError.UNKNOWN_STORE,
        `No store ${text || '(none given)'} is configured; use a store id or code such as S001.`,
        {
          field: 'storeId',
        },
      );
    return store;
  }

  async function pointsOf(storeId: string): Promise<ReorderPoint[]> {
    const docs = await ctx.storage.findByLookup(INVENTORY_DOCUMENTS, `reorder:${storeId}`, MAX_POINTS_PER_STORE);
    return docs.map((d) => d.data as unknown as ReorderPoint);
  }

  // Every level of the store, paged in server order: a store's levels are its assortment (2,865
  // rows for a demo store), and the scope index finds them without touching other stores'.
  async function levelsOf(storeId: string): Promise<StockLevel[]> {
    const out: StockLevel[] = [];
    let afterSeq = 0;
    for (;;) {
      const page = await ctx.storage.pull({ collection: 'inventory_levels', afterSeq, limit: PAGE, storeId });
      for (const d of page) if (!d.deleted && d.data.storeId === storeId) out.push(toLevel(d.data));
      if (page.length < PAGE) return out;
      afterSeq = page[page.length - 1]!.seq;
    }
  }

  async function alertsOf(store: StoreInfo): Promise<StoreAlerts> {
    const [levels, points] = await Promise.all([levelsOf(store.id), pointsOf(store.id)]);
    // Units already on their way to the store count against a reorder suggestion.
    const transitKeys = points.map((p) => levelKey(store.transitId, p.sku));
    const transit = await ctx.storage.getDocuments('inventory_levels', transitKeys);
    const inTransit = new Map<string, number>();
    for (const d of transit.values()) if (!d.deleted) inTransit.set(String(d.data.sku), Number(d.data.onHand));
    return { storeId: store.id, storeCode: store.code, alerts: stockAlerts(levels, points, inTransit) };
  }

  app.put<{ Body: unknown }>(ALERT_PATHS.reorderPoints, async (request) => {
    const principal = await authenticate(ctx, request);
    if (principal.kind !== 'hq')
      throw new DomainError(SyncError.FORBIDDEN, 'Only head office (the HQ admin token) sets reorder points.');
    const body = request.body as { points?: unknown } | null;
    const list = body && Array.isArray(body.points) ? (body.points as unknown[]) : undefined;
    if (!list || list.length === 0 || list.length > MAX_REORDER_POINTS)
      throw new DomainError(
        InventoryError.BAD_REORDER_POINT,
        `Send { "points": [{ "storeId": "S001", "sku": "…", "reorderPoint": 5, "reorderQuantity": 10 }] } with 1 to ${MAX_REORDER_POINTS} points.`,
      );
    const points: ReorderPoint[] = [];
    for (const raw of list) {
      const p = (raw ?? {}) as Record<string, unknown>;
      const store = await findStore(p.storeId);
      points.push(
        parseReorderPoint({
          storeId: store.id,
          sku: p.sku,
          reorderPoint: p.reorderPoint,
          reorderQuantity: p.reorderQuantity,
        }),
      );
    }
    await putInventoryDocuments(
      ctx.storage,
      points.map((p) => ({
        id: `reorder:${p.storeId}:${p.sku}`,
        storeId: p.storeId,
        lookup: `reorder:${p.storeId}`,
        data: { kind: 'reorder_point', ...p },
      })),
    );
    return { saved: points.length };
  });

  app.get<{ Querystring: { storeId?: unknown } }>(ALERT_PATHS.alerts, async (request) => {
    const principal = await authenticate(ctx, request);
    if (principal.kind === 'device') {
      const store = await findStore(principal.storeId);
      return { stores: [await alertsOf(store)] };
    }
    if (request.query.storeId !== undefined)
      return { stores: [await alertsOf(await findStore(request.query.storeId))] };
    const stores = [...(await directory.stores()).values()].sort((a, b) => a.code.localeCompare(b.code));
    const out: StoreAlerts[] = [];
    for (const store of stores) out.push(await alertsOf(store));
    return { stores: out };
  });
}
