// The order API: intake for channels (API key), the Shopify webhook (HMAC), and HQ's routing
// preview, channel keys, exceptions queue and order cancel (HQ token). Registered in one
// encapsulated plugin: its own error codes, and JSON bodies kept raw so the webhook signature
// is checked over the exact bytes received.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, isDomainError, toErrorBody } from '../../shared/errors';
import { PlanKind, planRoute } from '../../shared/routing';
import { parseJsonBody } from '../http/json-body';
import type { ServerContext } from '../http/context';
import { listJobs } from '../jobs/queue';
import { channelById, channelByApiKey, CHANNELS, createChannelKey, listChannels } from './channel-keys';
import type { Orchestration } from './context';
import { ORDERS_HTTP_STATUS, OrdersError, type OrdersErrorCode } from './errors';
import { listExceptions } from './exceptions';
import { cancelException, cancelOrder, retryException } from './hq-actions';
import { intakeOrder } from './intake';
import { applyTrackingEvent, authenticateCarrier, trackingEventSchema } from './carriers';
import { intakeSchema } from './intake-schema';
import { routingInput } from './placement';
import { orchestrationFor } from './registry';
import { StorePresence } from './presence';
import { createJobWorker } from './job-handlers';
import { fromShopify, shopifyOrderSchema, validShopifyHmac } from './shopify';

export const ORDERS_PATHS = {
  intake: '/api/orders',
  order: '/api/orders/:id',
  shopifyWebhook: '/api/webhooks/shopify/:channelId/orders-create',
  channels: '/api/hq/channels',
  preview: '/api/hq/routing/preview',
  exceptions: '/api/hq/order-exceptions',
  retryException: '/api/hq/order-exceptions/:id/retry',
  cancelException: '/api/hq/order-exceptions/:id/cancel',
  cancelOrder: '/api/hq/orders/:id/cancel',
  jobs: '/api/hq/jobs',
  carrierTracking: '/api/carriers/:carrier/tracking',
} as const;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  throw new DomainError(
    OrdersError.INVALID_PAYLOAD,
    `${path ? `"${path}": ` : ''}${issue?.message ?? 'invalid'}. See docs/ORDERS-API.md for the payload.`,
    { field: path },
  );
}

const bodyOf = (request: FastifyRequest): unknown =>
  parseJsonBody(typeof request.body === 'string' ? request.body : '');

async function requireHq(ctx: ServerContext, request: FastifyRequest): Promise<void> {
  const principal = await ctx.auth.authenticate(request.headers.authorization);
  if (principal.kind !== 'hq')
    throw new DomainError(OrdersError.FORBIDDEN, 'Only head office (the HQ admin token) may do this.');
}

const channelSchema = z.strictObject({
  channel: z.enum(CHANNELS),
  code: z.string().regex(/^[A-Z0-9]{1,10}$/, 'A channel code is 1–10 capital letters or digits, e.g. W01.'),
  name: z.string().min(1).max(100),
  homeStoreCode: z.string().min(1).max(32),
});

const previewSchema = z.strictObject({
  lines: z
    .array(z.strictObject({ sku: z.string().min(1).max(64), quantity: z.number().int().min(1).max(1000) }))
    .min(1)
    .max(100),
  fulfillment: z.discriminatedUnion('method', [
    z.strictObject({ method: z.literal('pickup'), pickupStoreCode: z.string().min(1).max(32) }),
    z.strictObject({
      method: z.literal('ship'),
      location: z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
    }),
  ]),
  excludeStoreCodes: z.array(z.string().max(32)).max(100).optional(),
});

