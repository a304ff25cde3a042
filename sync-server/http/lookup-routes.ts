// Cross-store order lookup for returns: a register of any store finds the original order by its
// receipt number (or id) together with every return already made against it, so "returnable =
// bought − already returned" holds across the chain. Read-only; any enrolled register may ask.
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import { authenticate } from './auth-routes';
import type { ServerContext } from './context';

/** Path of the lookup; the register client should take it from shared/protocol once it lists it. */
export const ORDER_LOOKUP_PATH = '/api/orders/lookup';
const MAX_RETURNS = 500;

export function registerLookupRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { orderNumber?: unknown; id?: unknown } }>(ORDER_LOOKUP_PATH, async (request) => {
    await authenticate(ctx, request);
    const { orderNumber, id } = request.query;
    let order;
    if (typeof id === 'string' && id.length > 0 && id.length <= 64) {
      order = (await ctx.storage.getDocuments('orders', [id])).get(id);
    } else if (typeof orderNumber === 'string' && orderNumber.length > 0 && orderNumber.length <= 64) {
      order = (await ctx.storage.findByLookup('orders', orderNumber.trim().toUpperCase(), 1))[0];
    } else {
      throw new DomainError(SyncError.BAD_REQUEST, 'Look an order up by ?orderNumber=S001-R01-000123-C or ?id=<order id>.', { field: 'orderNumber' });
    }
    if (!order || order.deleted) {
      throw new DomainError(
        SyncError.NOT_FOUND,
        'No order with this number is known to head office: check the receipt. A sale made offline at another store appears once that store has synced.',
      );
    }
    const returns = await ctx.storage.findByLookup('returns', order.id, MAX_RETURNS);
    return { order: order.data, returns: returns.map((r) => r.data) };
  });
}
