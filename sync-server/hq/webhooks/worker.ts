// Webhook delivery. Until order orchestration's transactional outbox lands, this keeps its own
// queue (hq_webhook_deliveries): a follower turns replicated writes into one queued delivery per
// subscription and event (unique, so re-reading never queues twice), and a sender claims due rows
// with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL, so several server instances share the work),
// POSTs them signed, and retries failures with exponential back-off until MAX_ATTEMPTS, after which
// the delivery is dead and waits for a manual replay.
import { randomUUID } from 'node:crypto';
import type { Storage } from '../../storage/storage';
import type { HqSql } from '../sql';
import { eventOf, FOLLOWED } from './events';
import { SIGNATURE_HEADER, sign } from './signature';

export const MAX_ATTEMPTS = 8;
const PAGE = 500;
const CLAIM = 10;
const LEASE_MS = 30_000;
const TIMEOUT_MS = 5_000;
const MAX_BACKOFF_MS = 3_600_000;

export interface WebhookRow {
  id: string;
  url: string;
  events: string;
  secret: string;
  active: number | boolean;
  from_seq: number | string;
  created_at: string;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  attempts: number;
}

export class WebhookWorker {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly storage: Storage,
    private readonly sql: HqSql,
    /** First retry after this; each further one waits twice as long (HQ_WEBHOOK_BACKOFF_MS). */
    private readonly backoffMs = 10_000,
  ) {}

  start(): void {
    this.unsubscribe = this.storage.onCommit(() => this.kick());
    this.timer = setInterval(() => this.kick(), 1000);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearInterval(this.timer);
    await this.running;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.follow();
          await this.deliverDue();
        } while (this.again && !this.stopped);
      } catch {
        // Storage hiccup: the next tick tries again; nothing is lost (checkpoints move in the same transaction as the queue).
      } finally {
        this.running = undefined;
      }
    })();
  }

  /** Waits until the current round (if any) has finished; for tests and shutdown. */
  async idle(): Promise<void> {
    await this.running;
  }

  private async follow(): Promise<void> {
    const hooks = (await this.sql.all<WebhookRow>('SELECT * FROM hq_webhooks WHERE active = 1')).map((h) => ({
      ...h,
      types: new Set(h.events.split(',')),
      from: Number(h.from_seq),
    }));
    // With no subscriber nothing is read or written (a write per tick would cost an fsync each second).
    if (hooks.length === 0) return;
    const oldest = Math.min(...hooks.map((h) => h.from));
    for (const collection of FOLLOWED) {
      const key = `webhooks:${collection}`;
      const rows = await this.sql.all<{ seq: number | string }>('SELECT seq FROM hq_projector WHERE collection = ?', [
        key,
      ]);
      // Never further back than the oldest subscription: what came before it is nobody's event.
      const start = Math.max(rows[0] ? Number(rows[0].seq) : 0, oldest);
      const docs = await this.storage.pull({ collection, afterSeq: start, limit: PAGE, storeId: null });
      if (docs.length === 0) continue;
      const after = docs[docs.length - 1]?.seq ?? start;
      const now = new Date().toISOString();
      await this.sql.tx(async (run) => {
        for (const doc of docs) {
          const event = eventOf(doc, now);
          if (!event) continue;
          const payload = JSON.stringify(event);
          for (const hook of hooks) {
            if (!hook.types.has(event.type) || doc.seq <= hook.from) continue;
            await run(
              `INSERT INTO hq_webhook_deliveries (id, webhook_id, event_id, event_type, payload, status, attempts, next_attempt_at, created_at)
               VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (webhook_id, event_id) DO NOTHING`,
              [randomUUID(), hook.id, event.id, event.type, payload, now, now],
            );
          }
        }
        await run(
          'INSERT INTO hq_projector (collection, seq) VALUES (?, ?) ON CONFLICT (collection) DO UPDATE SET seq = excluded.seq',
          [key, after],
        );
      });
      if (docs.length === PAGE) this.again = true;
    }
  }

  private async deliverDue(): Promise<void> {
    const now = new Date();
    const due = `(status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until < ?)`;
    // A read first: claiming is a write transaction, and an idle tick must not cost one.
    if (
      (
        await this.sql.all(`SELECT id FROM hq_webhook_deliveries WHERE ${due} LIMIT 1`, [
          now.toISOString(),
          now.toISOString(),
        ])
      ).length === 0
    )
      return;
    const lockClause = this.sql.kind === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
    const claimed = await this.sql.tx((_run, all) =>
      all<DeliveryRow>(
        `UPDATE hq_webhook_deliveries SET status = 'sending', lease_until = ?
         WHERE id IN (SELECT id FROM hq_webhook_deliveries WHERE ${due}
           ORDER BY next_attempt_at LIMIT ${CLAIM}${lockClause})
         RETURNING id, webhook_id, event_id, event_type, payload, attempts`,
        [new Date(now.getTime() + LEASE_MS).toISOString(), now.toISOString(), now.toISOString()],
      ),
    );
    if (claimed.length === 0) return;
    const hooks = new Map((await this.sql.all<WebhookRow>('SELECT * FROM hq_webhooks')).map((h) => [h.id, h]));
    await Promise.all(claimed.map((d) => this.send(d, hooks.get(d.webhook_id))));
    this.again = true;
  }

  private async send(delivery: DeliveryRow, hook: WebhookRow | undefined): Promise<void> {
    let status: number | null = null;
    let error: string | null = null;
    if (!hook) error = 'The subscription was removed.';
    else {
      try {
        const response = await fetch(hook.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-pos-event': delivery.event_type,
            'x-pos-event-id': delivery.event_id,
            'x-pos-delivery': delivery.id,
            [SIGNATURE_HEADER]: sign(hook.secret, delivery.payload, Math.floor(Date.now() / 1000)),
          },
          body: delivery.payload,
          signal: AbortSignal.timeout(TIMEOUT_MS),
          redirect: 'manual',
        });
        status = response.status;
        await response.body?.cancel();
        if (status < 200 || status >= 300) error = `The receiver answered HTTP ${status}.`;
      } catch (e) {
        error = `Could not reach the receiver: ${(e as Error).message}`.slice(0, 300);
      }
    }
    const attempts = delivery.attempts + 1;
    const at = new Date();
    if (!error) {
      await this.sql.tx((run) =>
        run(
          "UPDATE hq_webhook_deliveries SET status = 'delivered', attempts = ?, last_status = ?, last_error = NULL, lease_until = NULL, delivered_at = ? WHERE id = ?",
          [attempts, status, at.toISOString(), delivery.id],
        ),
      );
      return;
    }
    const dead = attempts >= MAX_ATTEMPTS || !hook;
    const next = new Date(at.getTime() + Math.min(MAX_BACKOFF_MS, this.backoffMs * 2 ** (attempts - 1)));
    await this.sql.tx((run) =>
      run(
        'UPDATE hq_webhook_deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?, lease_until = NULL, next_attempt_at = ? WHERE id = ?',
        [dead ? 'dead' : 'pending', attempts, status, error, next.toISOString(), delivery.id],
      ),
    );
  }
}
