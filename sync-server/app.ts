// Builds the Fastify app: health, metrics, enrollment, replication, live stream, and (in
// browser mode) the POS renderer as static files.
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Storage } from './storage/storage';
import type { AuthService } from './auth/auth-service';
import type { PolicyMap } from './replication/policy';
import type { AfterWrite } from './replication/push';
import { DEFAULT_STREAM_LIMITS, StreamHub, type StreamLimits } from './replication/stream-hub';
import { Metrics } from './http/metrics';
import { frameworkError, installErrorHandling } from './http/error-handler';
import { DEFAULT_RATE_LIMITS, installGuards, type RateLimits } from './http/guard';
import { serveStaticFiles } from './http/static-files';
import { parseJsonBody } from './http/json-body';
import { registerAuthRoutes } from './http/auth-routes';
import { registerSyncRoutes } from './http/sync-routes';
import { registerLookupRoutes } from './http/lookup-routes';
import { registerRegisterNameRoutes } from './http/register-name-routes';
import { registerInventoryRoutes } from './inventory/inventory-routes';
import { registerReturnsRoutes } from './returns/returns-routes';
import { registerOrchestrationRoutes } from './orchestration/routes';
import { registerAlertRoutes } from './http/alert-routes';
import { registerCustomerRoutes } from './http/customer-routes';
import { corsOriginsFrom, installCors } from './http/cors';
import { registerHqRoutes } from './hq/register';
import { registerCustomerSummaryRoute } from './hq/service/register-summary';
import { SYNC_PATHS } from '../shared/protocol/paths';
import {
  isSupportedProtocolVersion,
  PROTOCOL_VERSION_HEADER,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '../shared/protocol/version';
import { DomainError } from '../shared/errors';
import { SyncError } from './errors';
import type { ServerContext } from './http/context';
import type { GiftCardKeys } from './gift-cards/keys';
import { registerGiftCardRoutes } from './gift-cards/routes';

const BODY_LIMIT = 16 * 1024 * 1024;

/** Connection and time limits of the HTTP server (a slow or idle client cannot hold a socket). */
export interface HttpLimits {
  /** Whole request (headers and body) must arrive within this (slow-body uploads are cut off). */
  requestTimeoutMs: number;
  /** Headers must arrive within this. */
  headersTimeoutMs: number;
  /** An idle socket is closed after this (live streams ping every 15 s). */
  idleTimeoutMs: number;
  maxConnections: number;
}

const DEFAULT_HTTP_LIMITS: HttpLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 60_000,
  maxConnections: 2_000,
};

export interface ServerLimits {
  http: HttpLimits;
  rate: RateLimits;
  streams: StreamLimits;
}

export const DEFAULT_LIMITS: ServerLimits = {
  http: DEFAULT_HTTP_LIMITS,
  rate: DEFAULT_RATE_LIMITS,
  streams: DEFAULT_STREAM_LIMITS,
};

export interface AppOptions {
  storage: Storage;
  auth: AuthService;
  policies: PolicyMap;
  afterWrite?: AfterWrite | undefined;
  logLevel?: string;
  posDir?: string | undefined;
  version?: string;
  /** Extra allowed browser origins (CORS_ORIGINS); app://pos and loopback are always allowed. */
  corsOrigins?: string | undefined;
  limits?: Partial<ServerLimits> | undefined;
  /** TLS key and certificate (PEM) when the server terminates HTTPS itself. */
  https?: { key: Buffer; cert: Buffer } | undefined;
  /** The server's gift card keys; without them the gift card lookup routes are not served. */
  giftCardKeys?: GiftCardKeys | undefined;
}

export interface BuiltApp {
  app: FastifyInstance;
  metrics: Metrics;
  hub: StreamHub;
}

export async function buildApp(options: AppOptions): Promise<BuiltApp> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      // Credentials travel in this header; card numbers never reach the server at all.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    ...(options.https ? { https: options.https } : {}),
    // Live pull streams stay open; without this close() would wait for them forever.
    forceCloseConnections: true,
    bodyLimit: BODY_LIMIT,
    requestTimeout: limits.http.requestTimeoutMs,
    connectionTimeout: limits.http.idleTimeoutMs,
    // Router errors (an over-long path parameter, a malformed URL) in the documented envelope too.
    frameworkErrors: frameworkError,
  });
  app.server.headersTimeout = limits.http.headersTimeoutMs;
  app.server.maxConnections = limits.http.maxConnections;
  // Node checks requestTimeout only every 30 s (connectionsCheckingInterval), so a slow-body
  // upload could hold a socket that long: each request gets its own deadline for its body.
  app.addHook('onRequest', async (request, reply) => {
    if (request.raw.complete) return;
    const deadline = setTimeout(() => {
      if (!request.raw.complete) request.raw.socket.destroy();
    }, limits.http.requestTimeoutMs);
    deadline.unref();
    const clear = () => clearTimeout(deadline);
    request.raw.once('end', clear);
    request.raw.once('close', clear);
    reply.raw.once('finish', clear);
  });
  const startedAt = new Date().toISOString();
  const metrics = new Metrics();
  const hub = new StreamHub(options.storage, metrics, limits.streams);
  app.addHook('onClose', async () => hub.close());

  // JSON only: any other body type is a 415, not something a handler has to guess about.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  installErrorHandling(app);
  await installCors(app, corsOriginsFrom(options.corsOrigins));
  const ctx: ServerContext = {
    storage: options.storage,
    auth: options.auth,
    metrics,
    hub,
    policies: options.policies,
    afterWrite: options.afterWrite,
  };
  await installGuards(app, ctx, limits.rate);
  // Registers send their protocol version; tools and tests may leave it out.
  app.addHook('onRequest', async (request) => {
    const version = request.headers[PROTOCOL_VERSION_HEADER];
    if (version !== undefined && !isSupportedProtocolVersion(version)) {
      throw new DomainError(
        SyncError.PROTOCOL_VERSION_MISMATCH,
        `This register speaks sync protocol ${String(version)}; the server speaks ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}. Update the register.`,
      );
    }
  });

  // Public: says it is up and which engine, never a path or host (those are in the startup log).
  app.get(SYNC_PATHS.health, async () => ({
    status: 'ok',
    storage: options.storage.kind,
    version: options.version ?? '0.1.0',
    startedAt,
  }));

  // HQ token required (http/guard.ts): device counts and traffic are not for strangers.
  app.get(SYNC_PATHS.metrics, async (_request, reply) => {
    metrics.latestSeq = Math.max(metrics.latestSeq, await options.storage.latestSeq());
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render());
  });

  registerAuthRoutes(app, ctx, limits.rate);
  registerSyncRoutes(app, ctx);
  registerLookupRoutes(app, ctx, limits.rate);
  registerAlertRoutes(app, ctx);
  registerCustomerRoutes(app, ctx, limits.rate);
  registerCustomerSummaryRoute(app, ctx, limits.rate);
  if (options.giftCardKeys) registerGiftCardRoutes(app, ctx, limits.rate, options.giftCardKeys);
  registerHqRoutes(app, ctx);
  registerRegisterNameRoutes(app, ctx);
  registerInventoryRoutes(app, ctx);
  registerReturnsRoutes(app, ctx);
  registerOrchestrationRoutes(app, ctx);

  if (options.posDir && existsSync(options.posDir)) await serveStaticFiles(app, options.posDir);
  return { app, metrics, hub };
}
