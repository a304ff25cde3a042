// Customer service actions that move money: cancel an order, cancel some of its lines, give an
// appeasement. The gateway call (refund or void, idempotent by key) runs first; then every
// document the action changes — order, fulfillment orders, stock movements, payment, order
// events — is written in ONE database transaction, so a failure leaves nothing half-recorded and
// a retry repeats the same gateway call without moving money twice.
import { DomainError, isDomainError } from '../../../shared/errors';
import { money } from '../../../shared/money';
import { appeasementLimit, type ServiceRole } from '../../../shared/hq/service';
import type { Order } from '../../../shared/schemas/orders';
import type { Payment } from '../../../shared/schemas/payments';
import type { Orchestration } from '../../orchestration/context';
import { documentsWhere, serverWrite } from '../../orchestration/documents';
import { eventWrite } from '../../orchestration/events';
import { anyHandedOver, cancelInTx, voidNote } from '../../orchestration/hq-actions';
import {
  asHqError,
  capturedAmounts,
  fail,
  loadOrder,
  orderPayments,
  paidAndRefunded,
  type ServiceActor,
} from '../../orchestration/service-actions';
import type { DocumentWrite, WriteTx } from '../../storage/storage';
import { HqError } from '../errors';

const HQ_DEVICE = 'hq-console';

type ServicePayload = Omit<Parameters<typeof eventWrite<'service_action'>>[4], 'by'>;

export function serviceEvent(o: Orchestration, order: Order, payload: ServicePayload, by: ServiceActor, now: string) {
  return eventWrite(o.policies, o.newId, { orderId: order.id, storeId: order.storeId, now }, 'service_action', {
    ...payload,
    by: { userId: by.userId.slice(0, 64), email: by.email.slice(0, 200), role: by.role as ServiceRole },
  });
}

/** Payment documents in the caller's transaction; the projections (store credit balance) run in it too. */
export async function writePayments(tx: WriteTx, o: Orchestration, payments: readonly Payment[]): Promise<void> {
  if (payments.length === 0) return;
  const writes: DocumentWrite[] = payments.map((p) =>
    serverWrite(o.policies, 'payments', p as unknown as Record<string, unknown>),
  );
  const written = await tx.putDocuments(writes);
  await o.afterWrite?.(tx, 'payments', written);
}

/** The card sale of the order that the gateway holds (web shop authorisation or a card taken here). */
export const gatewayCard = (payments: readonly Payment[]): Payment | undefined =>
  payments.find((p) => p.kind === 'sale' && p.method === 'card' && p.gateway);

/**
 * Refunds `amount` to the order's captured card at the gateway and answers the refund payment
 * document, not yet stored. `key` is the gateway's idempotency key: the same key never refunds twice.
 */
export async function gatewayRefund(
  o: Orchestration,
  order: Order,
  sale: Payment,
  amount: number,
  key: string,
): Promise<Payment> {
  if (!sale.gateway || !sale.card)
    fail(HqError.CONFLICT, 'This card was charged on the shop platform, not here: refund it in the platform.');
  // capture() of an already captured authorisation only repeats its capture id.
  const { captureId } = await o.payments.gateway.capture({ authorizationId: sale.gateway.reference });
  let result;
  try {
    result = await o.payments.gateway.refund({ idempotencyKey: key, captureId, amount: money(amount, order.currency) });
  } catch (error) {
    if (isDomainError(error)) fail(HqError.PAYMENT_FAILED, error.message);
    throw error;
  }
  if (result.status !== 'approved')
    fail(HqError.PAYMENT_FAILED, 'message' in result ? result.message : 'The bank refused the refund.');
  const now = o.now();
  return {
    id: o.newId(),
    orderId: order.id,
    storeId: order.storeId,
    deviceId: HQ_DEVICE,
    kind: 'refund',
    method: 'card',
    status: 'approved',
    amount,
    currency: order.currency,
    card: { ...sale.card },
    gateway: { name: sale.gateway.name, reference: result.refundId },
    refundsPaymentId: sale.id,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Runs the transaction of an action whose money already moved at the gateway (`moneyMoved` says
 * how); a failure then says so, and that pressing again is safe (same idempotency key).
 */
export async function recorded<T>(work: () => Promise<T>, moneyMoved: string | undefined): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const hq = asHqError(error);
    if (moneyMoved === undefined) throw hq;
    const why = error instanceof Error ? error.message : String(error);
    throw new DomainError(
      HqError.CONFLICT,
      `${moneyMoved} at the bank, but recording it failed (${why.slice(0, 200)}) and nothing was changed here; try again to record it (the bank will not move the money twice).`,
    );
  }
}

