// Mounts the HQ console: its API under /api/hq/console (own error statuses, login rate limit, CSV
// uploads) and the built console at /hq/. app.ts calls registerHqRoutes once.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyError, FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import { DomainError, isDomainError, toErrorBody } from '../../shared/errors';
import type { ServerContext } from '../http/context';
import { HqAccounts } from './accounts';
import { HqGuard } from './guard';
import { HQ_ERROR_STATUS, HqError, type HqErrorCode } from './errors';
import { hqSqlFor } from './sql';
import { FactsProjector } from './dashboard/facts-projector';
import { DeviceSeen } from './dashboard/device-seen';
import type { HqDeps } from './deps';
import { registerHqAuthRoutes } from './auth-routes';
import { registerDashboardRoutes } from './dashboard/dashboard-routes';
import { registerOperationsRoutes } from './operations/operations-routes';
import { registerImportRoutes } from './import/import-routes';
import { registerJournalRoutes } from './journal/journal-routes';
import { registerWebhookRoutes } from './webhooks/webhook-routes';
import { registerServiceRoutes } from './service/service-routes';
import { registerPricingRoutes } from './pricing/pricing-routes';
import { registerHqInventoryRoutes } from '../inventory/hq-inventory-routes';
import { registerGiftCardDeviceRoutes } from '../gift-cards/device-unblock';
import { WebhookWorker } from './webhooks/worker';
import { JournalPusher } from './journal/journal-push';

/** The built renderer folder holding hq.html (HQ_CONSOLE_DIR, else out/renderer of this checkout). */
export function consoleDir(): string {
  return process.env.HQ_CONSOLE_DIR ?? resolve(import.meta.dirname, '../../out/renderer');
}

export function registerHqRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const sql = hqSqlFor(ctx.storage);
  const accounts = new HqAccounts(sql);
  const rateMax = Number(process.env.HQ_LOGIN_RATE_MAX);
  const deps: HqDeps = {
    ctx,
    sql,
    accounts,
    guard: new HqGuard(accounts, ctx.auth),
    facts: new FactsProjector(ctx.storage, sql),
    seen: new DeviceSeen(ctx.storage, sql),
    loginRateMax: Number.isInteger(rateMax) && rateMax > 0 ? rateMax : undefined,
  };
  deps.seen.install(app);
  const backoff = Number(process.env.HQ_WEBHOOK_BACKOFF_MS);
  const webhooks = new WebhookWorker(ctx.storage, sql, Number.isFinite(backoff) && backoff > 0 ? backoff : undefined);
  const catchUp = Number(process.env.JOURNAL_PUSH_CATCHUP_DAYS);
  const journals = new JournalPusher(ctx.storage, sql, deps.facts, {
    pushAt: process.env.JOURNAL_PUSH_AT || undefined,
    exportDir: process.env.JOURNAL_EXPORT_DIR || undefined,
    catchUpDays: process.env.JOURNAL_PUSH_CATCHUP_DAYS ? catchUp : undefined,
    log: app.log,
  });
  app.addHook('onReady', async () => {
    webhooks.start();
    journals.start();
  });
  app.addHook('onClose', async () => {
    await journals.stop();
    await webhooks.stop();
    await deps.seen.flush();
    sql.close();
  });

  void app.register(async (scope) => {
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (isDomainError(error) && error.code in HQ_ERROR_STATUS) {
        return reply.status(HQ_ERROR_STATUS[error.code as HqErrorCode]).send(toErrorBody(error));
      }
      throw error;
    });
    await scope.register(rateLimit, {
      global: false,
      hook: 'preHandler',
      errorResponseBuilder: (_request, context) =>
        new DomainError(
          HqError.RATE_LIMITED,
          `Too many sign-in attempts: wait ${Math.ceil(context.ttl / 60_000)} minute(s) and try again.`,
        ),
    });
    // A CSV upload stays a stream: the importer parses it row by row and never holds the file.
    scope.addContentTypeParser(['text/csv', 'application/octet-stream'], (_request, payload, done) =>
      done(null, payload),
    );
    registerHqAuthRoutes(scope, deps);
    registerDashboardRoutes(scope, deps);
    registerOperationsRoutes(scope, deps);
    registerImportRoutes(scope, deps);
    registerJournalRoutes(scope, deps);
    registerWebhookRoutes(scope, deps, webhooks);
    registerServiceRoutes(scope, deps);
    registerPricingRoutes(scope, deps);
    registerHqInventoryRoutes(scope, deps);
    registerGiftCardDeviceRoutes(scope, deps);

    const dir = consoleDir();
    if (existsSync(join(dir, 'hq.html'))) {
      await scope.register(fastifyStatic, {
        root: dir,
        prefix: '/hq/',
        index: ['hq.html'],
        decorateReply: false,
        redirect: true,
      });
    } else {
      scope.get('/hq/', async (_request, reply) =>
        reply
          .status(503)
          .type('text/plain; charset=utf-8')
          .send('The HQ console is not built: run `npm run build:web` (or set HQ_CONSOLE_DIR), then reload.'),
      );
    }
  });
}
