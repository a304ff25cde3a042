// Public surface of the schemas: one definition per replicated collection, validation, ownership.
export * from './collections';
export * from './ownership';
export * from './validate';
export type { CollectionDefinition, DocOf } from './define';
export type { RxSchemaShape, IndexSpec, JsonSchema } from './rxdb-json';

export { inventoryLevelId } from './inventory';
export type { Product } from './products';
export type { ConfigDoc, ConfigOf } from './config';
export type { Staff, StaffRole } from './staff';
export type { Customer } from './customers';
export type { Order } from './orders';
export type { OrderLine, Discount, TaxLine, OrderTotals } from './order-lines';
export type { OrderEvent, OrderEventOf, OrderEventType } from './order-events';
export type { Payment, PaymentMethod, PaymentStatus } from './payments';
export type { Return } from './returns';
export type { FulfillmentOrder } from './fulfillment-orders';
export type { InventoryMovement, InventoryLevel } from './inventory';
export type { TillShift } from './till-shifts';
