// Webhook subscriptions (admin), their delivery log, and manual replay.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../../shared/errors';
import { HqError } from '../errors';
import { HQ_API, type HqDeps } from '../deps';
import { field } from '../input';
import { WEBHOOK_EVENTS } from './events';
import type { WebhookRow, WebhookWorker } from './worker';

function shown(row: WebhookRow) {
  return {
    id: row.id,
    url: row.url,
    events: row.events.split(','),
    active: Number(row.active) === 1,
    createdAt: row.created_at,
  };
}

export function registerWebhookRoutes(app: FastifyInstance, deps: HqDeps, worker: WebhookWorker): void {
  app.get(`${HQ_API}/webhooks`, async (request) => {
    await deps.guard.caller(request, 'admin');
    return {
      webhooks: (await deps.sql.all<WebhookRow>('SELECT * FROM hq_webhooks ORDER BY created_at')).map(shown),
      events: WEBHOOK_EVENTS,
    };
  });

  app.post(`${HQ_API}/webhooks`, async (request, reply) => {
    await deps.guard.caller(request, 'admin');
    const url = field(request.body, 'url');
    let parsed: URL | undefined;
    try {
      parsed = typeof url === 'string' ? new URL(url) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
      throw new DomainError(
        HqError.INVALID_INPUT,
        'Give the receiver as an http(s) URL, e.g. https://erp.example.com/hooks/pos.',
        { field: 'url' },
      );
    }
    const events = field(request.body, 'events');
    if (
      !Array.isArray(events) ||
      events.length === 0 ||
      !events.every((e) => (WEBHOOK_EVENTS as readonly unknown[]).includes(e))
    ) {
      throw new DomainError(HqError.INVALID_INPUT, `Choose events from ${WEBHOOK_EVENTS.join(', ')}.`, {
        field: 'events',
      });
    }
    const secret = randomBytes(32).toString('base64url');
    const row = {
      id: randomUUID(),
      url: parsed.toString(),
      events: [...new Set(events as string[])].join(','),
      secret,
      created_at: new Date().toISOString(),
    };
    const fromSeq = await deps.ctx.storage.latestSeq();
    await deps.sql.tx((run) =>
      run(
        'INSERT INTO hq_webhooks (id, url, events, secret, active, from_seq, created_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
        [row.id, row.url, row.events, secret, fromSeq, row.created_at],
      ),
    );
    // The secret is shown once, here; receivers verify the x-pos-signature header with it.
    return reply.status(201).send({ webhook: shown({ ...row, active: 1, from_seq: fromSeq }), secret });
  });

  app.post<{ Params: { id: string } }>(`${HQ_API}/webhooks/:id/active`, async (request) => {
    await deps.guard.caller(request, 'admin');
    const active = field(request.body, 'active');
    if (typeof active !== 'boolean')
      throw new DomainError(HqError.INVALID_INPUT, 'Send { active: true } or { active: false }.', { field: 'active' });
    const changed = await deps.sql.tx((run) =>
      run('UPDATE hq_webhooks SET active = ? WHERE id = ?', [active ? 1 : 0, request.params.id]),
    );
    if (changed === 0) throw new DomainError(HqError.NOT_FOUND, `No webhook ${request.params.id}.`);
    return { active };
  });

  app.get<{ Params: { id: string } }>(`${HQ_API}/webhooks/:id/deliveries`, async (request) => {
    await deps.guard.caller(request, 'admin');
    const rows = await deps.sql.all<Record<string, unknown>>(
      `SELECT id, event_id, event_type, status, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at
       FROM hq_webhook_deliveries WHERE webhook_id = ? ORDER BY created_at DESC LIMIT 200`,
      [request.params.id],
    );
    return { deliveries: rows.map((r) => ({ ...r, attempts: Number(r.attempts) })) };
  });

  app.post<{ Params: { id: string } }>(`${HQ_API}/webhook-deliveries/:id/replay`, async (request) => {
    await deps.guard.caller(request, 'admin');
    const changed = await deps.sql.tx((run) =>
      run(
        "UPDATE hq_webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_until = NULL WHERE id = ? AND status IN ('delivered', 'dead')",
        [new Date().toISOString(), request.params.id],
      ),
    );
    if (changed === 0)
      throw new DomainError(
        HqError.CONFLICT,
        'Only a delivered or dead delivery can be replayed; a pending one is still being retried.',
      );
    worker.kick();
    return { replaying: true };
  });
}
