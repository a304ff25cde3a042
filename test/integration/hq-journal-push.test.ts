// The nightly journal push with an injected clock, against a real server's storage: a store-day is
// pushed once its store-local 02:00 of the next day has passed (New York and Tokyo close at
// different instants), two pushers racing push it once, a restarted pusher pushes nothing again,
// days missed while down are caught up but never a day behind the store's marker, each pushed day
// reaches a webhook receiver exactly once (signed, journal attached) and the export folder as 0600
// CSV + JSON files, and an export that fails is logged and raised as an HQ alert, then done later.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Api, backends, pushRows, startTestServer, type TestServer } from './server-harness';
import { storeDoc } from './server-fixtures';
import { saleAt } from './hq-fixtures';
import { makeTempDir } from '../support/temp-dir';
import { hqSqlFor, type HqSql } from '../../sync-server/hq/sql';
import { FactsProjector } from '../../sync-server/hq/dashboard/facts-projector';
import {
  JournalPusher,
  lastClosedDay,
  type JournalPushLog,
  type PushedDay,
} from '../../sync-server/hq/journal/journal-push';
import { verify } from '../../sync-server/hq/webhooks/signature';
import type { Journal } from '../../sync-server/hq/journal/journal';

type Doc = Record<string, unknown>;
const DAY_MS = 86_400_000;
// In the future, so the server's own pusher (real clock) never reaches it, and a marker it sets for
// a store (yesterday at most) lies before every window these tests use.
const D = new Date(Date.now() + 40 * DAY_MS).toISOString().slice(0, 10);
const plus = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** A UTC instant for a wall-clock time in New York (EST/EDT found by trying both offsets). */
function nyTime(day: string, hhmm: string): Date {
  for (const offset of ['-05:00', '-04:00']) {
    const at = new Date(`${day}T${hhmm}:00${offset}`);
    const shown = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/New_York',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at);
    if (shown === hhmm) return at;
  }
  throw new Error(`no New York time ${day} ${hhmm}`);
}
const keys = (pushed: PushedDay[]) => pushed.map((p) => `${p.storeCode} ${p.businessDay} ${p.status}`).sort();

