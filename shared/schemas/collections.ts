// The twelve replicated collections, by name. The free RxDB edition opens at most 13 collections
// per process, so a new kind of document joins an existing collection with the same writer.
import { config } from './config';
import { customers } from './customers';
import type { CollectionDefinition, DocOf } from './define';
import { fulfillmentOrders } from './fulfillment-orders';
import { inventoryLevels, inventoryMovements } from './inventory';
import { orderEvents } from './order-events';
import { orders } from './orders';
import { payments } from './payments';
import { products } from './products';
import { returns } from './returns';
import { staff } from './staff';
import { tillShifts } from './till-shifts';

export const collections = {
  products,
  config,
  staff,
  customers,
  orders,
  order_events: orderEvents,
  payments,
  returns,
  fulfillment_orders: fulfillmentOrders,
  inventory_movements: inventoryMovements,
  inventory_levels: inventoryLevels,
  till_shifts: tillShifts,
} as const satisfies { readonly [K in string]: CollectionDefinition<K> };

export type CollectionName = keyof typeof collections;
export const COLLECTION_NAMES = Object.keys(collections) as CollectionName[];

/** The document type stored in a collection, e.g. `DocumentOf<'orders'>`. */
export type DocumentOf<N extends CollectionName> = DocOf<(typeof collections)[N]>;

export function isCollectionName(name: unknown): name is CollectionName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(collections, name);
}
