// Two server instances share one PostgreSQL database, and each runs the HQ dashboard's facts
// projector. When both catch up at once they read the same page of orders; the hourly sales rollup
// must still count every sale once. Before the projector serialised its transactions per collection
// (and skipped a page another instance had already applied), both read the old facts before either
// committed and both added the same orders to the rollup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, backends, pushRows, startTestServer, type TestServer } from './server-harness';
import { storeDoc } from './server-fixtures';
import { SALE_TOTAL, saleAt } from './hq-fixtures';
import { openStorage } from '../../sync-server/storage/open';
import { hqSqlFor, type HqSql } from '../../sync-server/hq/sql';
import { FactsProjector } from '../../sync-server/hq/dashboard/facts-projector';
import type { Storage } from '../../sync-server/storage/storage';

const ORDERS = 1_500;

// SQLite is one server instance by design (one writer connection), so this is PostgreSQL only.
describe.runIf(backends.includes('postgres'))('HQ dashboard facts with two projectors on postgres', () => {
  let server: TestServer;
  const opened: { storage: Storage; sql: HqSql }[] = [];

  beforeAll(async () => {
    server = await startTestServer('postgres');
    const token = new Api(server.url, server.hqToken);
    const s1 = storeDoc('S001');
    expect((await token.post('/sync/config/push', pushRows([s1]))).status).toBe(200);
    const now = new Date().toISOString();
    for (let i = 0; i < ORDERS; i += 500) {
      const sales = Array.from({ length: Math.min(500, ORDERS - i) }, () => saleAt(s1.id as string, now));
      const pushed = await token.post<{ rejected: unknown[]; conflicts: unknown[] }>(
        '/sync/orders/push',
        pushRows(sales),
      );
      expect(pushed.body).toEqual({ rejected: [], conflicts: [] });
    }
  }, 120_000);

  afterAll(async () => {
    for (const o of opened) {
      o.sql.close();
      await o.storage.close();
    }
    await server?.dispose();
  });

  it('counts every sale once in the hourly rollup when two instances catch up at the same time', async () => {
    // Two more "instances": their own storage connections and projectors on the same database.
    for (let i = 0; i < 2; i += 1) {
      const storage = await openStorage(server.storage);
      opened.push({ storage, sql: hqSqlFor(storage) });
    }
    const [a, b] = opened as [{ storage: Storage; sql: HqSql }, { storage: Storage; sql: HqSql }];
    // Start from nothing projected, as a fresh deployment of two instances would.
    await a.sql.tx(async (run) => {
      await run('DELETE FROM hq_sales_rollup');
      await run('DELETE FROM hq_order_facts');
      await run('DELETE FROM hq_projector');
    });
    await Promise.all([new FactsProjector(a.storage, a.sql).catchUp(), new FactsProjector(b.storage, b.sql).catchUp()]);

    const [sum] = await a.sql.all<{ orders: number | string; sales: number | string }>(
      'SELECT SUM(orders) AS orders, SUM(sales) AS sales FROM hq_sales_rollup',
    );
    expect(Number(sum?.orders)).toBe(ORDERS);
    expect(Number(sum?.sales)).toBe(ORDERS * SALE_TOTAL);
    const [facts] = await a.sql.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM hq_order_facts');
    expect(Number(facts?.n)).toBe(ORDERS);
  }, 120_000);
});