export function registerOrchestrationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const o = orchestrationFor(ctx.storage, ctx.policies, ctx.afterWrite);
  const jobs = createJobWorker(o, (message, error) => app.log.warn({ err: error }, message));
  // Every device request and live-stream ping marks its store seen; routing reads it (presence.ts).
  const presence = new StorePresence(ctx.storage, (message, error) => app.log.warn({ err: error }, message));
  ctx.onStoreSeen = (storeId) => presence.seen(storeId);
  app.addHook('onReady', async () => jobs.worker.start());
  app.addHook('onClose', async () => jobs.close());
  void app.register(async (scoped) => {
    scoped.removeContentTypeParser('application/json');
    scoped.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    scoped.setErrorHandler((error, _request, reply) => {
      if (isDomainError(error) && error.code in ORDERS_HTTP_STATUS)
        return reply.status(ORDERS_HTTP_STATUS[error.code as OrdersErrorCode]).send(toErrorBody(error));
      throw error;
    });
    registerChannelRoutes(scoped, o);
    registerHqRoutes(scoped, ctx, o);
  });
}

function registerChannelRoutes(app: FastifyInstance, o: Orchestration): void {
  app.post(ORDERS_PATHS.intake, async (request, reply) => {
    const channel = await channelByApiKey(o.storage, request.headers.authorization);
    const payload = parse(intakeSchema, bodyOf(request));
    const key = request.headers['idempotency-key'];
    if (key !== undefined && (typeof key !== 'string' || key.length < 1 || key.length > 200)) {
      throw new DomainError(
        OrdersError.INVALID_PAYLOAD,
        'Idempotency-Key must be 1–200 characters; send one per order (a UUID is fine).',
      );
    }
    const answer = await intakeOrder(o, channel, payload, key);
    return reply.status(answer.status).send(answer.body);
  });

  app.get<{ Params: { id: string } }>(ORDERS_PATHS.order, async (request) => {
    const channel = await channelByApiKey(o.storage, request.headers.authorization);
    const stored = (await o.storage.getDocuments('orders', [request.params.id])).get(request.params.id);
    const rows = await o.storage.query<{ order_id: string }>(
      'SELECT order_id FROM order_intake_keys WHERE channel_id = ? AND order_id = ?',
      [channel.id, request.params.id],
    );
    if (!stored || rows.length === 0)
      throw new DomainError(OrdersError.NOT_FOUND, 'No order with this id was placed through this channel.');
    const order = stored.data;
    return { orderId: order.id, orderNumber: order.orderNumber, status: order.status, totals: order.totals };
  });

  app.post<{ Params: { carrier: string } }>(ORDERS_PATHS.carrierTracking, async (request) => {
    await authenticateCarrier(o.storage, request.params.carrier, request.headers.authorization);
    const event = parse(trackingEventSchema, bodyOf(request));
    return applyTrackingEvent(o, request.params.carrier, event);
  });

  app.post<{ Params: { channelId: string } }>(ORDERS_PATHS.shopifyWebhook, async (request, reply) => {
    const raw = typeof request.body === 'string' ? request.body : '';
    const channel = await channelById(o.storage, request.params.channelId);
    const signature = request.headers['x-shopify-hmac-sha256'];
    if (
      !channel ||
      !validShopifyHmac(raw, channel.webhookSecret, typeof signature === 'string' ? signature : undefined)
    ) {
      throw new DomainError(
        OrdersError.BAD_SIGNATURE,
        "The X-Shopify-Hmac-Sha256 signature does not match this channel's webhook secret; nothing was stored.",
      );
    }
    const shopify = parse(shopifyOrderSchema, parseJsonBody(raw));
    const payload = parse(intakeSchema, fromShopify(shopify));
    const webhookId = request.headers['x-shopify-webhook-id'];
    const answer = await intakeOrder(
      o,
      channel,
      payload,
      typeof webhookId === 'string' && webhookId.length <= 200 ? webhookId : undefined,
    );
    // Shopify retries anything but 2xx; a parked order is stored, so it is acknowledged.
    return reply
      .status(answer.status >= 400 && answer.status < 500 && answer.body.orderId ? 202 : answer.status)
      .send(answer.body);
  });
}

