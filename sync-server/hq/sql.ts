// SQL access to the HQ console's own tables (accounts, sessions, dashboard facts, import runs) on
// either backend. Replicated documents never go through here: they are written by pushBatch.
//
// SQLite: writes run inside storage.write so they share the one writer connection's mutex and
// transaction (a second writer connection would block the event loop on the file lock while the
// first waits on an await); reads use a read-only connection of our own, which in WAL mode only
// ever sees committed rows.
import Database from 'better-sqlite3';
import type pg from 'pg';
import type { Storage } from '../storage/storage';
import { SqliteStorage } from '../storage/sqlite';
import { PostgresStorage } from '../storage/postgres';

export type SqlValue = string | number | null;

export type TxFn<T> = (
  run: (sql: string, params?: readonly SqlValue[]) => Promise<number>,
  all: <R>(sql: string, params?: readonly SqlValue[]) => Promise<R[]>,
) => Promise<T>;

export interface HqSql {
  readonly kind: 'sqlite' | 'postgres';
  /** Rows of a read; `?` placeholders on both engines. */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs statements in one transaction; `run` returns the number of rows changed. */
  tx<T>(fn: TxFn<T>): Promise<T>;
  close(): void;
}

/** `?` → `$1, $2 …` for PostgreSQL (our SQL never has a literal `?`). */
export function toPg(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

class SqliteHqSql implements HqSql {
  readonly kind = 'sqlite' as const;
  private readonly reader: Database.Database;
  constructor(private readonly storage: SqliteStorage) {
    this.reader = new Database(storage.location, { readonly: true });
    this.reader.pragma('busy_timeout = 5000');
  }
  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.reader.prepare(sql).all(...params) as T[];
  }
  tx<T>(fn: TxFn<T>): Promise<T> {
    const db = this.storage.db;
    return this.storage.write(async () =>
      fn(
        async (sql, params = []) => db.prepare(sql).run(...params).changes,
        async <R>(sql: string, params: readonly SqlValue[] = []) => db.prepare(sql).all(...params) as R[],
      ),
    );
  }
  close(): void {
    this.reader.close();
  }
}

class PostgresHqSql implements HqSql {
  readonly kind = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {}
  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.pool.query(toPg(sql), [...params])).rows as T[];
  }
  async tx<T>(fn: TxFn<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(
        async (sql, params = []) => (await client.query(toPg(sql), [...params])).rowCount ?? 0,
        async <R>(sql: string, params: readonly SqlValue[] = []) =>
          (await client.query(toPg(sql), [...params])).rows as R[],
      );
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  close(): void {
    // The pool belongs to the storage, which closes it.
  }
}

export function hqSqlFor(storage: Storage): HqSql {
  if (storage instanceof SqliteStorage) return new SqliteHqSql(storage);
  if (storage instanceof PostgresStorage) return new PostgresHqSql(storage.pool);
  throw new Error(`The HQ console does not support the ${storage.kind} storage implementation.`);
}
