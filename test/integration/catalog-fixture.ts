// Shared setup of the catalog first-run suites (server-bootstrap.test.ts, catalog-arrival.test.ts):
// a real sync server with one store and a catalog of generated products pushed by HQ, an enrolled
// register of that store, and fresh register databases on Dexie (fake-indexeddb) removed after
// each test. Call inside a describe block: it registers that block's hooks.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createPosDatabase, posStorage, type PosDatabase } from '../../renderer/src/local-data/create-database';
import {
  Api,
  enrollDevice,
  pushRows,
  startTestServer,
  type Backend,
  type EnrolledDevice,
  type TestServer,
} from './server-harness';
import { productDoc, storeDoc } from './server-fixtures';

export type Doc = Record<string, unknown>;

export interface CatalogFixture {
  readonly server: TestServer;
  /** HQ's client (pushes products). */
  readonly hq: Api;
  /** The register enrolled in store S001. */
  readonly device: EnrolledDevice;
  /** The products on the server, in push order (SKU `<prefix>-0000`…, price 100, 101, …). */
  readonly products: Doc[];
  /** A new register database (removed after the test). */
  openDb(only: Parameters<typeof createPosDatabase>[0]['only']): Promise<PosDatabase>;
}

let opened = 0;

export function useCatalogServer(backend: Backend, options: { prefix: string; products: number }): CatalogFixture {
  let server: TestServer | undefined;
  let hq: Api | undefined;
  let device: EnrolledDevice | undefined;
  let products: Doc[] = [];
  const dbs: PosDatabase[] = [];
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useCatalogServer: read before its beforeAll ran');
    return value;
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    hq = new Api(server.url, server.hqToken);
    await hq.post('/sync/config/push', pushRows([storeDoc('S001')]));
    device = await enrollDevice(server, 'S001');
    products = Array.from({ length: options.products }, (_, i) =>
      productDoc(`${options.prefix}-${String(i).padStart(4, '0')}`, 100 + i),
    );
    const answer = await hq.post<{ rejected: unknown[] }>('/sync/products/push', pushRows(products));
    expect(answer.body.rejected).toEqual([]);
  });
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.remove();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  return {
    get server() {
      return ready(server);
    },
    get hq() {
      return ready(hq);
    },
    get device() {
      return ready(device);
    },
    get products() {
      return products;
    },
    async openDb(only) {
      const db = await createPosDatabase({
        name: `${options.prefix.toLowerCase()}-${process.pid}-${++opened}`,
        storage: posStorage({ indexedDB: new IDBFactory(), IDBKeyRange }),
        only,
      });
      dbs.push(db);
      return db;
    },
  };
}