function registerHqRoutes(app: FastifyInstance, ctx: ServerContext, o: Orchestration): void {
  app.post(ORDERS_PATHS.channels, async (request, reply) => {
    await requireHq(ctx, request);
    const input = parse(channelSchema, bodyOf(request));
    await o.catalog.refresh();
    const store = o.catalog.storeByCode(input.homeStoreCode);
    if (!store)
      throw new DomainError(OrdersError.INVALID_PAYLOAD, `No active store has the code ${input.homeStoreCode}.`, {
        field: 'homeStoreCode',
      });
    const created = await createChannelKey(
      o.storage,
      { id: o.newId(), channel: input.channel, code: input.code, name: input.name, homeStoreId: store.id },
      o.now(),
    );
    return reply.status(201).send(created);
  });

  app.get(ORDERS_PATHS.channels, async (request) => {
    await requireHq(ctx, request);
    return { channels: await listChannels(o.storage) };
  });

  app.post(ORDERS_PATHS.preview, async (request) => {
    await requireHq(ctx, request);
    const input = parse(previewSchema, bodyOf(request));
    await o.catalog.refresh();
    const lines = input.lines.map((l, i) => ({ lineId: `line-${i + 1}`, sku: l.sku, quantity: l.quantity }));
    const { stores, stock } = await routingInput(
      o.storage,
      o.catalog,
      [...new Set(lines.map((l) => l.sku))],
      o.now(),
      o.settings,
    );
    const exclude = (input.excludeStoreCodes ?? []).map((c) => o.catalog.storeByCode(c)?.id ?? c);
    let destination;
    if (input.fulfillment.method === 'pickup') {
      const store = o.catalog.storeByCode(input.fulfillment.pickupStoreCode);
      if (!store)
        throw new DomainError(
          OrdersError.INVALID_PAYLOAD,
          `No active store has the code ${input.fulfillment.pickupStoreCode}.`,
          { field: 'fulfillment.pickupStoreCode' },
        );
      destination = { kind: 'pickup' as const, storeId: store.id };
    } else {
      destination = {
        kind: 'ship' as const,
        location: { lat: input.fulfillment.location.lat, lon: input.fulfillment.location.lng },
      };
    }
    const plan = planRoute(stores, stock, { lines, destination, excludeStoreIds: exclude });
    const code = (id: string) => o.catalog.storeById(id)?.payload.code;
    if (plan.kind === PlanKind.ROUTED)
      return { plan: { ...plan, allocations: plan.allocations.map((a) => ({ ...a, storeCode: code(a.storeId) })) } };
    if (plan.kind === PlanKind.PICKUP_ALTERNATIVES)
      return { plan: { ...plan, alternatives: plan.alternatives.map((a) => ({ ...a, storeCode: code(a.storeId) })) } };
    return { plan };
  });

  app.get<{ Querystring: { status?: string; limit?: string } }>(ORDERS_PATHS.exceptions, async (request) => {
    await requireHq(ctx, request);
    const limit = Math.min(1000, Math.max(1, Number(request.query.limit ?? 200) || 200));
    return { exceptions: await listExceptions(o.storage, request.query.status, limit) };
  });

  app.post<{ Params: { id: string } }>(ORDERS_PATHS.retryException, async (request) => {
    await requireHq(ctx, request);
    return retryException(o, request.params.id);
  });

  app.post<{ Params: { id: string } }>(ORDERS_PATHS.cancelException, async (request) => {
    await requireHq(ctx, request);
    return { exception: await cancelException(o, request.params.id) };
  });

  app.post<{ Params: { id: string } }>(ORDERS_PATHS.cancelOrder, async (request) => {
    await requireHq(ctx, request);
    const reason = z
      .strictObject({ reason: z.string().min(1).max(200).optional() })
      .safeParse(request.body ? bodyOf(request) : {});
    return cancelOrder(
      o,
      request.params.id,
      (reason.success ? reason.data.reason : undefined) ?? 'cancelled by head office',
    );
  });

  app.get<{ Querystring: { status?: string } }>(ORDERS_PATHS.jobs, async (request) => {
    await requireHq(ctx, request);
    return { jobs: await listJobs(o.storage, request.query.status ?? 'dead', 200) };
  });
}
