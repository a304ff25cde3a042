// Reorder points (HQ sets them per store and SKU) and stock alerts: negative, oversold and at or
// below the reorder point, with a reorder suggestion. A register asks for its own store; HQ (the
// token) for one store or the whole chain. The HQ console has its own routes (hq-inventory-routes.ts)
// over the same alert-service.ts.
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../shared/errors';
import { MAX_REORDER_POINTS, parseReorderPoint, type ReorderPoint } from '../../shared/inventory/alerts';
import { InventoryError } from '../../shared/inventory/errors';
import { SyncError } from '../errors';
import { authenticate } from '../http/auth-routes';
import type { ServerContext } from '../http/context';
import { alertsOf, saveReorderPoints, type StoreAlerts } from './alert-service';
import type { StoreDirectory } from './store-directory';

export const ALERT_PATHS = {
  reorderPoints: '/api/hq/inventory/reorder-points',
  alerts: '/api/inventory/alerts',
} as const;

export function registerAlertRoutes(app: FastifyInstance, ctx: ServerContext, directory: StoreDirectory): void {
  const findStore = (ref: unknown) => directory.find(ref);

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
    await saveReorderPoints(ctx.storage, points);
    return { saved: points.length };
  });

  app.get<{ Querystring: { storeId?: unknown } }>(ALERT_PATHS.alerts, async (request) => {
    const principal = await authenticate(ctx, request);
    if (principal.kind === 'device') {
      const store = await findStore(principal.storeId);
      return { stores: [await alertsOf(ctx.storage, store)] };
    }
    if (request.query.storeId !== undefined)
      return { stores: [await alertsOf(ctx.storage, await findStore(request.query.storeId))] };
    const stores = [...(await directory.stores()).values()].sort((a, b) => a.code.localeCompare(b.code));
    const out: StoreAlerts[] = [];
    for (const store of stores) out.push(await alertsOf(ctx.storage, store));
    return { stores: out };
  });
}