export async function serviceCancel(
  o: Orchestration,
  orderId: string,
  reason: string,
  by: ServiceActor,
): Promise<{ order: Order; payment: 'voided' | 'refunded' | 'none' }> {
  const before = await loadOrder(o.storage, orderId);
  // The same refusals the transaction makes, before any money moves.
  if (before.channel === 'pos')
    fail(HqError.CONFLICT, 'A point-of-sale order is returned at a register, not cancelled here.');
  if (['fulfilled', 'cancelled', 'rejected'].includes(before.status))
    fail(HqError.CONFLICT, `Order ${before.orderNumber} is ${before.status} and cannot be cancelled.`);
  const payments = await orderPayments(o.storage, orderId);
  const card = gatewayCard(payments);
  // A partial capture released the rest of the authorisation: only what was captured counts.
  const captures = await capturedAmounts(o.storage, orderId);
  const { paid, refunded } = paidAndRefunded(payments, captures);
  let refund: Payment | undefined;
  let voided = false;
  if (card?.gateway && captures.size > 0) {
    if (paid - refunded > 0) refund = await gatewayRefund(o, before, card, paid - refunded, `cancel:${orderId}`);
  } else if (card?.gateway && !(await anyHandedOver(o.storage, orderId))) {
    // (Parts already handed over: the cancel queues the capture job, which takes what they recorded.)
    voided = await o.payments.void(card.gateway.reference);
  }
  const payment = refund ? 'refunded' : voided ? 'voided' : 'none';
  const moved = refund ? 'The refund went through' : voided ? 'The card authorisation was voided' : undefined;
  const order = await recorded(
    () =>
      o.storage.write(async (tx) => {
        const now = o.now();
        const result = await cancelInTx(tx, o, orderId, `${reason} (${by.email})`.slice(0, 200), now);
        if (!result) throw new Error('cancelInTx without a condition always answers');
        await writePayments(tx, o, refund ? [refund] : []);
        await tx.putDocuments([
          ...(voided && card ? [voidNote(o, orderId, result.storeId, card, now)] : []),
          serviceEvent(
            o,
            result.order,
            {
              action: 'cancelled',
              reason,
              ...(payment === 'none'
                ? {}
                : { method: payment === 'voided' ? ('void' as const) : ('card_refund' as const) }),
              ...(refund ? { paymentId: refund.id, amount: refund.amount } : {}),
            },
            by,
            now,
          ),
        ]);
        return result.order;
      }),
    moved,
  );
  return { order, payment };
}

async function customerIdFor(o: Orchestration, order: Order, given: string | undefined): Promise<string> {
  if (given) {
    const doc = (await o.storage.getDocuments('customers', [given])).get(given);
    if (!doc || doc.deleted) fail(HqError.INVALID_INPUT, `No customer ${given}.`, { field: 'customerId' });
    return given;
  }
  if (order.customerId) return order.customerId;
  if (order.customerEmail) {
    const rows = await o.storage.query<{ id: string }>(
      {
        sqlite: `SELECT id FROM documents WHERE collection = 'customers' AND deleted = 0
          AND lower(json_extract(data, '$.email')) = ? ORDER BY seq LIMIT 1`,
        postgres: `SELECT id FROM documents WHERE collection = 'customers' AND NOT deleted
          AND lower(data::jsonb ->> 'email') = ? ORDER BY seq LIMIT 1`,
      },
      [order.customerEmail.toLowerCase()],
    );
    if (rows[0]) return rows[0].id;
  }
  return fail(
    HqError.INVALID_INPUT,
    'This order has no customer record to hold store credit: create the customer (or pick one), or refund to the card.',
    { field: 'customerId' },
  );
}

