// The local database as the register's data layer sees it (created by create-database.ts).
import type { PosDatabase } from './create-database';

export type Db = PosDatabase;

/** Who this register is, as learned at enrollment and from the replicated config. */
export interface Identity {
  serverUrl: string;
  deviceId: string;
  credential: string;
  storeId: string;
}
