// Customers outside a register's own store: the register pulls only its store's customers
// (shared/schemas/customers.ts), so a clerk serving someone from another store finds them here,
// online. The search answers names with masked contact details; the full record (to attach to the
// sale and cache) is fetched by id. Both are rate-limited per credential and logged.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import { authenticate } from './auth-routes';
import type { ServerContext } from './context';
import type { RateLimits } from './guard';

const CUSTOMER_SEARCH_PATH = '/api/customers/search';
const CUSTOMER_BY_ID_PATH = '/api/customers/:id';
const MAX_HITS = 20;
// The search reads customers page by page (there is no text index in the storage interface);
// it stops after this many, which covers a chain of that many customers.
const MAX_SCANNED = 50_000;

type Doc = Record<string, unknown>;

function maskEmail(email: unknown): string | undefined {
  if (typeof email !== 'string') return undefined;
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}

function hit(doc: Doc): Doc {
  const phone = typeof doc.phone === 'string' ? doc.phone.replace(/\D/g, '') : '';
  return {
    id: doc.id,
    displayName: doc.displayName,
    homeStoreId: doc.homeStoreId,
    ...(maskEmail(doc.email) ? { emailHint: maskEmail(doc.email) } : {}),
    ...(phone.length >= 2 ? { phoneEnding: phone.slice(-2) } : {}),
  };
}

export function registerCustomerRoutes(app: FastifyInstance, ctx: ServerContext, limits: RateLimits): void {
  const rateLimit = {
    max: limits.lookupPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request: { headers: { authorization?: string | undefined }; ip: string }) =>
      request.headers.authorization
        ? createHash('sha256').update(request.headers.authorization).digest('hex')
        : request.ip,
  };

  app.get(CUSTOMER_SEARCH_PATH, { config: { rateLimit } }, async (request) => {
    const principal = await authenticate(ctx, request);
    const query = z.strictObject({ q: z.string().trim().min(3).max(100) }).safeParse(request.query);
    if (!query.success)
      throw new DomainError(
        SyncError.BAD_REQUEST,
        'Search customers with ?q= and at least 3 letters of the name, the e-mail or the phone number.',
        { field: 'q' },
      );
    const words = query.data.q.toLowerCase().split(/\s+/);
    const hits: Doc[] = [];
    let afterSeq = 0;
    for (let scanned = 0; scanned < MAX_SCANNED && hits.length < MAX_HITS; scanned += 1000) {
      const page = await ctx.storage.pull({ collection: 'customers', afterSeq, limit: 1000, storeId: null });
      for (const doc of page) {
        if (doc.deleted) continue;
        const text = String(doc.data.searchName ?? '');
        if (words.every((w) => text.includes(w))) hits.push(hit(doc.data));
        if (hits.length >= MAX_HITS) break;
      }
      if (page.length < 1000) break;
      afterSeq = page[page.length - 1]!.seq;
    }
    request.log.info({ deviceId: principal.deviceId, hits: hits.length }, 'customer search');
    return { customers: hits };
  });

  app.get<{ Params: { id: string } }>(CUSTOMER_BY_ID_PATH, { config: { rateLimit } }, async (request) => {
    const principal = await authenticate(ctx, request);
    const doc = (await ctx.storage.getDocuments('customers', [request.params.id])).get(request.params.id);
    request.log.info(
      { deviceId: principal.deviceId, customerId: request.params.id, found: Boolean(doc && !doc.deleted) },
      'customer fetched',
    );
    if (!doc || doc.deleted) throw new DomainError(SyncError.NOT_FOUND, 'No such customer; search again.');
    return { customer: doc.data };
  });
}
