// Offline backlog: 5,000 orders recorded on one register are pushed to the server, then pulled
// into a second register of the same store. Compared in the same run with the CouchDB-protocol
// peer: RxDB's own replication-couchdb plugin against pouchdb-server (LevelDB). Same documents,
// same batch size (500) and the same client storage for both (RxDB's memory storage: Dexie on
// fake-indexeddb walks cursors in quadratic time in Node and would measure the test double).
// Target: at least 3x faster than the peer on both push and pull.
import type { RxCollection } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { createPosDatabase, type PosDatabase } from '../renderer/src/local-data/create-database';
import { startSync } from '../renderer/src/sync/start-sync';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { SyncHttp } from '../renderer/src/sync/sync-http';
import { SYNC_PATHS } from '../shared/protocol/paths';
import type { PushResponse } from '../shared/protocol/replication';
import { writeResult } from './harness';
import { elapsedSince, enrollRegisters, round, startBenchServer } from './sync-load';
import { startCouchPeer } from './sync-couch-peer';
import { enroll, latestSeq } from '../test/support/sync-clients';
import { registerSales } from '../test/support/sync-docs';

const ORDERS = 5000;
const BATCH = 500;
const RUNS = Number(process.env.SYNC_BENCH_RUNS ?? 3);
let databases = 0;

async function ordersDb(): Promise<PosDatabase> {
  return createPosDatabase({
    name: `backlog-${process.pid}-${++databases}`,
    storage: getRxStorageMemory() as never,
    only: ['orders'],
  });
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((done) => setTimeout(done, 5));
  }
}

async function ours(): Promise<{ pushMs: number; pullMs: number }> {
  const server = await startBenchServer('sqlite');
  try {
    const [first] = await enrollRegisters(server, 1);
    const device = first!.device;
    const second = await enroll(server, first!.code, 'second');
    const orders = registerSales(
      { storeId: device.storeId, storeCode: first!.code, registerCode: 'R01' },
      ORDERS,
    ).orders;
    const dbA = await ordersDb();
    await dbA.orders.bulkInsert(orders as never[]);
    const before = await latestSeq(server);
    let start = process.hrtime.bigint();
    const syncA = startSync({
      db: dbA,
      serverUrl: server.url,
      credential: device.credential,
      pushBatchSize: BATCH,
      pullBatchSize: BATCH,
    });
    await waitFor(async () => (await latestSeq(server)) - before >= ORDERS, 'push');
    const pushMs = elapsedSince(start);
    await syncA.stop();
    const dbB = await ordersDb();
    start = process.hrtime.bigint();
    const syncB = startSync({
      db: dbB,
      serverUrl: server.url,
      credential: second.credential,
      pushBatchSize: BATCH,
      pullBatchSize: BATCH,
    });
    await waitFor(async () => (await dbB.orders.count().exec()) >= ORDERS, 'pull');
    const pullMs = elapsedSince(start);
    await syncB.stop();
    await dbA.remove();
    await dbB.remove();
    return { pushMs, pullMs };
  } finally {
    await server.dispose();
  }
}

/**
 * The same push through a push-only RxDB replication with the register's HTTP client, like the
 * peer's (no live pull running beside it): shows how much of the register client's push time is
 * its live pull taking the just-pushed orders back down.
 */
async function oursPushOnly(): Promise<number> {
  const server = await startBenchServer('sqlite');
  try {
    const [first] = await enrollRegisters(server, 1);
    const orders = registerSales(
      { storeId: first!.device.storeId, storeCode: first!.code, registerCode: 'R01' },
      ORDERS,
    ).orders;
    const db = await ordersDb();
    await db.orders.bulkInsert(orders as never[]);
    const http = new SyncHttp({ baseUrl: server.url, credential: first!.device.credential });
    const start = process.hrtime.bigint();
    const state = replicateRxCollection({
      collection: db.orders as RxCollection,
      replicationIdentifier: 'push-only',
      live: false,
      push: {
        batchSize: BATCH,
        handler: async (rows) =>
          (await http.json<PushResponse>('POST', SYNC_PATHS.push('orders'), rows)).conflicts as never[],
      },
    });
    await state.awaitInitialReplication();
    const pushMs = elapsedSince(start);
    await state.cancel();
    await db.remove();
    return pushMs;
  } finally {
    await server.dispose();
  }
}

