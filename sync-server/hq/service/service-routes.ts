// The console's orders, exceptions queue, customer service and customer 360 API, plus two APIs
// for other callers: the customer summary for automation (HQ token) and the return
// authorisation lookup for any store's returns desk (register credential).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../shared/errors';
import { normalizeRaNumber } from '../../../shared/hq/service';
import { listExceptions } from '../../orchestration/exceptions';
import { cancelException, retryException } from '../../orchestration/hq-actions';
import { orchestrationFor } from '../../orchestration/registry';
import {
  asHqError,
  authoriseReturn,
  findReturnAuthorisation,
  reship,
  type ServiceActor,
} from '../../orchestration/service-actions';
import { HQ_API, type HqDeps } from '../deps';
import { HqError } from '../errors';
import type { HqCaller } from '../guard';
import { customerSummary } from './customer-summary';
import { cancelLines } from './line-cancel';
import { appease, serviceCancel } from './money-actions';
import { orderDetail, parseOrderSearch, searchOrders } from './order-queries';
import { searchCustomers } from './customer-search';
import { settleRaUse } from './ra-use';
import { saveCustomerNotes } from './customer-notes';

export const SERVICE_PATHS = {
  customerSummary: '/api/hq/customers/:id/summary',
  returnAuthorisation: '/api/returns/authorisations/:raNumber',
} as const;

const reason = z.string().trim().min(3, 'Give a reason of at least 3 characters.').max(200);
const id = z.string().min(1).max(64);

const cancelSchema = z.strictObject({ reason });
const cancelLinesSchema = z.strictObject({ lineIds: z.array(id).min(1).max(500), reason });
const appeaseSchema = z.strictObject({
  amount: z.number().int().min(1).max(100_000_000),
  method: z.enum(['card_refund', 'store_credit']),
  reason,
  customerId: id.optional(),
  /** One per appeasement the agent means to give: a retry with it never refunds the card twice. */
  requestId: z.uuid().optional(),
});
const raSchema = z.strictObject({
  lines: z
    .array(z.strictObject({ lineId: id, quantity: z.number().int().min(1).max(10_000) }))
    .min(1)
    .max(500),
  reason,
});
const reshipSchema = z.strictObject({ fulfillmentOrderId: id, reason });

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  throw new DomainError(HqError.INVALID_INPUT, `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`, {
    field: path,
  });
}

const actorOf = (caller: HqCaller): ServiceActor => ({ userId: caller.userId, email: caller.email, role: caller.role });

async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asHqError(error);
  }
}

