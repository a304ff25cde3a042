// The register's sync truth against a real server, through a restart of its database: a sale
// written offline still counts as waiting after the restart and is sent once online; a refused
// sale lands in the sync inbox, is still there after the restart, and a void with a reason writes
// an order event that reaches the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createPosDatabase, posStorage, type PosDatabase } from '../../renderer/src/local-data/create-database';
import { startSync, type SyncController } from '../../renderer/src/sync/start-sync';
import type { FetchLike } from '../../renderer/src/sync/sync-http';
import { Api, enrollDevice, pushRows, startTestServer, type TestServer } from './server-harness';
import { orderDoc, storeDoc } from './server-fixtures';
import { eventually } from '../support/sync-clients';

const offline: FetchLike = () => Promise.reject(new TypeError('fetch failed'));

describe('sync inbox and waiting count through a restart (sqlite)', () => {
  let server: TestServer;
  let hq: Api;
  const indexedDB = new IDBFactory();
  const name = `inbox-reg-${Date.now()}`;
  const store = storeDoc('S001');
  let credential = '';
  let storeId = '';
  let db: PosDatabase;
  let sync: SyncController | undefined;

  const open = () =>
    createPosDatabase({ name, storage: posStorage({ indexedDB, IDBKeyRange }), only: ['orders', 'order_events'] });
  const start = (fetch?: FetchLike) =>
    (sync = startSync({ db, serverUrl: server.url, credential, fetch, initialSyncDone: () => true }));
  async function restart(fetch?: FetchLike): Promise<SyncController> {
    await sync?.stop();
    await db.close();
    db = await open();
    return start(fetch);
  }

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    hq = new Api(server.url, server.hqToken);
    await hq.post('/sync/config/push', pushRows([store]));
    const device = await enrollDevice(server, 'S001');
    credential = device.credential;
    storeId = device.storeId;
    db = await open();
  });
  afterAll(async () => {
    await sync?.stop();
    await db?.remove();
    await server?.dispose();
  });

  it('counts a sale written offline as waiting after a restart, and sends it once online', async () => {
    start(offline);
    const sale = orderDoc(storeId);
    await db.orders.insert(sale as never);
    await eventually(() => sync!.status.pending === 1, 'the offline sale to wait');
    expect(sync!.status).toMatchObject({ online: false, allSynced: false });
    const restarted = await restart(offline);
    await eventually(() => restarted.status.pendingKnown, 'the waiting list to be read');
    expect(restarted.status).toMatchObject({ pending: 1, allSynced: false, label: '1 waiting to sync' });
    const online = await restart();
    await eventually(() => online.status.allSynced, '"All synced" once the sale is on the server');
    const orders = await hq.get<{ documents: { id: string }[] }>('/sync/orders/pull?seq=0&limit=1000');
    expect(orders.body.documents.filter((d) => d.id === sale.id)).toHaveLength(1);
  });

  it('keeps a refused sale in the inbox through a restart; a void with a reason reaches HQ as an order event', async () => {
    const bad = orderDoc(storeId);
    (bad.lines as Record<string, unknown>[])[0]!.unitPrice = -1;
    await db.orders.insert(bad as never);
    await eventually(async () => (await sync!.inbox()).openCount() === 1, 'the refusal in the inbox');
    expect(sync!.status).toMatchObject({ pending: 0, inboxOpen: 1, allSynced: false, label: '1 in the sync inbox' });

    const restarted = await restart();
    const inbox = await restarted.inbox();
    expect(inbox.list()).toEqual([
      expect.objectContaining({
        key: `orders:${bad.id as string}`,
        code: 'SYNC_INVALID_DOCUMENT',
        field: 'lines.0.unitPrice',
        status: 'open',
      }),
    ]);
    await eventually(() => restarted.status.inboxOpen === 1, 'the inbox count in the status');
    await inbox.void(
      `orders:${bad.id as string}`,
      'price typed wrong, sale rung again',
      '01937a00-0000-7000-8000-00000000aaaa',
    );
    await eventually(() => restarted.status.allSynced, 'All synced after the void is sent');
    const events = await hq.get<{ documents: { orderId: string; type: string; payload: { text: string } }[] }>(
      '/sync/order_events/pull?seq=0&limit=1000',
    );
    expect(events.body.documents.find((e) => e.orderId === bad.id)?.payload.text).toContain(
      'Reason: price typed wrong, sale rung again',
    );
  });
});
