// Migration 15 (balance-ledger-scope) on a database that already holds rows in the old shape: a
// database is built at migration 14 with gift card and store credit ledgers stored as before
// (chain-wide scope), the server's storage opens it and applies 15 onwards, and the rows get the
// new scopes: a gift card is server-only, a store credit ledger belongs to its customer's home
// store, or stays server-only when the customer is unknown. Other config rows are untouched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../sync-server/storage/migrations';
import { PostgresStorage } from '../../sync-server/storage/postgres';
import { SqliteStorage } from '../../sync-server/storage/sqlite';
import type { Storage } from '../../sync-server/storage/storage';
import { backends } from '../integration/server-harness';
import { pgTestUrl } from '../support/env';
import { createPgSchema } from '../support/sync-server-process';

/** Every step listed before migration 15 (the list is applied in its order, which is not by number). */
const before = migrations.slice(
  0,
  migrations.findIndex((m) => m.version === 15),
);
const rows: { collection: string; id: string; data: Record<string, unknown> }[] = [
  { collection: 'customers', id: 'cust-home', data: { id: 'cust-home', homeStoreId: 'store-7' } },
  { collection: 'config', id: 'gc-1', data: { id: 'gc-1', kind: 'gift_card', payload: { balance: 500 } } },
  { collection: 'config', id: 'cust-home', data: { id: 'cust-home', kind: 'store_credit', payload: { balance: 100 } } },
  { collection: 'config', id: 'cust-gone', data: { id: 'cust-gone', kind: 'store_credit', payload: { balance: 50 } } },
  { collection: 'config', id: 'pol-1', data: { id: 'pol-1', kind: 'policy', key: 'default' } },
];
/** The scope each row should have after migration 15 (before it, every one was chain-wide: NULL). */
const expected: Record<string, string | null> = {
  'customers/cust-home': null,
  'config/gc-1': 'server',
  'config/cust-home': 'store-7',
  'config/cust-gone': 'server',
  'config/pol-1': null,
};

const SCHEMA_MIGRATIONS =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)';

function sqliteAt14(dir: string): void {
  const db = new Database(join(dir, 'pos.sqlite'));
  db.exec(SCHEMA_MIGRATIONS);
  for (const step of before) {
    db.exec(step.sqlite);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      step.version,
      step.name,
      '2026-01-01T00:00:00.000Z',
    );
  }
  rows.forEach((r, i) =>
    db
      .prepare(
        'INSERT INTO documents (collection, id, seq, scope, data, hash, deleted) VALUES (?, ?, ?, NULL, ?, ?, 0)',
      )
      .run(r.collection, r.id, i + 1, JSON.stringify(r.data), `h${i}`),
  );
  db.close();
}

async function postgresAt14(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(SCHEMA_MIGRATIONS);
    for (const step of before) {
      await client.query(step.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        step.version,
        step.name,
        '2026-01-01T00:00:00.000Z',
      ]);
    }
    for (const [i, r] of rows.entries()) {
      await client.query(
        'INSERT INTO documents (collection, id, seq, scope, data, hash, deleted) VALUES ($1, $2, $3, NULL, $4, $5, FALSE)',
        [r.collection, r.id, i + 1, JSON.stringify(r.data), `h${i}`],
      );
    }
  } finally {
    await client.end();
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe.each(backends)('migration 15 on a database with rows of the old shape (%s)', (backend) => {
  it('rescopes gift card and store credit ledgers and leaves other rows alone', async () => {
    let storage: Storage;
    if (backend === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'pos-migration-15-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      sqliteAt14(dir);
      storage = SqliteStorage.open(dir);
    } else {
      const schema = await createPgSchema(pgTestUrl!);
      cleanups.push(() => schema.drop());
      await postgresAt14(schema.url);
      storage = await PostgresStorage.open(schema.url);
    }
    cleanups.unshift(() => storage.close());
    const scopes = await storage.query<{ collection: string; id: string; scope: string | null }>(
      'SELECT collection, id, scope FROM documents ORDER BY seq',
    );
    expect(Object.fromEntries(scopes.map((r) => [`${r.collection}/${r.id}`, r.scope]))).toEqual(expected);
    const versions = await storage.query<{ version: number | string }>('SELECT version FROM schema_migrations');
    expect(versions.map((v) => Number(v.version)).sort((a, b) => a - b)).toEqual(
      migrations.map((m) => m.version).sort((a, b) => a - b),
    );
    // The data itself is unchanged.
    const ledger = (await storage.getDocuments('config', ['cust-home'])).get('cust-home');
    expect(ledger?.data).toMatchObject({ kind: 'store_credit', payload: { balance: 100 } });
  });
});
