// Migration 30 on the demo chain (5 stores × 3,000 products): level rows written before it were
// pulled by every register; after it a register pulls only its own store's. The test rewinds a
// seeded database to the old state, restarts the server (which re-applies the migration) and
// counts what a register of S001 is announced to pull, before and after.
//
// The expected numbers come from the seed's own ledger, not constants: a level row exists for each
// (store, SKU) pair with an opening receipt, and which pairs get one is drawn from the seeded PRNG
// after the ids. When the seeded id generator began drawing 16 random bytes per id instead of 10
// (bf9dcba), the stream shifted and the chain went from 14,270 to 14,271 rows; a hard-coded count
// failed although nothing but the opening receipts wrote a level. Asserting rows = pairs still
// catches anything else writing a level.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_PATHS, type LedgerLine } from '../../shared/inventory/availability';
import { buildDemoData } from '../../sync-server/seed/seed-demo';
import { Api, backends, enrollDevice, startTestServer, type TestServer } from './server-harness';

interface Totals {
  collections: Record<string, number>;
}

const REWIND = [
  "UPDATE documents SET scope = NULL WHERE collection = 'inventory_levels'",
  "UPDATE documents SET lookup = NULL WHERE collection = 'inventory_movements'",
  'DELETE FROM schema_migrations WHERE version = 30',
];

// What the pull query hands a register of the store: global rows and the store's own.
const PULLED =
  "SELECT COUNT(*) AS n FROM documents WHERE collection = 'inventory_levels' AND (scope IS NULL OR scope = $1)";

/** Puts the levels back as they were written before migration 30; returns what S001 would then pull. */
async function rewind(server: TestServer, storeId: string): Promise<number> {
  if (server.storage.kind === 'sqlite') {
    const db = new Database(join(server.storage.dataDir, 'pos.sqlite'));
    for (const sql of REWIND) db.exec(sql);
    const n = (db.prepare(PULLED.replace('$1', '?')).get(storeId) as { n: number }).n;
    db.close();
    return n;
  }
  const client = new pg.Client({ connectionString: server.storage.url });
  await client.connect();
  for (const sql of REWIND) await client.query(sql);
  const n = Number((await client.query<{ n: string }>(PULLED, [storeId])).rows[0]?.n);
  await client.end();
  return n;
}

describe.each(backends)('own-store inventory levels on the demo chain (%s)', (backend) => {
  let server: TestServer;
  /** Distinct (store, SKU) pairs in the seed's ledger: the chain's and S001's. */
  let pairs: { chain: number; s001: number };
  beforeAll(async () => {
    server = await startTestServer(backend, { seedDemo: true });
    const data = await buildDemoData();
    const s001 = data.config!.find((c) => c.kind === 'store' && c.key === 'S001')!.id;
    const keys = new Set(data.inventory_movements!.map((m) => `${String(m.storeId)}:${String(m.sku)}`));
    pairs = { chain: keys.size, s001: [...keys].filter((k) => k.startsWith(`${String(s001)}:`)).length };
  }, 120_000);
  afterAll(async () => server?.dispose());

  it("a register of S001 pulls its own store's levels (2,865), not the chain's (14,271); old rows are migrated", async () => {
    const s1 = await enrollDevice(server, 'S001');
    const after = (await s1.api.get<Totals>('/sync/totals')).body.collections;
    const hq = (await new Api(server.url, server.hqToken).get<Totals>('/sync/totals')).body.collections;
    await server.stop();
    const before = await rewind(server, s1.storeId);
    await server.restart();
    const migrated = (await new Api(server.url, s1.credential).get<Totals>('/sync/totals')).body.collections;
    // Every level row went to every register before; only S001's (the SKUs it stocks) after.
    expect(before).toBe(hq.inventory_levels);
    // One level per pair the seed stocked, and nothing else: no other writer adds a level.
    expect(hq.inventory_levels).toBe(pairs.chain);
    expect(after.inventory_levels).toBe(pairs.s001);
    expect(migrated.inventory_levels).toBe(pairs.s001);
    // The gain is what the test is about: a fifth of the rows or fewer for one of five stores.
    expect(pairs.s001 * 4).toBeLessThan(pairs.chain);
    // The migration also gave old movements their ledger key: S001's opening stock reads back.
    const ledger = await new Api(server.url, server.hqToken).get<{ lines: LedgerLine[] }>(
      `${INVENTORY_PATHS.ledger}?storeId=S001&sku=PRODUCE-4011`,
    );
    expect(ledger.body.lines.map((l) => l.type)).toEqual(['receipt']);
    console.info(
      `[inventory-scope ${backend}] inventory_levels a register of S001 pulls: before ${before}, after ${migrated.inventory_levels}`,
    );
  }, 120_000);
});
