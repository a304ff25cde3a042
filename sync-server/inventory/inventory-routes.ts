// Inventory endpoints: the batch availability question (any enrolled register or HQ), the ledger
// of one SKU at one store, explained line by line (HQ for any store, a register for its own), and
// receiving (receiving-routes.ts), transfers (transfer-routes.ts), reorder points and alerts (alert-routes.ts).
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../shared/errors';
import {
  explainLedger,
  INVENTORY_PATHS,
  type LedgerMovementRow,
  MAX_LEDGER_ROWS,
  parseAvailabilityQuery,
} from '../../shared/inventory/availability';
import { InventoryError } from '../../shared/inventory/errors';
import { levelKey } from '../../shared/inventory/ledger';
import { SyncError } from '../errors';
import { authenticate } from '../http/auth-routes';
import type { ServerContext } from '../http/context';
import { registerAlertRoutes } from './alert-routes';
import { answerAvailability } from './availability-service';
import { registerReceivingRoutes } from './receiving-routes';
import { StoreDirectory } from './store-directory';
import { registerTransferRoutes } from './transfer-routes';

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

export function registerInventoryRoutes(app: FastifyInstance, ctx: ServerContext): StoreDirectory {
  const directory = new StoreDirectory(ctx.storage);
  app.addHook('onClose', async () => directory.close());

  app.post(INVENTORY_PATHS.availability, async (request, reply) => {
    const started = performance.now();
    const principal = await authenticate(ctx, request);
    const query = parseAvailabilityQuery(request.body);
    // A register measures from its own store unless it names another origin.
    if (!query.fromStoreId && principal.kind === 'device') query.fromStoreId = principal.storeId;
    const answer = await answerAvailability(ctx.storage, directory, query);
    // Server-side time (auth, parse, reads), so a benchmark can tell it from the network's.
    void reply.header('server-timing', `availability;dur=${(performance.now() - started).toFixed(2)}`);
    return answer;
  });

  app.get<{ Querystring: { storeId?: unknown; sku?: unknown; limit?: unknown } }>(
    INVENTORY_PATHS.ledger,
    async (request) => {
      const principal = await authenticate(ctx, request);
      const storeRef = ledgerParam(request.query.storeId, 'storeId');
      const sku = ledgerParam(request.query.sku, 'sku');
      const limit = request.query.limit === undefined ? MAX_LEDGER_ROWS : Number(request.query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LEDGER_ROWS) {
        throw new DomainError(
          InventoryError.BAD_LEDGER_QUERY,
          `limit must be a whole number from 1 to ${MAX_LEDGER_ROWS}.`,
          { field: 'limit' },
        );
      }
      const stores = await directory.stores();
      const store = stores.get(storeRef) ?? [...stores.values()].find((s) => s.code === storeRef);
      if (!store)
        throw new DomainError(
          InventoryError.UNKNOWN_STORE,
          `No store ${storeRef} is configured; use a store id or code such as S001.`,
          { field: 'storeId' },
        );
      if (principal.kind === 'device' && principal.storeId !== store.id) {
        throw new DomainError(
          SyncError.FORBIDDEN,
          "A register reads its own store's ledger; head office reads any store's.",
        );
      }
      // Movements carry `${storeId}:${sku}` as their indexed lookup key (collection-policies.ts).
      const found = await ctx.storage.findByLookup('inventory_movements', levelKey(store.id, sku), limit + 1);
      const rows = found.slice(0, limit).map((d) => ({ seq: d.seq, data: d.data }) as unknown as LedgerMovementRow);
      const level =
        (await ctx.storage.getDocuments('inventory_levels', [levelKey(store.id, sku)])).get(levelKey(store.id, sku))
          ?.data ?? null;
      return {
        storeId: store.id,
        storeCode: store.code,
        sku,
        lines: explainLedger(rows),
        truncated: found.length > limit,
        level,
      };
    },
  );
  registerReceivingRoutes(app, ctx, directory);
  registerTransferRoutes(app, ctx, directory);
  registerAlertRoutes(app, ctx, directory);
  return directory;
}
