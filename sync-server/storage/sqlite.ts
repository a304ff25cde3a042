// Embedded SQLite store (better-sqlite3). WAL + synchronous=FULL: an acknowledged write
// survives a power cut.
import { mkdirSync, accessSync, constants } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Storage } from './storage';

export class SqliteStorage implements Storage {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  readonly db: Database.Database;

  private constructor(file: string) {
    this.location = file;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
  }

  static open(dataDir: string): SqliteStorage {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return new SqliteStorage(join(dir, 'pos.sqlite'));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