export function registerServiceRoutes(app: FastifyInstance, deps: HqDeps): void {
  const { ctx } = deps;
  const o = orchestrationFor(ctx.storage, ctx.policies, ctx.afterWrite);
  const stores = deps.facts.stores;

  app.get(`${HQ_API}/orders`, async (request) => {
    await deps.guard.caller(request);
    await stores.refresh();
    return { orders: await searchOrders(ctx.storage, stores, parseOrderSearch(request.query, stores)) };
  });
  app.get<{ Params: { id: string } }>(`${HQ_API}/orders/:id`, async (request) => {
    await deps.guard.caller(request);
    await stores.refresh();
    return orderDetail(ctx.storage, stores, request.params.id);
  });
  app.post<{ Params: { id: string } }>(`${HQ_API}/orders/:id/cancel`, async (request) => {
    const caller = await deps.guard.caller(request, 'operations');
    const input = parse(cancelSchema, request.body);
    return serviceCancel(o, request.params.id, input.reason, actorOf(caller));
  });
  app.post<{ Params: { id: string } }>(`${HQ_API}/orders/:id/cancel-lines`, async (request) => {
    const caller = await deps.guard.caller(request, 'operations');
    const input = parse(cancelLinesSchema, request.body);
    return cancelLines(o, request.params.id, input, actorOf(caller));
  });
  app.post<{ Params: { id: string } }>(`${HQ_API}/orders/:id/appeasement`, async (request, reply) => {
    const caller = await deps.guard.caller(request, 'operations');
    const input = parse(appeaseSchema, request.body);
    return reply.status(201).send(await appease(o, request.params.id, input, actorOf(caller)));
  });
  app.post<{ Params: { id: string } }>(`${HQ_API}/orders/:id/return-authorisations`, async (request, reply) => {
    const caller = await deps.guard.caller(request, 'operations');
    const input = parse(raSchema, request.body);
    return reply
      .status(201)
      .send({ returnAuthorisation: await authoriseReturn(o, request.params.id, input, actorOf(caller)) });
  });
  app.post<{ Params: { id: string } }>(`${HQ_API}/orders/:id/reship`, async (request, reply) => {
    const caller = await deps.guard.caller(request, 'operations');
    const input = parse(reshipSchema, request.body);
    return reply.status(201).send(await reship(o, request.params.id, input, actorOf(caller)));
  });

  app.get<{ Querystring: { status?: string } }>(`${HQ_API}/exceptions`, async (request) => {
    await deps.guard.caller(request);
    const status = request.query.status;
    if (status !== undefined && !['open', 'resolved', 'cancelled', ''].includes(status))
      throw new DomainError(HqError.INVALID_INPUT, 'status is open, resolved or cancelled.', { field: 'status' });
    const exceptions = await listExceptions(ctx.storage, status || undefined, 500);
    const orders = await ctx.storage.getDocuments(
      'orders',
      exceptions.map((e) => e.orderId),
    );
    return { exceptions: exceptions.map((e) => ({ ...e, orderExists: orders.has(e.orderId) })) };
  });
  app.post<{ Params: { id: string } }>(`${HQ_API}/exceptions/:id/retry`, async (request) => {
    const caller = await deps.guard.caller(request, 'operations');
    request.log.info({ exceptionId: request.params.id, by: caller.email }, 'exception retried');
    return translated(() => retryException(o, request.params.id));
  });
  app.post<{ Params: { id: string } }>(`${HQ_API}/exceptions/:id/cancel`, async (request) => {
    const caller = await deps.guard.caller(request, 'operations');
    request.log.info({ exceptionId: request.params.id, by: caller.email }, 'exception cancelled');
    return { exception: await translated(() => cancelException(o, request.params.id)) };
  });

  app.get<{ Querystring: { q?: string } }>(`${HQ_API}/customers`, async (request) => {
    await deps.guard.caller(request);
    return { customers: await searchCustomers(ctx.storage, request.query.q) };
  });
  app.put<{ Params: { id: string } }>(`${HQ_API}/customers/:id/notes`, async (request) => {
    const caller = await deps.guard.caller(request, 'operations');
    return saveCustomerNotes(o, request.params.id, request.body, caller.email);
  });
  const summary = async (request: FastifyRequest<{ Params: { id: string } }>) => {
    await deps.guard.caller(request);
    await stores.refresh();
    return customerSummary(ctx.storage, stores, request.params.id);
  };
  app.get<{ Params: { id: string } }>(`${HQ_API}/customers/:id/summary`, summary);
  app.get<{ Params: { id: string } }>(SERVICE_PATHS.customerSummary, summary);

  // Any store's returns desk (a register credential) or HQ reads an RA by its number.
  app.get<{ Params: { raNumber: string } }>(SERVICE_PATHS.returnAuthorisation, async (request) => {
    const principal = await ctx.auth.authenticate(request.headers.authorization);
    if (principal.kind !== 'hq' && principal.kind !== 'device')
      throw new DomainError(HqError.FORBIDDEN, 'Sign in with a register or the HQ token to look up an RA.');
    const number = normalizeRaNumber(request.params.raNumber);
    if (!number)
      throw new DomainError(HqError.INVALID_INPUT, 'An RA number looks like RA-7K2M9Q4T; check it and type it again.');
    const found = await findReturnAuthorisation(ctx.storage, number);
    if (!found)
      throw new DomainError(HqError.NOT_FOUND, `No return authorisation ${number}; ask the customer for it again.`);
    const ra = await settleRaUse(ctx.storage, found);
    if (ra.used) {
      await stores.refresh();
      const code = stores.get(ra.used.storeId)?.code ?? ra.used.storeId;
      throw new DomainError(
        HqError.RA_USED,
        `${number} was already used at ${code} by ${ra.used.by} on ${ra.used.at.slice(0, 10)}; an RA is honoured once. Call head office if the customer disagrees.`,
        { storeCode: code, usedAt: ra.used.at, returnId: ra.used.returnId },
      );
    }
    const expired = ra.status === 'open' && Date.parse(ra.expiresAt) < Date.now();
    return { returnAuthorisation: ra, valid: ra.status === 'open' && !expired, expired };
  });
}
