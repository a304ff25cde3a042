// The stock screens read the register's RxDB database without a method on the Backend port: an
// RxDB plugin hook hands over each database as it is created, and the register's own (named
// `pos-<device>`) is kept. Importing this module before the backend starts registers the hook.
import { addRxPlugin, type RxPlugin } from 'rxdb';
import type { Db } from './types';

let registerDb: Db | undefined;

const capture: RxPlugin = {
  name: 'pos-stock-capture',
  rxdb: true,
  hooks: {
    createRxDatabase: {
      after: ({ database }) => {
        if (database.name.startsWith('pos-')) registerDb = database as unknown as Db;
      },
    },
  },
};
addRxPlugin(capture);

/** The register's open database, once the backend has opened it. */
export function stockDatabase(): Db | undefined {
  return registerDb?.closed ? undefined : registerDb;
}