describe.each(backends)('nightly journal push on %s', (backend) => {
  let server: TestServer;
  let sql: HqSql;
  let receiver: Server;
  const received: { body: string; signature: string | undefined }[] = [];
  let secret = '';
  const exportDir = makeTempDir('pos-journal-export-');
  const ny = storeDoc('S001');
  const tokyo: Doc = { ...storeDoc('S002'), payload: { ...(storeDoc('S002').payload as Doc), timezone: 'Asia/Tokyo' } };
  const pusher = (now: Date, catchUpDays = 2, options: { exportDir?: string; log?: JournalPushLog } = {}) =>
    new JournalPusher(server.server.storage, sql, new FactsProjector(server.server.storage, sql), {
      exportDir: exportDir.path,
      catchUpDays,
      now: () => now,
      ...options,
    });
  const mark = async (storeId: unknown) =>
    (
      await sql.all<{ pushed_through: string }>('SELECT pushed_through FROM hq_journal_push_marks WHERE store_id = ?', [
        String(storeId),
      ])
    )[0]?.pushed_through;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ body, signature: request.headers['x-pos-signature'] as string | undefined });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    server = await startTestServer(backend);
    sql = hqSqlFor(server.server.storage);
    const api = new Api(server.url, server.hqToken);
    const hook = await api.post<{ secret: string }>('/api/hq/console/webhooks', {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
      events: ['journal.ready'],
    });
    expect(hook.status).toBe(201);
    secret = hook.body.secret;
    const sales = [
      saleAt(String(ny.id), nyTime(D, '15:00').toISOString()),
      saleAt(String(tokyo.id), new Date(`${D}T12:00:00+09:00`).toISOString()),
      saleAt(String(ny.id), nyTime(plus(D, 2), '11:00').toISOString()),
    ];
    expect((await api.post('/sync/config/push', pushRows([ny, tokyo]))).body).toMatchObject({ rejected: [] });
    expect((await api.post('/sync/orders/push', pushRows(sales))).body).toMatchObject({ rejected: [] });
  }, 60_000);

  afterAll(async () => {
    sql?.close();
    await server?.dispose();
    await new Promise((resolve) => receiver?.close(resolve));
    exportDir.remove();
  });

  it('works out the last closed business day in the store time zone', () => {
    expect(lastClosedDay('America/New_York', nyTime(plus(D, 1), '01:59'), 120)).toBe(plus(D, -1));
    expect(lastClosedDay('America/New_York', nyTime(plus(D, 1), '02:00'), 120)).toBe(D);
    expect(
      () =>
        new JournalPusher(server.server.storage, sql, new FactsProjector(server.server.storage, sql), {
          pushAt: '25:00',
        }),
    ).toThrow(/JOURNAL_PUSH_AT/);
  });

  it('pushes a day once its store-local push time has passed, once across two racing pushers and a restart', async () => {
    // 01:59 in New York is mid-afternoon in Tokyo: Tokyo's day D has closed, New York's has not.
    const early = await pusher(nyTime(plus(D, 1), '01:59')).runOnce();
    expect(keys(early)).toEqual([
      `S001 ${plus(D, -2)} empty`,
      `S001 ${plus(D, -1)} empty`,
      `S002 ${plus(D, -1)} empty`,
      `S002 ${D} pushed`,
    ]);
    expect(existsSync(join(exportDir.path, `journal-S001-${D}.csv`))).toBe(false);

    const at = nyTime(plus(D, 1), '02:00');
    const [a, b] = await Promise.all([pusher(at).runOnce(), pusher(at).runOnce()]);
    expect(keys([...a, ...b])).toEqual([`S001 ${D} pushed`]);
    expect(await pusher(at).runOnce()).toEqual([]);

    const rows = await sql.all<{ status: string; balanced: number }>(
      'SELECT status, balanced FROM hq_journal_pushes WHERE store_id = ? AND business_day = ?',
      [String(ny.id), D],
    );
    expect(rows).toEqual([{ status: 'pushed', balanced: 1 }]);
    for (const ext of ['csv', 'json']) {
      const file = join(exportDir.path, `journal-S001-${D}.${ext}`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    const json = JSON.parse(readFileSync(join(exportDir.path, `journal-S001-${D}.json`), 'utf8')) as Journal;
    expect(json).toMatchObject({ storeCode: 'S001', businessDay: D, balanced: true });
    expect(json.figures.transactions).toBe(1);
    expect(readFileSync(join(exportDir.path, `journal-S001-${D}.csv`), 'utf8')).toContain('S001');
  }, 60_000);

  it('catches up the days missed while down, without pushing a day again or going behind the marker', async () => {
    expect(await mark(ny.id)).toBe(D);
    const later = await pusher(nyTime(plus(D, 4), '03:00'), 7).runOnce();
    expect(keys(later).filter((k) => k.endsWith('pushed'))).toEqual([`S001 ${plus(D, 2)} pushed`]);
    expect(keys(later).some((k) => k.includes(` ${D} `))).toBe(false);
    // The window now reaches D−3, but every day up to D is done (the marker): only D+1 … D+3 are due.
    expect(later.filter((p) => p.storeCode === 'S001').map((p) => p.businessDay)).toEqual([
      plus(D, 1),
      plus(D, 2),
      plus(D, 3),
    ]);
    expect(await mark(ny.id)).toBe(plus(D, 3));
    expect(await pusher(nyTime(plus(D, 4), '03:00'), 7).runOnce()).toEqual([]);
  }, 60_000);

  it('delivers journal.ready once per pushed day to the receiver, signed, with the journal attached', async () => {
    // The deliveries were queued at the pushers' clock, 40 days ahead; the server's worker runs on the real one.
    await sql.tx((run) =>
      run("UPDATE hq_webhook_deliveries SET next_attempt_at = ? WHERE event_type = 'journal.ready'", [
        new Date().toISOString(),
      ]),
    );
    await vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(3), { timeout: 30_000, interval: 200 });
    const events = received.map((r) => {
      expect(verify(secret, r.body, r.signature)).toBe(true);
      return JSON.parse(r.body) as { type: string; data: { storeCode: string; businessDay: string; journal: Journal } };
    });
    expect(events.map((e) => `${e.data.storeCode} ${e.data.businessDay}`).sort()).toEqual(
      [`S001 ${D}`, `S001 ${plus(D, 2)}`, `S002 ${D}`].sort(),
    );
    for (const e of events) {
      expect(e.type).toBe('journal.ready');
      expect(e.data.journal.balanced).toBe(true);
      expect(e.data.journal.lines.length).toBeGreaterThan(0);
    }
  }, 60_000);

  it('logs a failed export and raises an HQ alert once, and pushes the day once its lease has run out', async () => {
    const api = new Api(server.url, server.hqToken);
    const sale = saleAt(String(ny.id), nyTime(plus(D, 6), '12:00').toISOString());
    expect((await api.post('/sync/orders/push', pushRows([sale]))).body).toMatchObject({ rejected: [] });
    // A folder under a regular file cannot be created, whoever runs the test.
    const blocker = join(exportDir.path, 'not-a-folder');
    writeFileSync(blocker, '');
    const logged: { details: Record<string, unknown>; message: string }[] = [];
    const log: JournalPushLog = { error: (details, message) => logged.push({ details: { ...details }, message }) };
    const at = nyTime(plus(D, 7), '03:00');
    const failing = pusher(at, 7, { exportDir: join(blocker, 'journals'), log });
    failing.start(60_000);
    await vi.waitFor(() => expect(logged.length).toBeGreaterThan(0), { timeout: 30_000, interval: 100 });
    await failing.stop();
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toBe(`Journal push of S001 ${plus(D, 6)} failed`);
    expect(logged[0]?.details).toMatchObject({ storeCode: 'S001', businessDay: plus(D, 6) });
    expect(String(logged[0]?.details.err)).toMatch(/ENOTDIR/);
    // The empty days before it are done; the marker waits behind the failed day.
    expect(await mark(ny.id)).toBe(plus(D, 5));

    const dashboard = await api.get<{ alerts: { id: string; kind: string; storeId: string; detail: Doc }[] }>(
      `/api/hq/console/dashboard?from=${plus(D, 6)}&to=${plus(D, 6)}`,
    );
    expect(dashboard.status).toBe(200);
    const alerts = dashboard.body.alerts.filter((a) => a.kind === 'journal_push_failed');
    expect(alerts).toEqual([
      {
        id: `journal_push_failed:${String(ny.id)}:${plus(D, 6)}`,
        kind: 'journal_push_failed',
        storeId: String(ny.id),
        detail: { storeCode: 'S001', businessDay: plus(D, 6), message: expect.stringMatching(/ENOTDIR/) as unknown },
        createdAt: at.toISOString(),
      },
    ]);

    // Within the claim's lease nothing retries it; after it the day is pushed and the marker moves on.
    expect(await pusher(new Date(at.getTime() + 60_000), 7).runOnce()).toEqual([]);
    const retried = await pusher(new Date(at.getTime() + 6 * 60_000), 7).runOnce();
    expect(keys(retried)).toEqual([`S001 ${plus(D, 6)} pushed`]);
    expect(existsSync(join(exportDir.path, `journal-S001-${plus(D, 6)}.csv`))).toBe(true);
    expect(await mark(ny.id)).toBe(plus(D, 6));
  }, 60_000);
});
