// Issue 10: the SQLite data folder is 0700 and the database files (main, WAL, SHM) 0600, even when
// the folder already existed with looser modes or the umask is permissive.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from './sqlite';
import { ensureHqToken, rotateHqToken } from '../auth/hq-token';
import { sha256 } from '../auth/tokens';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe('data files', () => {
  it('keeps the folder 0700 and the database, WAL and SHM 0600', async () => {
    const dir = join(tmpdir(), `pos-modes-${process.pid}-${Date.now()}`);
    mkdirSync(dir, { mode: 0o755 });
    dirs.push(dir);
    const previous = process.umask(0o000);
    let storage: SqliteStorage;
    try {
      storage = SqliteStorage.open(dir);
      await storage.write((tx) =>
        tx.putDocuments([
          {
            collection: 'orders',
            id: 'a',
            scope: null,
            previousScope: null,
            lookup: null,
            data: { id: 'a' },
            hash: 'h',
            deleted: false,
          },
        ]),
      );
    } finally {
      process.umask(previous);
    }
    expect(mode(dir)).toBe(0o700);
    for (const file of ['pos.sqlite', 'pos.sqlite-wal', 'pos.sqlite-shm'])
      expect(mode(join(dir, file)), file).toBe(0o600);
    await storage.close();
  });

  it('refuses a short HQ token and rotates a generated one', async () => {
    const dir = join(tmpdir(), `pos-token-${process.pid}-${Date.now()}`);
    dirs.push(dir);
    const storage = SqliteStorage.open(dir);
    try {
      await expect(ensureHqToken(storage, 'short-token-0123456789', dir)).rejects.toThrow(/at least 32 characters/);
      const first = await ensureHqToken(storage, undefined, dir);
      expect(first.generated).toBe(true);
      expect(mode(join(dir, 'hq-token.txt'))).toBe(0o600);
      const rotated = await rotateHqToken(storage, undefined, dir);
      const after = await ensureHqToken(storage, undefined, dir);
      expect(after.hash).toBe(sha256(rotated));
      expect(after.hash).not.toBe(first.hash);
      await expect(rotateHqToken(storage, 'x'.repeat(40), dir)).rejects.toThrow(/HQ_TOKEN is set/);
    } finally {
      await storage.close();
    }
  });
});
