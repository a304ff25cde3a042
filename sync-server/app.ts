// Builds the Fastify app: health, metrics, enrollment, replication, live stream, and (in
// browser mode) the POS renderer as static files.
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Storage } from './storage/storage';
import type { AuthService } from './auth/auth-service';
import type { PolicyMap } from './replication/policy';
import type { AfterWrite } from './replication/push';
import { StreamHub } from './replication/stream-hub';
import { Metrics } from './http/metrics';
import { installErrorHandling } from './http/error-handler';
import { parseJsonBody } from './http/json-body';
import { registerAuthRoutes } from './http/auth-routes';
import { registerSyncRoutes } from './http/sync-routes';
import { registerLookupRoutes } from './http/lookup-routes';
import { registerAlertRoutes } from './http/alert-routes';
import { corsOriginsFrom, installCors } from './http/cors';
import { SYNC_PATHS } from '../shared/protocol/paths';
import { isSupportedProtocolVersion, PROTOCOL_VERSION_HEADER, SUPPORTED_PROTOCOL_VERSIONS } from '../shared/protocol/version';
import { DomainError } from '../shared/errors';
import { SyncError } from './errors';

export const BODY_LIMIT = 16 * 1024 * 1024;

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
}

export interface BuiltApp {
  app: FastifyInstance;
  metrics: Metrics;
  hub: StreamHub;
}

export async function buildApp(options: AppOptions): Promise<BuiltApp> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      // Credentials travel in this header; card numbers never reach the server at all.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    // Live pull streams stay open; without this close() would wait for them forever.
    forceCloseConnections: true,
    bodyLimit: BODY_LIMIT,
  });
  const startedAt = new Date().toISOString();
  const metrics = new Metrics();
  const hub = new StreamHub(options.storage, metrics);
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
  installCors(app, corsOriginsFrom(options.corsOrigins));
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

  app.get(SYNC_PATHS.health, async () => ({
    status: 'ok',
    storage: options.storage.kind,
    location: options.storage.location,
    version: options.version ?? '0.1.0',
    startedAt,
  }));

  app.get(SYNC_PATHS.metrics, async (_request, reply) => {
    metrics.latestSeq = Math.max(metrics.latestSeq, await options.storage.latestSeq());
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render());
  });

  const ctx = { storage: options.storage, auth: options.auth, metrics, hub, policies: options.policies, afterWrite: options.afterWrite };
  registerAuthRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  registerLookupRoutes(app, ctx);
  registerAlertRoutes(app, ctx);

  if (options.posDir && existsSync(options.posDir)) {
    await app.register(fastifyStatic, { root: options.posDir, prefix: '/', index: ['index.html'] });
  }
  return { app, metrics, hub };
}
