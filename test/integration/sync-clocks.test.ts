// Register clocks at −1 day and +10 years. Timestamps in documents are informational: the server
// orders changes by its own sequence, so a document stamped in the past is not skipped by a pull
// and a document stamped in the future does not win a conflict; the first write to reach the
// server wins, and a later write based on the current master is accepted whatever its stamp.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startTestServer, type TestServer } from './server-harness';
import { storeDoc } from './server-fixtures';
import { enroll, eventually, hqPush, openRegister, pullAll, type TestRegister } from '../support/sync-clients';
import { saleOrder } from '../support/sync-docs';

const DAY = 86_400_000;
const skewed = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const PAST = -DAY;
const FUTURE = 10 * 365 * DAY;

function customer(id: string, homeStoreId: string): Record<string, unknown> {
  const at = new Date().toISOString();
  return {
    id,
    displayName: 'Sam Rivera',
    searchName: 'sam rivera',
    email: 'sam@example.com',
    taxExempt: false,
    storeCreditBalance: 0,
    currency: 'USD',
    marketingConsent: { email: false, sms: false, updatedAt: at },
    homeStoreId,
    createdAt: at,
    updatedAt: at,
  };
}

describe.each(backends)('skewed register clocks on %s', (backend) => {
  let server: TestServer;
  let past: TestRegister;
  let future: TestRegister;
  let honest: TestRegister;
  const customerId = '0193a100-0000-7000-8000-00000000c001';

  beforeAll(async () => {
    server = await startTestServer(backend);
    const store = storeDoc('S001');
    await hqPush(server, 'config', [store]);
    // Registers pull only their own store's customers.
    await hqPush(server, 'customers', [customer(customerId, String(store.id))]);
    const open = async (name: string) =>
      openRegister(server, await enroll(server, 'S001', name), ['orders', 'customers']);
    [past, future, honest] = [await open('past'), await open('future'), await open('honest')];
  });

  afterAll(async () => {
    for (const register of [past, future, honest]) await register?.close();
    await server?.dispose();
  });

  it('skips no document, whatever its time stamp', async () => {
    const seed = (registerCode: string, sequence: number, offset: number) =>
      saleOrder({
        storeId: past.device.storeId,
        storeCode: 'S001',
        registerCode,
        sequence,
        sku: 'SKU-1',
        at: skewed(offset),
      });
    for (const register of [past, future, honest]) register.startSync();
    await honest.sync!.awaitInSync();
    // Interleaved: the future register's sales reach the server between the past register's.
    const written = [
      seed('R01', 1, PAST),
      seed('R02', 1, FUTURE),
      seed('R01', 2, PAST),
      seed('R02', 2, FUTURE),
      seed('R01', 3, PAST),
    ];
    for (const [i, order] of written.entries()) {
      const register = i % 2 === 0 ? past : future;
      await register.db.orders.insert(order as never);
      await register.sync!.awaitInSync();
    }
    const ids = written.map((order) => order.id).sort();
    await eventually(
      async () => (await honest.db.orders.find().exec()).length === written.length,
      'every order on the honest register',
    );
    expect((await honest.db.orders.find().exec()).map((doc) => doc.primary).sort()).toEqual(ids);
    // Pulled one at a time by checkpoint, the server hands them out in arrival order.
    const seen: string[] = [];
    let seq = 0;
    for (;;) {
      const page = await fetch(`${server.url}/sync/orders/pull?seq=${seq}&limit=1`, {
        headers: { authorization: `Bearer ${server.hqToken}` },
      });
      const body = (await page.json()) as { documents: { id: string }[]; checkpoint: { seq: number } };
      if (body.documents.length === 0) break;
      seen.push(body.documents[0]!.id);
      seq = body.checkpoint.seq;
    }
    expect(seen).toEqual(written.map((order) => order.id));
  });

  it('lets the first write to arrive win, not the latest time stamp', async () => {
    for (const register of [past, future]) {
      await eventually(
        async () => (await register.db.customers.findOne(customerId).exec()) !== null,
        'customer on the register',
      );
    }
    // Both edit the customer while offline; the past-clock register reaches the server first.
    await future.sync!.stop();
    await future.db.customers
      .findOne(customerId)
      .exec()
      .then((doc) => doc!.incrementalPatch({ displayName: 'Future Edit', updatedAt: skewed(FUTURE) }));
    const pastDoc = await past.db.customers.findOne(customerId).exec();
    await pastDoc!.incrementalPatch({ displayName: 'Past Edit', updatedAt: skewed(PAST) });
    await past.sync!.awaitInSync();
    future.startSync();
    await future.sync!.awaitInSync();
    const master = (await pullAll(server.url, server.hqToken, 'customers')).find((doc) => doc.id === customerId);
    expect(master).toMatchObject({ displayName: 'Past Edit' });
    expect(future.sync!.status.conflicts).toBeGreaterThanOrEqual(1);
    await eventually(
      async () => (await future.db.customers.findOne(customerId).exec())?.get('displayName') === 'Past Edit',
      'the future register takes the master state',
    );

    // A later edit stamped a day in the past, made on the current master, is accepted.
    const again = await past.db.customers.findOne(customerId).exec();
    await again!.incrementalPatch({ displayName: 'Past Again', updatedAt: skewed(PAST - DAY) });
    await past.sync!.awaitInSync();
    const after = (await pullAll(server.url, server.hqToken, 'customers')).find((doc) => doc.id === customerId);
    expect(after).toMatchObject({ displayName: 'Past Again' });
    await eventually(
      async () => (await future.db.customers.findOne(customerId).exec())?.get('displayName') === 'Past Again',
      'the edit reaches the future register',
    );
  });
});
