// The part of an order one store picks and hands over (BOPIS) or ships. The server creates it and
// moves it between stores; the assigned store updates pick progress, pickup and shipping fields.
import { checkFulfillmentUpdate } from '../orders/fulfillment';
import { defineCollection, HQ_AND_REGISTERS, HQ_ONLY, Role } from './define';
import { issueFromRule } from './rule-issue';
import { fulfillmentOrderSchema } from './fulfillment-order-shape';

export * from './fulfillment-order-shape';

export const fulfillmentOrders = defineCollection('fulfillment_orders', {
  description:
    'Pickup and ship-from-store work. Server creates and routes; the assigned store updates pick/pickup fields.',
  schema: fulfillmentOrderSchema,
  indexes: ['orderId', ['assignedStoreId', 'status']],
  // 1: fields added since the first release; 2: `settlement` (see define's `version`).
  version: 2,
  access: {
    // The server creates and routes; the assigned store only works on them.
    create: HQ_ONLY,
    change: HQ_AND_REGISTERS,
    delete: HQ_ONLY,
    scope: { kind: 'field', field: 'assignedStoreId' },
    registerPull: 'own_store',
    appendOnly: false,
    conflict: 'field_ownership',
    registerWritableFields: ['status', 'lines', 'shipment', 'history', 'staging', 'handover'],
    // Kept current by the server (sync-server/orchestration/settlements.ts) while the store works on the part.
    serverOwnedFields: ['settlement'],
    checkChange: (previous, next, writer) =>
      issueFromRule(() => checkFulfillmentUpdate(previous, next, writer === Role.HQ ? 'server' : 'register')),
    note: 'Server creates and routes (and sets the pickup code the customer is sent); the assigned store picks, marks ready, hands over or ships. The server validates every status transition.',
  },
});
