// The returns desk reaches the register's one open database without a new method on the shared
// Backend: an RxDB plugin hook (createRxDatabase) remembers the database the register opens.
// RxDB runs plugin hooks for every database created after the plugin is added; this module is
// imported by the router, which main.tsx loads before it opens the database.
import { addRxPlugin, type RxPlugin } from 'rxdb';
import { DomainError } from '../../../shared/errors';
import type { Db } from './types';

export const ReturnsDataError = { NOT_OPEN: 'RETURNS_DB_NOT_OPEN' } as const;

let current: Db | undefined;

const plugin: RxPlugin = {
  name: 'pos-returns-database-handle',
  rxdb: true,
  hooks: {
    createRxDatabase: {
      after: ({ database }) => {
        current = database as unknown as Db;
      },
    },
  },
};
addRxPlugin(plugin);

/** The register's database (the last one opened in this window). */
export function returnsDb(): Db {
  if (!current || current.closed)
    throw new DomainError(
      ReturnsDataError.NOT_OPEN,
      'The register data is not open yet. Finish setting up the register, then open returns again.',
    );
  return current;
}

/** For tests that open their own database. */
export function setReturnsDb(db: Db): void {
  current = db;
}
