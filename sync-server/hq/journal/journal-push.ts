// The nightly journal push: once a store's business day has closed (a configured store-local time
// of the next day, 02:00 by default), its journal is built once and delivered — a `journal.ready`
// webhook event carrying the journal, and CSV + JSON files (mode 0600) in JOURNAL_EXPORT_DIR.
// A row in hq_journal_pushes per store-day is claimed atomically with a lease before the work and
// marked pushed in the same transaction that queues the webhook deliveries, so a restart or a
// second server instance never pushes a day twice, and a claim left by a crashed instance is
// taken over when its lease runs out. A marker per store (hq_journal_push_marks) holds the last day
// up to which every day is pushed, so a check reads one row per store and never goes back behind
// it; days missed while the server was down are caught up (at most `catchUpDays` back). A day with
// no journal lines is recorded as empty and not delivered. A failed push (export folder not
// writable, database error) is logged and raised as an HQ alert, once per store-day; the day is
// tried again when its claim's lease runs out.
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Storage } from '../../storage/storage';
import type { FactsProjector } from '../dashboard/facts-projector';
import type { StoreInfo } from '../dashboard/store-directory';
import type { HqSql } from '../sql';
import type { EventEnvelope } from '../webhooks/events';
import { journalCsv, type Journal } from './journal';
import { loadJournal } from './journal-data';

const LEASE_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

export interface JournalPushOptions {
  /** Store-local time the previous business day counts as closed, `HH:MM` (JOURNAL_PUSH_AT). */
  pushAt?: string | undefined;
  /** Folder for the CSV and JSON files (JOURNAL_EXPORT_DIR); no files when absent. */
  exportDir?: string | undefined;
  /** How many closed days back a store is caught up after downtime (JOURNAL_PUSH_CATCHUP_DAYS). */
  catchUpDays?: number | undefined;
  /** Where failures are logged (the server's pino logger). */
  log?: JournalPushLog | undefined;
  /** The clock; injected by tests. */
  now?: () => Date;
}

/** The part of a pino logger the pusher uses. */
export interface JournalPushLog {
  error(details: object, message: string): void;
}

/** The HQ alert kind a failed push raises. */
export const JOURNAL_PUSH_FAILED = 'journal_push_failed';

export interface PushedDay {
  storeId: string;
  storeCode: string;
  businessDay: string;
  status: 'pushed' | 'empty';
  files: string[];
  deliveries: number;
}

/** `HH:MM` → minutes after midnight, or null when it is not a time of day. */
export function parsePushAt(value: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The store-local calendar day and minute of the day at an instant. */
export function localClock(timezone: string, at: Date): { day: string; minute: number } {
  let format: Intl.DateTimeFormat;
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  try {
    format = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: timezone });
  } catch {
    format = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: 'UTC' });
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    minute: (Number(get('hour')) % 24) * 60 + Number(get('minute')),
  };
}

/** The latest business day of a store that has closed at `at`: yesterday once pushAt has passed, else the day before. */
export function lastClosedDay(timezone: string, at: Date, pushAtMinute: number): string {
  const local = localClock(timezone, at);
  return addDays(local.day, local.minute >= pushAtMinute ? -1 : -2);
}

async function writePrivate(path: string, content: string): Promise<void> {
  // Written beside and renamed, so a reader never sees half a file; 0600 before it gets its name.
  const temp = `${path}.${randomUUID()}.tmp`;
  await writeFile(temp, content, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, path);
}

