// Orders from every channel. A POS sale is written by the register that rang it up; web, mobile
// and phone orders by the server. Once completed an order is immutable: changes are new documents.
import { SyncErrorCode } from '../protocol/errors';
import { checkOrderUpdate } from '../orders/order-lifecycle';
import { defineCollection, HQ_AND_REGISTERS, HQ_ONLY, STORE } from './define';
import { issueFromRule } from './rule-issue';
import { checkOrderInvariants } from './order-invariants';
import { orderShape } from './order-shape';

export * from './order-shape';

export const orderSchema = orderShape.superRefine(checkOrderInvariants);

export const orders = defineCollection('orders', {
  description: 'Orders from all channels. POS: the capturing register writes; web/mobile/phone: the server writes.',
  schema: orderSchema,
  indexes: ['orderNumber', ['storeId', 'createdAt'], ['status', 'createdAt']],
  // 1: fields added since the first release (see define's `version`); 2: optional line `note`.
  version: 2,
  access: {
    create: HQ_AND_REGISTERS,
    change: HQ_AND_REGISTERS,
    // A sale is never erased: a completed order is returned, an open one voided (a status).
    delete: HQ_ONLY,
    scope: STORE,
    registerPull: 'own_store',
    appendOnly: false,
    conflict: 'single_writer',
    lookupKey: (doc) => doc.orderNumber,
    registerCreate: (doc) =>
      doc.channel === 'pos'
        ? null
        : {
            field: 'channel',
            message:
              'A register records only point-of-sale orders (channel "pos"); web and phone orders come from head office.',
            code: SyncErrorCode.CHANGE_FORBIDDEN,
          },
    checkChange: (previous, next) => issueFromRule(() => checkOrderUpdate(previous, next)),
    note: "A register writes only channel 'pos' orders of its own store; web/mobile/phone orders are the server's. Completed or voided orders are immutable.",
  },
});
