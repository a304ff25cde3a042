// The orchestration jobs the worker runs: customer e-mail, card capture after handover, and the
// acceptance deadline of a fulfillment order. Each checks state in its own transaction, so
// running one twice changes nothing the second time.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { FulfillmentOrder } from '../../shared/schemas/fulfillment-orders';
import type { Payment } from '../../shared/schemas/payments';
import { isRemoteAuthorisation } from '../../shared/orders/pickup-settlement';
import { createMailer } from '../jobs/mailer';
import { firstTime } from '../jobs/queue';
import { JobWorker, type JobHandler } from '../jobs/worker';
import type { Orchestration } from './context';
import { SERVER_ACTOR, serverWrite } from './documents';
import { eventWrite } from './events';
import { reroute, rollUp } from './fulfillment-changes';
import { sendNotification } from './notifications';
import { cancelOrderIf } from './hq-actions';
import type { Mailer } from '../jobs/mailer';

export function createJobWorker(
  o: Orchestration,
  log: (message: string, error: unknown) => void,
): { worker: JobWorker; close(): Promise<void> } {
  const mailer = createMailer(o.settings.smtpUrl, o.settings.mailFrom);
  const handlers: Record<string, JobHandler> = {
    notify: (payload) => sendNotification(o, mailer, payload),
    capture: (payload) => capture(o, String(payload.orderId)),
    accept_timeout: (payload) => acceptTimeout(o, String(payload.fulfillmentOrderId)),
    pickup_reminder: (payload) => pickupReminder(o, mailer, payload),
    pickup_expire: (payload) => pickupExpire(o, String(payload.orderId), String(payload.fulfillmentOrderId)),
  };
  const worker = new JobWorker(o.storage, handlers, {
    workerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    onError: (job, error) => log(`job ${job.kind} ${job.id} failed (attempt ${job.attempts})`, error),
  });
  return {
    worker,
    async close() {
      await worker.stop();
      mailer.close();
    },
  };
}

async function capture(o: Orchestration, orderId: string): Promise<void> {
  const payments = [
    ...(
      await o.storage.getDocuments(
        'payments',
        (
          await o.storage.query<{ id: string }>(
            {
              sqlite: "SELECT id FROM documents WHERE collection = 'payments' AND json_extract(data, '$.orderId') = ?",
              postgres: "SELECT id FROM documents WHERE collection = 'payments' AND (data::jsonb ->> 'orderId') = ?",
            },
            [orderId],
          )
        ).map((r) => r.id),
      )
    ).values(),
  ].map((d) => d.data as unknown as Payment);
  // Only the web shop's authorisation waits for capture; a card taken at the counter is settled.
  const card = payments.find(isRemoteAuthorisation);
  if (!card?.gateway) return; // paid on the platform (Shopify): nothing to capture here
  if (!(await o.payments.capture(card.gateway.reference))) {
    throw new Error(
      `The gateway no longer knows authorisation ${card.gateway.reference} of order ${orderId}; capture it by hand in the gateway's console.`,
    );
  }
  const now = o.now();
  await o.storage.write(async (tx) => {
    if (!(await firstTime(tx, `captured:${card.id}`, o.newId(), now))) return;
    await tx.putDocuments([
      eventWrite(o.policies, o.newId, { orderId, storeId: card.storeId, now }, 'payment_captured', {
        paymentId: card.id,
        amount: card.amount,
      }),
    ]);
  });
}

async function acceptTimeout(o: Orchestration, foId: string): Promise<void> {
  const now = o.now();
  await o.storage.write(async (tx) => {
    const doc = (await tx.getDocuments('fulfillment_orders', [foId])).get(foId);
    const fo = doc?.data as unknown as FulfillmentOrder | undefined;
    if (!doc || !fo || fo.status !== 'allocated') return; // the store started (or the order moved on)
    const rejected: FulfillmentOrder = {
      ...fo,
      status: 'rejected',
      history: [
        ...fo.history,
        { status: 'rejected' as const, at: now, by: SERVER_ACTOR, reason: 'not accepted in time' },
      ].slice(-200),
      updatedAt: now,
    };
    await tx.putDocuments([
      serverWrite(o.policies, 'fulfillment_orders', rejected as unknown as Record<string, unknown>, doc),
    ]);
    if (!(await firstTime(tx, `reroute:${fo.id}`, o.newId(), now))) return;
    await reroute(
      tx,
      o,
      rejected,
      fo.lines.map((l) => ({ line: l, quantity: l.quantity })),
      'not accepted in time',
      now,
    );
    await rollUp(tx, o, fo.orderId, now);
  });
}

/** Still waiting for its customer? Then the reminder goes (once: the notify dedupe is the job's own). */
async function pickupReminder(o: Orchestration, mailer: Mailer, payload: Record<string, unknown>): Promise<void> {
  const foId = String(payload.fulfillmentOrderId);
  const fo = (await o.storage.getDocuments('fulfillment_orders', [foId])).get(foId)?.data as unknown as
    FulfillmentOrder | undefined;
  if (fo?.status !== 'ready_for_pickup') return; // collected, cancelled or moved on
  await sendNotification(o, mailer, { template: 'pickup_reminder', orderId: fo.orderId, fulfillmentOrderId: foId });
}

/** Not collected in time: the order is cancelled (stock released, card voided, customer told). */
async function pickupExpire(o: Orchestration, orderId: string, foId: string): Promise<void> {
  const days = Math.round((o.settings.pickupExpireMs / 86_400_000) * 10) / 10;
  await cancelOrderIf(o, orderId, `not collected within ${days} day${days === 1 ? '' : 's'} of being ready`, foId);
}
