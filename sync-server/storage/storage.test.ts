// The storage contract on SQLite (PostgreSQL runs the same contract through the integration
// suites): ordered sequence numbers, group commit with per-write isolation, migrations once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from './migrations';
import { DEVICE_INSERT_COLUMNS } from './rows';
import { SqliteStorage } from './sqlite';
import type { CommitNotice, DocumentWrite } from './storage';

const dirs: string[] = [];
function open(dir = mkdtempSync(join(tmpdir(), 'pos-storage-'))): SqliteStorage {
  dirs.push(dir);
  return SqliteStorage.open(dir);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function doc(id: string, scope: string | null = null): DocumentWrite {
  return {
    collection: 'orders',
    id,
    scope,
    previousScope: null,
    lookup: `N-${id}`,
    data: { id, _deleted: false },
    hash: `h-${id}`,
    deleted: false,
  };
}

describe('SqliteStorage', () => {
  it('gives every write a higher sequence and pulls in sequence order with scope', async () => {
    const storage = open();
    await storage.write((tx) => tx.putDocuments([doc('a', 'S1'), doc('b', 'S2'), doc('g')]));
    await storage.write((tx) =>
      tx.putDocuments([{ ...doc('a', 'S1'), data: { id: 'a', v: 2, _deleted: false }, hash: 'h-a2' }]),
    );
    const all = await storage.pull({ collection: 'orders', afterSeq: 0, limit: 10, storeId: null });
    expect(all.map((d) => [d.id, d.seq])).toEqual([
      ['b', 2],
      ['g', 3],
      ['a', 4],
    ]);
    const s1 = await storage.pull({ collection: 'orders', afterSeq: 0, limit: 10, storeId: 'S1' });
    expect(s1.map((d) => d.id)).toEqual(['g', 'a']);
    expect(await storage.pull({ collection: 'orders', afterSeq: 3, limit: 10, storeId: 'S2' })).toEqual([]);
    await storage.close();
  });

  it('commits concurrent writes together but rolls back only the one that failed', async () => {
    const storage = open();
    const notices: CommitNotice[] = [];
    storage.onCommit((n) => notices.push(n));
    const results = await Promise.allSettled([
      storage.write((tx) => tx.putDocuments([doc('one')])),
      storage.write(async (tx) => {
        await tx.putDocuments([doc('two')]);
        throw new Error('refused');
      }),
      storage.write(async (tx) => {
        // Sees the first write of the same group.
        const seen = await tx.getDocuments('orders', ['one']);
        await tx.putDocuments([doc('three')]);
        return seen.size;
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseFulfilledResult<number>).value).toBe(1);
    const stored = await storage.pull({ collection: 'orders', afterSeq: 0, limit: 10, storeId: null });
    expect(stored.map((d) => d.id)).toEqual(['one', 'three']);
    expect(stored[0]!.seq).toBeLessThan(stored[1]!.seq);
    expect(notices.length).toBeGreaterThan(0);
    expect(Math.max(...notices.map((n) => n.seq))).toBe(stored[1]!.seq);
    await storage.close();
  });

  it('rolls a lone failing write back and reports its own error', async () => {
    const storage = open();
    class Refused extends Error {}
    await expect(
      storage.write(async (tx) => {
        await tx.putDocuments([doc('lone')]);
        throw new Refused('no');
      }),
    ).rejects.toBeInstanceOf(Refused);
    expect(await storage.countDocuments('orders')).toBe(0);
    await storage.write((tx) => tx.putDocuments([doc('next')]));
    expect(await storage.countDocuments('orders')).toBe(1);
    await storage.close();
  });

  it('keeps data and applies migrations once across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-storage-'));
    dirs.push(dir);
    const first = SqliteStorage.open(dir);
    await first.write((tx) => tx.putDocuments([doc('kept')]));
    await first.close();
    const second = SqliteStorage.open(dir);
    expect(await second.countDocuments('orders')).toBe(1);
    const versions = second.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
    expect(versions.n).toBe(migrations.length); // each applied once, not again on the second open
    expect((await second.findByLookup('orders', 'N-kept', 5)).map((d) => d.id)).toEqual(['kept']);
    await second.close();
  });

  it('stores enrollment codes single-use and settings once', async () => {
    const storage = open();
    await storage.insertEnrollmentCode({
      codeHash: 'c',
      storeId: 'S1',
      role: 'register',
      createdAt: '2026-01-01T00:00:00Z',
      expiresAt: '2026-01-02T00:00:00Z',
    });
    expect(await storage.consumeEnrollmentCode('c', '2026-01-01T10:00:00Z')).toMatchObject({ storeId: 'S1' });
    expect(await storage.consumeEnrollmentCode('c', '2026-01-01T10:00:01Z')).toBeNull();
    expect(await storage.putSettingIfAbsent('k', 'first')).toBe('first');
    expect(await storage.putSettingIfAbsent('k', 'second')).toBe('first');
    await storage.close();
  });

  it('numbers registers per store and stores every devices column from the one shared insert list', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-storage-'));
    const storage = open(dir);
    const base = { role: 'register', createdAt: '2026-12-03T00:00:00.000Z', revokedAt: null, registerNo: null };
    const device = (id: string, storeId: string) => ({
      ...base,
      id,
      storeId,
      name: `dev ${id}`,
      credentialHash: `cred-${id}`,
      registerName: null,
    });
    const first = await storage.insertNumberedDevice(device('d1', 'S1'), (n) => `Register ${n}`);
    const second = await storage.insertNumberedDevice(device('d2', 'S1'), (n) => `Register ${n}`);
    const other = await storage.insertNumberedDevice(device('d3', 'S2'), (n) => `Till ${n}`);
    expect([first.registerNo, second.registerNo, other.registerNo]).toEqual([1, 2, 1]);
    expect(await storage.findDeviceByCredentialHash('cred-d2')).toEqual({
      ...device('d2', 'S1'),
      registerNo: 2,
      registerName: 'Register 2',
    });
    expect((await storage.listDevices()).map((d) => d.registerName)).toEqual(['Register 1', 'Register 2', 'Till 1']);
    await storage.close();
    // The shared list names every column of the migrated table, so no column is left to its default.
    const db = new Database(join(dir, 'pos.sqlite'), { readonly: true });
    const columns = (db.prepare('PRAGMA table_info(devices)').all() as Array<{ name: string }>).map((c) => c.name);
    db.close();
    expect([...DEVICE_INSERT_COLUMNS].sort()).toEqual([...columns].sort());
  });
});
