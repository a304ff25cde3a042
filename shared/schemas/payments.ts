// Tenders taken or refunded. Card data is a gateway token plus the last four digits, never a card
// number: the schema refuses any string in the document that looks like a PAN.
import { defineCollection, HQ_AND_REGISTERS, HQ_ONLY, Role, STORE } from './define';
import { justifyPayment, paymentJustificationRef, registerPaymentChange, registerPaymentCreate } from './payment-rules';
import { paymentSchema } from './payment-shape';

export * from './payment-shape';

export const payments = defineCollection('payments', {
  description: 'Tenders and refunds. Written by the register or server that took them. Token and last-4 only.',
  schema: paymentSchema,
  indexes: ['orderId', ['storeId', 'status']],
  // 1: fields added since the first release (see define's `version`).
  version: 1,
  access: {
    create: HQ_AND_REGISTERS,
    change: HQ_AND_REGISTERS,
    delete: HQ_ONLY,
    scope: STORE,
    registerPull: 'own_store',
    appendOnly: false,
    conflict: 'single_writer',
    // The cross-store lookup finds an order's tenders (card last four) by it.
    lookupKey: (doc) => doc.orderId,
    registerCreate: registerPaymentCreate,
    checkChange: (previous, next, writer) => (writer === Role.REGISTER ? registerPaymentChange(previous, next) : null),
    registerJustification: { reference: paymentJustificationRef, justify: justifyPayment },
    note: 'Append-only for registers (only pending_offline → approved/declined/expired); credit onto a balance only as the refund of a return of the same store.',
  },
});
