// Embedded SQLite store (better-sqlite3). WAL + synchronous=FULL: an acknowledged write
// survives a power cut. One writer connection (serialised by a mutex, so sequence order is
// commit order) and one reader connection, which in WAL mode only ever sees committed data.
import { accessSync, chmodSync, closeSync, constants, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type {
  CommitNotice,
  DeviceRow,
  DocumentWrite,
  EnrollmentCodeRow,
  PullQuery,
  ScopeTotals,
  RawDocument,
  SqlText,
  SecurityAlert,
  Storage,
  StoredDocument,
  WriteTx,
} from './storage';
import { migrations } from './migrations';
import { Mutex } from './mutex';
import {
  deviceInsertSql,
  deviceInsertValues,
  toAlert,
  toDeviceRow,
  toStoredDocument,
  type AlertDbRow,
  type DeviceDbRow,
  type DocumentRow,
} from './rows';
import { Listeners } from './listeners';
import { GroupCommitter } from './group-commit';

const ID_CHUNK = 500;

export class SqliteStorage implements Storage {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  readonly db: Database.Database;
  private readonly reader: Database.Database;
  private readonly mutex = new Mutex();
  private readonly listeners = new Listeners<CommitNotice>();

  private constructor(file: string) {
    this.location = file;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.reader = new Database(file, { readonly: true });
    this.reader.pragma('busy_timeout = 5000');
  }

  static open(dataDir: string): SqliteStorage {
    const dir = resolve(dataDir);
    // Sales, staff hashes and device credential hashes: readable by the server's user only. SQLite
    // gives its -wal and -shm files the mode of the database file, so setting it first covers all three.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
    chmodSync(dir, 0o700);
    const file = join(dir, 'pos.sqlite');
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
    return new SqliteStorage(file);
  }

  private migrate(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const applied = new Set(
      this.db
        .prepare('SELECT version FROM schema_migrations')
        .all()
        .map((row) => (row as { version: number }).version),
    );
    for (const step of migrations) {
      if (applied.has(step.version)) continue;
      this.db
        .transaction(() => {
          this.db.exec(step.sqlite);
          this.db
            .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
            .run(step.version, step.name, new Date().toISOString());
        })
        .immediate();
    }
  }

  async write<T>(fn: (tx: WriteTx) => Promise<T>, weight?: number): Promise<T> {
    return this.committer.write(fn, weight);
  }

  private readonly committer = new GroupCommitter(
    (run) =>
      this.mutex.run(async () => {
        const db = this.db;
        db.exec('BEGIN IMMEDIATE');
        try {
          let nextSeq = (cached(db, 'SELECT COALESCE(MAX(seq), 0) AS s FROM documents').get() as { s: number }).s + 1;
          await run({
            getDocuments: async (collection, ids) => readDocuments(db, collection, ids),
            insert: async (writes: readonly DocumentWrite[]) => {
              const stored = writes.map((write) => ({ ...write, seq: nextSeq++ }));
              insertDocuments(db, stored);
              return stored;
            },
            query: async <R>(sql: SqlText, params?: readonly unknown[]) => runSql<R>(db, sql, params),
            savepoint: async () => void db.exec('SAVEPOINT push'),
            rollbackToSavepoint: async () => void db.exec('ROLLBACK TO push'),
            releaseSavepoint: async () => void db.exec('RELEASE push'),
            commit: async () => void db.exec('COMMIT'),
            rollback: async () => void db.exec('ROLLBACK'),
          });
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    (notice) => this.listeners.emit(notice),
  );

  async pull(query: PullQuery): Promise<StoredDocument[]> {
    return (this.pullRows(query, '*') as DocumentRow[]).map(toStoredDocument);
  }

  async pullRaw(query: PullQuery): Promise<RawDocument[]> {
    return (this.pullRows(query, 'seq, data') as { seq: number; data: string }[]).map((row) => ({
      seq: row.seq,
      json: row.data,
    }));
  }

  private pullRows(query: PullQuery, columns: string): unknown[] {
    return query.storeId === null
      ? cached(
          this.reader,
          `SELECT ${columns} FROM documents WHERE collection = ? AND seq > ? ORDER BY seq LIMIT ?`,
        ).all(query.collection, query.afterSeq, query.limit)
      : cached(
          this.reader,
          `SELECT ${columns} FROM documents WHERE collection = ? AND seq > ? AND (scope IS NULL OR scope = ? OR prev_scope = ?)
           ORDER BY seq LIMIT ?`,
        ).all(query.collection, query.afterSeq, query.storeId, query.storeId, query.limit);
  }

  async getDocuments(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument>> {
    return readDocuments(this.reader, collection, ids);
  }

  async findByLookup(collection: string, key: string, limit: number): Promise<StoredDocument[]> {
    const rows = cached(
      this.reader,
      'SELECT * FROM documents WHERE collection = ? AND lookup = ? AND deleted = 0 ORDER BY seq LIMIT ?',
    ).all(collection, key, limit);
    return (rows as DocumentRow[]).map(toStoredDocument);
  }

  async latestSeq(): Promise<number> {
    return (cached(this.reader, 'SELECT COALESCE(MAX(seq), 0) AS s FROM documents').get() as { s: number }).s;
  }

  async countDocuments(collection: string): Promise<number> {
    return (
      this.reader.prepare('SELECT COUNT(*) AS n FROM documents WHERE collection = ?').get(collection) as { n: number }
    ).n;
  }

  async totals(storeId: string | null): Promise<ScopeTotals> {
    // One read transaction: the counts and the seq come from the same snapshot.
    return this.reader.transaction(() => {
      const seq = (cached(this.reader, 'SELECT COALESCE(MAX(seq), 0) AS s FROM documents').get() as { s: number }).s;
      const rows = (
        storeId === null
          ? cached(
              this.reader,
              'SELECT collection, COUNT(*) AS n FROM documents WHERE deleted = 0 GROUP BY collection',
            ).all()
          : cached(
              this.reader,
              'SELECT collection, COUNT(*) AS n FROM documents WHERE deleted = 0 AND (scope IS NULL OR scope = ? OR prev_scope = ?) GROUP BY collection',
            ).all(storeId, storeId)
      ) as { collection: string; n: number }[];
      return { seq, counts: Object.fromEntries(rows.map((row) => [row.collection, row.n])) };
    })();
  }

  onCommit(listener: (notice: CommitNotice) => void): () => void {
    return this.listeners.add(listener);
  }

  // Every statement on the writer connection goes through the mutex: outside it, a statement could
  // land inside another caller's open transaction.
  private exclusive<T>(fn: () => T): Promise<T> {
    return this.mutex.run(async () => fn());
  }

  async insertEnrollmentCode(row: EnrollmentCodeRow): Promise<void> {
    await this.exclusive(() =>
      this.db
        .prepare(
          'INSERT INTO enrollment_codes (code_hash, store_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(row.codeHash, row.storeId, row.role, row.createdAt, row.expiresAt),
    );
  }

  async consumeEnrollmentCode(codeHash: string, now: string): Promise<EnrollmentCodeRow | null> {
    const row = await this.exclusive(
      () =>
        this.db
          .prepare(
            `UPDATE enrollment_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?
         RETURNING code_hash, store_id, role, created_at, expires_at`,
          )
          .get(now, codeHash, now) as
          { code_hash: string; store_id: string; role: string; created_at: string; expires_at: string } | undefined,
    );
    return row
      ? {
          codeHash: row.code_hash,
          storeId: row.store_id,
          role: row.role,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
        }
      : null;
  }

  async releaseEnrollmentCode(codeHash: string): Promise<void> {
    await this.exclusive(() =>
      this.db.prepare('UPDATE enrollment_codes SET used_at = NULL WHERE code_hash = ?').run(codeHash),
    );
  }

  async insertNumberedDevice(row: DeviceRow, nameOf: (registerNo: number) => string): Promise<DeviceRow> {
    // Read and insert inside one turn of the writer mutex: no other write can come between them.
    return this.exclusive(() => {
      const max = this.db.prepare('SELECT MAX(register_no) AS n FROM devices WHERE store_id = ?').get(row.storeId) as {
        n: number | null;
      };
      const registerNo = (max.n ?? 0) + 1;
      const numbered = { ...row, registerNo, registerName: nameOf(registerNo) };
      this.db.prepare(deviceInsertSql(() => '?')).run(...deviceInsertValues(numbered));
      return numbered;
    });
  }

  async renameRegister(id: string, registerName: string): Promise<boolean> {
    return this.exclusive(
      () => this.db.prepare('UPDATE devices SET register_name = ? WHERE id = ?').run(registerName, id).changes === 1,
    );
  }

  async findDeviceByCredentialHash(hash: string): Promise<DeviceRow | null> {
    const row = cached(this.reader, 'SELECT * FROM devices WHERE credential_hash = ?').get(hash) as
      DeviceDbRow | undefined;
    return row ? toDeviceRow(row) : null;
  }

  async revokeDevice(id: string, at: string): Promise<boolean> {
    return this.exclusive(
      () =>
        this.db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes ===
        1,
    );
  }

  async listDevices(): Promise<DeviceRow[]> {
    return (this.reader.prepare('SELECT * FROM devices ORDER BY created_at').all() as DeviceDbRow[]).map(toDeviceRow);
  }

  async query<R = Record<string, unknown>>(sql: SqlText, params?: readonly unknown[]): Promise<R[]> {
    return this.exclusive(() => runSql<R>(this.db, sql, params));
  }

  async insertSecurityAlerts(alerts: readonly SecurityAlert[]): Promise<void> {
    if (alerts.length === 0) return;
    await this.exclusive(() => {
      const insert = this.db.prepare(
        'INSERT INTO security_alerts (at, device_id, store_id, collection, document_id, code, message) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      this.db.transaction(() => {
        for (const a of alerts) insert.run(a.at, a.deviceId, a.storeId, a.collection, a.documentId, a.code, a.message);
      })();
    });
  }

  async listSecurityAlerts(limit: number, beforeId?: number): Promise<(SecurityAlert & { id: number })[]> {
    const rows = this.reader
      .prepare('SELECT * FROM security_alerts WHERE id < ? ORDER BY id DESC LIMIT ?')
      .all(beforeId ?? Number.MAX_SAFE_INTEGER, limit) as AlertDbRow[];
    return rows.map(toAlert);
  }

  async getSetting(key: string): Promise<string | null> {
    const row = this.reader.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  async putSetting(key: string, value: string): Promise<void> {
    await this.exclusive(() =>
      this.db
        .prepare(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(key, value),
    );
  }

  async putSettingIfAbsent(key: string, value: string): Promise<string> {
    await this.exclusive(() =>
      this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, value),
    );
    return (await this.getSetting(key)) ?? value;
  }

  async close(): Promise<void> {
    // Let a running write finish first so close never cuts a transaction in half.
    await this.mutex.run(async () => undefined);
    this.reader.close();
    this.db.close();
  }
}

// Prepared statements per connection and IN-list size: preparing is a noticeable share of a
// 200-document push otherwise.
const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function cached(db: Database.Database, sql: string): Database.Statement {
  let byText = statementCache.get(db);
  if (!byText) {
    byText = new Map();
    statementCache.set(db, byText);
  }
  let statement = byText.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (byText.size < 200) byText.set(sql, statement);
  }
  return statement;
}

function runSql<R>(db: Database.Database, sql: SqlText, params: readonly unknown[] = []): R[] {
  const statement = cached(db, typeof sql === 'string' ? sql : sql.sqlite);
  if (statement.reader) return statement.all(...params) as R[];
  statement.run(...params);
  return [];
}

// Rows per INSERT statement: one statement per 100 documents instead of one per document (9
// parameters a row, far below SQLite's limit of 32,766).
const INSERT_ROWS = 100;
const UPSERT_TAIL = `ON CONFLICT (collection, id) DO UPDATE SET seq = excluded.seq, scope = excluded.scope, prev_scope = excluded.prev_scope,
  lookup = excluded.lookup, data = excluded.data, hash = excluded.hash, deleted = excluded.deleted`;

function insertDocuments(db: Database.Database, rows: readonly (DocumentWrite & { seq: number })[]): void {
  for (let i = 0; i < rows.length; i += INSERT_ROWS) {
    const chunk = rows.slice(i, i + INSERT_ROWS);
    const params: unknown[] = [];
    for (const row of chunk) {
      params.push(
        row.collection,
        row.id,
        row.seq,
        row.scope,
        row.previousScope,
        row.lookup,
        row.json ?? JSON.stringify(row.data),
        row.hash,
        row.deleted ? 1 : 0,
      );
    }
    // Rows of one statement are inserted in order, so a later row with the same id replaces an
    // earlier one exactly as separate statements would.
    cached(
      db,
      `INSERT INTO documents (collection, id, seq, scope, prev_scope, lookup, data, hash, deleted) VALUES ${chunk
        .map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .join(', ')} ${UPSERT_TAIL}`,
    ).run(...params);
  }
}

function readDocuments(db: Database.Database, collection: string, ids: readonly string[]): Map<string, StoredDocument> {
  const found = new Map<string, StoredDocument>();
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const chunk = ids.slice(i, i + ID_CHUNK);
    const rows = cached(
      db,
      `SELECT * FROM documents WHERE collection = ? AND id IN (${chunk.map(() => '?').join(',')})`,
    ).all(collection, ...chunk) as DocumentRow[];
    for (const row of rows) found.set(row.id, toStoredDocument(row));
  }
  return found;
}
