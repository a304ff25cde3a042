// Where and by whom fulfillment work is recorded: shared by the fulfillment data and the counter's
// settlement without an import cycle between them.
import type { Db } from './types';

export interface FulfillmentScope {
  db: Db;
  storeId: string;
  deviceId: string;
}

/** Who is working the order (the signed-in clerk). */
export interface Worker {
  staffId: string;
}
