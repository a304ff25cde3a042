// The customer summary a register shows when a customer is attached to a sale: Customer 360's
// figures (customer-summary.ts) cut down to counts and amounts — no contact data, no order
// lines, no pickup codes — for a register credential, rate-limited per credential and logged
// like the register's other customer lookups (http/customer-routes.ts).
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DomainError, isDomainError } from '../../../shared/errors';
import type { CustomerSummary, RegisterCustomerSummary } from '../../../shared/hq/service';
import { SyncError } from '../../errors';
import { authenticate } from '../../http/auth-routes';
import type { ServerContext } from '../../http/context';
import type { RateLimits } from '../../http/guard';
import { OPEN_FO } from '../../orchestration/hq-actions';
import { StoreDirectory } from '../dashboard/store-directory';
import { HqError } from '../errors';
import { customerSummary } from './customer-summary';

export const REGISTER_SUMMARY_PATH = '/api/customers/:id/summary';

/** Customer ids are UUIDs (v7 from registers, v5 from the importer). */
const CUSTOMER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function shortSummary(
  full: CustomerSummary,
  storeId: string | null,
  stores: StoreDirectory,
  asOf: string,
): RegisterCustomerSummary {
  const visit = full.orders.find((o) => o.channel === 'pos' && !['voided', 'cancelled'].includes(o.status));
  const open = full.pickups.filter((p) => OPEN_FO.includes(p.status));
  return {
    customerId: String(full.customer.id),
    asOf,
    currency: full.storeCredit.currency,
    orders: full.totals.orders,
    spent: full.totals.spent,
    channels: Object.keys(full.totals.channels).length,
    stores: new Set(full.orders.map((o) => o.storeId)).size,
    lastVisit: visit ? { at: visit.createdAt, storeCode: stores.get(visit.storeId)?.code ?? null } : null,
    openPickups: open.length,
    openPickupsHere: open.filter((p) => p.storeId === storeId).length,
    returns: full.returns.length,
    storeCredit: full.storeCredit.balance,
    hqNotes: Boolean(full.notesEdited),
  };
}

export function registerCustomerSummaryRoute(app: FastifyInstance, ctx: ServerContext, limits: RateLimits): void {
  const stores = new StoreDirectory(ctx.storage);
  const rateLimit = {
    max: limits.lookupPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request: { headers: { authorization?: string | undefined }; ip: string }) =>
      request.headers.authorization
        ? createHash('sha256').update(request.headers.authorization).digest('hex')
        : request.ip,
  };
  app.get<{ Params: { id: string } }>(REGISTER_SUMMARY_PATH, { config: { rateLimit } }, async (request) => {
    const principal = await authenticate(ctx, request);
    const id = request.params.id;
    if (!CUSTOMER_ID.test(id))
      throw new DomainError(SyncError.BAD_REQUEST, 'A customer id is a UUID; attach the customer again.', {
        field: 'id',
      });
    await stores.refresh();
    let full: CustomerSummary;
    try {
      full = await customerSummary(ctx.storage, stores, id);
    } catch (error) {
      if (isDomainError(error, HqError.NOT_FOUND))
        throw new DomainError(SyncError.NOT_FOUND, 'No such customer; search for the customer again.');
      throw error;
    }
    request.log.info({ deviceId: principal.deviceId, customerId: id }, 'customer summary');
    return { summary: shortSummary(full, principal.storeId, stores, new Date().toISOString()) };
  });
}