export class JournalPusher {
  private readonly pushAtMinute: number;
  private readonly catchUpDays: number;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PushedDay[]> | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly sql: HqSql,
    private readonly facts: FactsProjector,
    private readonly options: JournalPushOptions = {},
  ) {
    const at = options.pushAt === undefined ? 120 : parsePushAt(options.pushAt);
    if (at === null) throw new Error(`JOURNAL_PUSH_AT must be a time of day such as 02:00 (got "${options.pushAt}").`);
    this.pushAtMinute = at;
    const days = options.catchUpDays ?? 7;
    if (!Number.isInteger(days) || days < 1 || days > 366)
      throw new Error(`JOURNAL_PUSH_CATCHUP_DAYS must be a whole number from 1 to 366 (got "${days}").`);
    this.catchUpDays = days;
    this.now = options.now ?? (() => new Date());
  }

  /** Checks every minute; a check with nothing due reads the store list and the markers only. */
  start(intervalMs = 60_000): void {
    const tick = () => {
      this.runOnce().catch((error: unknown) => this.failed(null, null, error));
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Pushes every closed, not yet pushed store-day in the catch-up window; answers what this call pushed. */
  runOnce(): Promise<PushedDay[]> {
    if (!this.running)
      this.running = this.round().finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async round(): Promise<PushedDay[]> {
    await this.facts.stores.refresh();
    const at = this.now();
    const marks = new Map(
      (
        await this.sql.all<{ store_id: string; pushed_through: string }>(
          'SELECT store_id, pushed_through FROM hq_journal_push_marks',
        )
      ).map((r) => [r.store_id, r.pushed_through]),
    );
    const out: PushedDay[] = [];
    for (const store of this.facts.stores.list()) {
      const last = lastClosedDay(store.timezone, at, this.pushAtMinute);
      const mark = marks.get(store.id);
      const windowStart = addDays(last, 1 - this.catchUpDays);
      const first = mark !== undefined && mark >= windowStart ? addDays(mark, 1) : windowStart;
      if (first > last) continue;
      out.push(...(await this.pushStore(store, first, last, at)));
    }
    return out;
  }

  /**
   * Pushes a store's days first…last not yet done, then moves its marker to the end of the unbroken
   * run of done days. A day that fails is reported and skipped (days are independent); it stays
   * claimed until its lease runs out and is tried again then, and the marker waits behind it.
   */
  private async pushStore(store: StoreInfo, first: string, last: string, at: Date): Promise<PushedDay[]> {
    const done = new Set(
      (
        await this.sql.all<{ business_day: string }>(
          "SELECT business_day FROM hq_journal_pushes WHERE store_id = ? AND business_day >= ? AND business_day <= ? AND status <> 'claimed'",
          [store.id, first, last],
        )
      ).map((r) => r.business_day),
    );
    const out: PushedDay[] = [];
    let through: string | undefined;
    let unbroken = true;
    for (let day = first; day <= last; day = addDays(day, 1)) {
      let finished = done.has(day);
      if (!finished) {
        try {
          const pushed = await this.pushDay(store, day, at);
          if (pushed) out.push(pushed);
          // null: another instance holds the claim; the day is not done until that instance finishes.
          finished = pushed !== null;
        } catch (error) {
          await this.failed(store, day, error);
        }
      }
      if (finished && unbroken) through = day;
      else unbroken = false;
    }
    if (through !== undefined)
      await this.sql.tx((run) =>
        run(
          `INSERT INTO hq_journal_push_marks (store_id, pushed_through) VALUES (?, ?)
           ON CONFLICT (store_id) DO UPDATE SET pushed_through = excluded.pushed_through
           WHERE hq_journal_push_marks.pushed_through < excluded.pushed_through`,
          [store.id, through],
        ),
      );
    return out;
  }

  /** Logs a failed push and raises an HQ alert, once per store-day (a failed round: once per day). */
  private async failed(store: StoreInfo | null, day: string | null, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const at = this.now();
    const businessDay = day ?? at.toISOString().slice(0, 10);
    this.options.log?.error(
      { err: error, storeId: store?.id, storeCode: store?.code, businessDay },
      store ? `Journal push of ${store.code} ${businessDay} failed` : 'Journal push round failed',
    );
    try {
      await this.sql.tx((run) =>
        run(
          `INSERT INTO hq_alerts (alert_id, kind, store_id, detail, created_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (alert_id) DO NOTHING`,
          [
            `${JOURNAL_PUSH_FAILED}:${store?.id ?? 'round'}:${businessDay}`,
            JOURNAL_PUSH_FAILED,
            store?.id ?? null,
            JSON.stringify({ storeCode: store?.code ?? null, businessDay, message }),
            at.toISOString(),
          ],
        ),
      );
    } catch (alertError) {
      // The database itself is failing: the log line above is all that can be recorded.
      this.options.log?.error({ err: alertError }, 'Journal push failure could not be raised as an HQ alert');
    }
  }

  /** Claims the store-day, or answers null when it is pushed or another instance holds it. */
  private async claim(storeId: string, day: string, at: Date): Promise<boolean> {
    const now = at.toISOString();
    const lease = new Date(at.getTime() + LEASE_MS).toISOString();
    const changed = await this.sql.tx((run) =>
      run(
        `INSERT INTO hq_journal_pushes (store_id, business_day, status, lease_until, claimed_at)
         VALUES (?, ?, 'claimed', ?, ?)
         ON CONFLICT (store_id, business_day) DO UPDATE SET lease_until = excluded.lease_until, claimed_at = excluded.claimed_at
         WHERE hq_journal_pushes.status = 'claimed' AND hq_journal_pushes.lease_until < excluded.claimed_at`,
        [storeId, day, lease, now],
      ),
    );
    return changed === 1;
  }

  private async pushDay(store: StoreInfo, day: string, at: Date): Promise<PushedDay | null> {
    if (!(await this.claim(store.id, day, at))) return null;
    const journal = await loadJournal(this.storage, this.sql, this.facts, store.id, day);
    const empty = journal.lines.length === 0;
    const files = empty ? [] : await this.writeFiles(journal);
    const event: EventEnvelope = {
      id: `journal:${store.id}:${day}`,
      type: 'journal.ready',
      createdAt: at.toISOString(),
      data: { storeId: store.id, storeCode: store.code, businessDay: day, files, journal },
    };
    const payload = JSON.stringify(event);
    const deliveries = await this.sql.tx(async (run, all) => {
      let queued = 0;
      if (!empty) {
        const hooks = (
          await all<{ id: string; events: string }>('SELECT id, events FROM hq_webhooks WHERE active = 1')
        ).filter((h) => h.events.split(',').includes('journal.ready'));
        for (const hook of hooks)
          queued += await run(
            `INSERT INTO hq_webhook_deliveries (id, webhook_id, event_id, event_type, payload, status, attempts, next_attempt_at, created_at)
             VALUES (?, ?, ?, 'journal.ready', ?, 'pending', 0, ?, ?) ON CONFLICT (webhook_id, event_id) DO NOTHING`,
            [randomUUID(), hook.id, event.id, payload, event.createdAt, event.createdAt],
          );
      }
      await run(
        `UPDATE hq_journal_pushes SET status = ?, lease_until = NULL, pushed_at = ?, balanced = ?, files = ?
         WHERE store_id = ? AND business_day = ?`,
        [empty ? 'empty' : 'pushed', at.toISOString(), journal.balanced ? 1 : 0, JSON.stringify(files), store.id, day],
      );
      return queued;
    });
    return {
      storeId: store.id,
      storeCode: store.code,
      businessDay: day,
      status: empty ? 'empty' : 'pushed',
      files,
      deliveries,
    };
  }

  private async writeFiles(journal: Journal): Promise<string[]> {
    const dir = this.options.exportDir;
    if (!dir) return [];
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // Store codes are validated as short identifiers; anything else is kept out of the file name.
    const base = `journal-${journal.storeCode.replace(/[^A-Za-z0-9_-]/g, '_')}-${journal.businessDay}`;
    const csv = join(dir, `${base}.csv`);
    const json = join(dir, `${base}.json`);
    await writePrivate(csv, journalCsv(journal));
    await writePrivate(json, `${JSON.stringify(journal, null, 2)}\n`);
    return [csv, json];
  }
}
