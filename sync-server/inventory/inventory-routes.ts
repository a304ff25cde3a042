// Inventory endpoints: the batch availability question (any enrolled register or HQ), the ledger
// of one SKU at one store, explained line by line (HQ for any store, a register for its own), and
// receiving (receiving-routes.ts), transfers (transfer-routes.ts), reorder points and alerts (alert-routes.ts).
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../shared/errors';
import { INVENTORY_PATHS, parseAvailabilityQuery } from '../../shared/inventory/availability';
import { SyncError } from '../errors';
import { authenticate } from '../http/auth-routes';
import type { ServerContext } from '../http/context';
import { registerAlertRoutes } from './alert-routes';
import { answerAvailability } from './availability-service';
import { parseLedgerQuery, readLedger } from './ledger-service';
import { registerReceivingRoutes } from './receiving-routes';
import { StoreDirectory } from './store-directory';
import { registerTransferRoutes } from './transfer-routes';

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
      const { storeRef, sku, limit } = parseLedgerQuery(request.query);
      const store = await directory.find(storeRef);
      if (principal.kind === 'device' && principal.storeId !== store.id) {
        throw new DomainError(
          SyncError.FORBIDDEN,
          "A register reads its own store's ledger; head office reads any store's.",
        );
      }
      return readLedger(ctx.storage, store, sku, limit);
    },
  );
  registerReceivingRoutes(app, ctx, directory);
  registerTransferRoutes(app, ctx, directory);
  registerAlertRoutes(app, ctx, directory);
  return directory;
}