async function peer(run: number): Promise<{ pushMs: number; pullMs: number }> {
  const couch = await startCouchPeer();
  try {
    const url = await couch.createDatabase(`backlog-${run}`);
    const orders = registerSales(
      { storeId: '0193a000-0000-7000-8000-0000000000aa', storeCode: 'S001', registerCode: 'R01' },
      ORDERS,
    ).orders;
    const dbA = await ordersDb();
    await dbA.orders.bulkInsert(orders as never[]);
    let start = process.hrtime.bigint();
    const up = replicateCouchDB({
      replicationIdentifier: `peer-up-${run}`,
      collection: dbA.orders as RxCollection,
      url,
      live: false,
      fetch,
      push: { batchSize: BATCH },
    });
    await up.awaitInitialReplication();
    const pushMs = elapsedSince(start);
    await up.cancel();
    const dbB = await ordersDb();
    start = process.hrtime.bigint();
    const down = replicateCouchDB({
      replicationIdentifier: `peer-down-${run}`,
      collection: dbB.orders as RxCollection,
      url,
      live: false,
      fetch,
      pull: { batchSize: BATCH },
    });
    await down.awaitInitialReplication();
    const pullMs = elapsedSince(start);
    await down.cancel();
    const count = await dbB.orders.count().exec();
    if (count !== ORDERS) throw new Error(`peer pulled ${count} of ${ORDERS} orders`);
    await dbA.remove();
    await dbB.remove();
    return { pushMs, pullMs };
  } finally {
    await couch.stop();
  }
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
const results = {
  ours: [] as { pushMs: number; pullMs: number }[],
  peer: [] as { pushMs: number; pullMs: number }[],
  oursPushOnlyMs: [] as number[],
};
for (let run = 1; run <= RUNS; run++) {
  results.ours.push(await ours());
  results.peer.push(await peer(run));
  results.oursPushOnlyMs.push(await oursPushOnly());
  const [o, p] = [results.ours.at(-1)!, results.peer.at(-1)!];
  console.log(
    `run ${run}: sync server push ${round(o.pushMs)} ms (push-only replication ${round(results.oursPushOnlyMs.at(-1)!)} ms), pull ${round(o.pullMs)} ms | ` +
      `pouchdb-server push ${round(p.pushMs)} ms, pull ${round(p.pullMs)} ms`,
  );
}
const summary = {
  orders: ORDERS,
  batch: BATCH,
  runs: RUNS,
  clientStorage: 'rxdb memory',
  ours: {
    pushMs: round(median(results.ours.map((r) => r.pushMs))),
    pullMs: round(median(results.ours.map((r) => r.pullMs))),
    pushOnlyMs: round(median(results.oursPushOnlyMs)),
  },
  peer: {
    pushMs: round(median(results.peer.map((r) => r.pushMs))),
    pullMs: round(median(results.peer.map((r) => r.pullMs))),
  },
  raw: results,
};
const speedup = {
  push: round(summary.peer.pushMs / summary.ours.pushMs, 2),
  pull: round(summary.peer.pullMs / summary.ours.pullMs, 2),
};
console.log(
  `median of ${RUNS}: sync server push ${summary.ours.pushMs} ms (push-only ${summary.ours.pushOnlyMs} ms), pull ${summary.ours.pullMs} ms; pouchdb-server push ${summary.peer.pushMs} ms, pull ${summary.peer.pullMs} ms; ` +
    `speed-up push ${speedup.push}x, pull ${speedup.pull}x (target 3x: ${speedup.push >= 3 && speedup.pull >= 3 ? 'met' : 'MISSED'})`,
);
console.log(`written ${writeResult('sync-backlog', { ...summary, speedup })}`);