export interface AppeasementInput {
  amount: number;
  method: 'card_refund' | 'store_credit';
  reason: string;
  customerId?: string | undefined;
  requestId?: string | undefined;
}

function leftToGive(payments: readonly Payment[], captures: ReadonlyMap<string, number>, amount: number): void {
  const { paid, refunded } = paidAndRefunded(payments, captures);
  if (amount > paid - refunded)
    fail(
      HqError.INVALID_INPUT,
      `At most ${((paid - refunded) / 100).toFixed(2)} is left to give back on this order (paid ${(paid / 100).toFixed(2)}, given back ${(refunded / 100).toFixed(2)}).`,
      { field: 'amount' },
    );
}

export async function appease(
  o: Orchestration,
  orderId: string,
  input: AppeasementInput,
  by: ServiceActor,
): Promise<{ payment: Payment; eventId: string }> {
  const limit = appeasementLimit(by.role);
  if (input.amount > limit)
    fail(
      HqError.OVER_LIMIT,
      limit === 0
        ? `Your role (${by.role}) cannot give appeasements: ask an operations user or an admin.`
        : `Your limit as ${by.role} is ${(limit / 100).toFixed(2)} per order; ask an admin to give ${(input.amount / 100).toFixed(2)}.`,
      { limit },
    );
  const order = await loadOrder(o.storage, orderId);
  const payments = await orderPayments(o.storage, orderId);
  const captures = await capturedAmounts(o.storage, orderId);
  leftToGive(payments, captures, input.amount);
  let payment: Payment;
  if (input.method === 'card_refund') {
    const card = gatewayCard(payments);
    if (!card) fail(HqError.INVALID_INPUT, 'This order was not paid by card here: give store credit instead.');
    if (captures.size === 0)
      fail(
        HqError.CONFLICT,
        'The card is not charged yet (it is charged at pickup or shipment): give store credit, or cancel lines.',
      );
    payment = await gatewayRefund(o, order, card, input.amount, `appease:${input.requestId ?? o.newId()}`);
  } else {
    const customerId = await customerIdFor(o, order, input.customerId);
    const now = o.now();
    payment = {
      id: o.newId(),
      orderId: order.id,
      storeId: order.storeId,
      deviceId: HQ_DEVICE,
      kind: 'refund',
      method: 'store_credit',
      status: 'approved',
      amount: input.amount,
      currency: order.currency,
      storeCreditCustomerId: customerId,
      createdAt: now,
      updatedAt: now,
    };
  }
  const moved = input.method === 'card_refund' ? 'The refund went through' : undefined;
  const eventId = await recorded(
    () =>
      o.storage.write(async (tx) => {
        // Another agent may have given money back meanwhile: checked again under the write lock.
        leftToGive(
          (await documentsWhere(tx, 'payments', 'orderId', orderId)).map((d) => d.data as unknown as Payment),
          await capturedAmounts(tx, orderId),
          input.amount,
        );
        await writePayments(tx, o, [payment]);
        const event = serviceEvent(
          o,
          order,
          {
            action: 'appeasement',
            reason: input.reason,
            amount: input.amount,
            method: input.method,
            paymentId: payment.id,
          },
          by,
          o.now(),
        );
        await tx.putDocuments([event]);
        return event.id;
      }),
    moved,
  );
  return { payment, eventId };
}
