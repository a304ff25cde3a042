// A register as its own process, for the "register killed mid-push" test. It records its
// deterministic backlog of sales locally (the same documents on every start, as its persisted
// IndexedDB would hold them after a crash), starts the real replication client, prints
// "in-sync" once every sale is acknowledged by the server, and exits.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createPosDatabase, posStorage } from '../../renderer/src/local-data/create-database';
import { startSync } from '../../renderer/src/sync/start-sync';
import { registerSales } from './sync-docs';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

const storeId = required('SV_STORE_ID');
const storeCode = required('SV_STORE_CODE');
const count = Number(required('SV_COUNT'));
const db = await createPosDatabase({
  name: `sv-child-${storeCode}-${process.pid}`,
  storage: posStorage({ indexedDB: new IDBFactory(), IDBKeyRange }),
  only: ['orders', 'inventory_movements'],
});
const sales = registerSales({ storeId, storeCode, registerCode: 'R01' }, count);
await db.orders.bulkInsert(sales.orders as never[]);
await db.inventory_movements.bulkInsert(sales.movements as never[]);
console.log(`recorded ${Math.round(performance.now())}`);
const sync = startSync({ db, serverUrl: required('SV_SERVER_URL'), credential: required('SV_CREDENTIAL') });
await sync.awaitInSync();
console.log(`in-sync ${Math.round(performance.now())}`);
await sync.stop();
await db.remove();
process.exit(0);
