// The orchestration jobs the worker runs: customer e-mail (and e-mailed receipts, jobs/receipt-email.ts), card capture after handover, and the
// acceptance deadline of a fulfillment order. Each checks state in its own transaction, so
// running one twice changes nothing the second time.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { FulfillmentOrder } from '../../shared/schemas/fulfillment-orders';
import type { Order } from '../../shared/schemas/orders';
import type { Payment } from '../../shared/schemas/payments';
import { isRemoteAuthorisation } from '../../shared/orders/pickup-settlement';
import { createMailer } from '../jobs/mailer';
import { firstTime } from '../jobs/queue';
import { RECEIPT_EMAIL_JOB, sendReceiptEmail } from '../jobs/receipt-email';
import { JobWorker, type JobHandler } from '../jobs/worker';
import type { Orchestration } from './context';
import { documentsWhere, SERVER_ACTOR, serverWrite } from './documents';
import { eventWrite } from './events';
import { reroute, rollUp } from './fulfillment-changes';
import { sendNotification } from './notifications';
import { cancelOrderIf } from './hq-actions';
import type { Mailer } from '../jobs/mailer';
import type { DocumentWrite } from '../storage/storage';

export function createJobWorker(
  o: Orchestration,
  log: (message: string, error: unknown) => void,
): { worker: JobWorker; close(): Promise<void> } {
  const mailer = createMailer(o.settings.smtpUrl, o.settings.mailFrom);
  const handlers: Record<string, JobHandler> = {
    notify: (payload) => sendNotification(o, mailer, payload),
    capture: (payload) => captureOrder(o, String(payload.orderId)),
    accept_timeout: (payload) => acceptTimeout(o, String(payload.fulfillmentOrderId)),
    pickup_reminder: (payload) => pickupReminder(o, mailer, payload),
    pickup_expire: (payload) => pickupExpire(o, String(payload.orderId), String(payload.fulfillmentOrderId)),
    [RECEIPT_EMAIL_JOB]: (payload) => sendReceiptEmail(o.storage, mailer, payload),
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

// A fulfillment order that can no longer hand anything over.
const CLOSED_FO: ReadonlySet<FulfillmentOrder['status']> = new Set([
  'picked_up',
  'shipped',
  'cancelled',
  'rejected',
  'rerouted',
]);

/**
 * What to take from the web authorisation once every fulfillment order of the order is closed: the
 * sum the hand-overs recorded (`handover.payment.capture`, the value of what was taken less what the
 * counter collected), at most the authorisation; parts cancelled, rejected or moved away add
 * nothing. Undefined when a shipment or a hand-over recorded no money: the caller then takes the
 * order's current total (`wholeCapture`). A gateway captures an authorisation once, so an order
 * split across stores is captured when its last part is closed, not part by part.
 */
export function captureAmount(fos: readonly FulfillmentOrder[], authorised: number): number | undefined {
  let sum = 0;
  for (const fo of fos) {
    if (fo.status !== 'picked_up' && fo.status !== 'shipped') continue;
    const recorded = fo.handover?.payment?.capture;
    if (recorded === undefined) return undefined;
    sum += recorded;
  }
  return Math.min(sum, authorised);
}

/**
 * What a shipment (or a hand-over that recorded no money) takes: the order's current total (lines
 * cancelled by HQ have left it), at most the authorisation.
 */
export function wholeCapture(order: Pick<Order, 'totals'> | undefined, authorised: number): number {
  const total = order?.totals?.total;
  return total === undefined ? authorised : Math.max(0, Math.min(authorised, total));
}

/** True once the capture (or void) of this payment has been recorded. */
async function alreadySettled(o: Orchestration, paymentId: string): Promise<boolean> {
  const rows = await o.storage.query('SELECT id FROM jobs WHERE dedupe_key = ?', [`captured:${paymentId}`]);
  return rows.length > 0;
}

/**
 * The capture job: once every fulfillment order of the order is closed, takes what the hand-overs
 * recorded from the web authorisation and releases the rest, or voids it when nothing is left for
 * the card. Queued by each hand-over or shipment, and by a cancel that closes the order's last
 * open part after others were handed over (`queueCapture`).
 */
export async function captureOrder(o: Orchestration, orderId: string): Promise<void> {
  const payments = (await documentsWhere(o.storage, 'payments', 'orderId', orderId)).map(
    (d) => d.data as unknown as Payment,
  );
  // Only the web shop's authorisation waits for capture; a card taken at the counter is settled.
  const card = payments.find(isRemoteAuthorisation);
  if (!card?.gateway) return; // paid on the platform (Shopify) or at the counter: nothing to capture
  if (await alreadySettled(o, card.id)) return; // an earlier job of this order took it
  const fos = (await documentsWhere(o.storage, 'fulfillment_orders', 'orderId', orderId)).map(
    (d) => d.data as unknown as FulfillmentOrder,
  );
  if (fos.some((fo) => !CLOSED_FO.has(fo.status))) return; // the last part's own capture job takes it
  const reference = card.gateway.reference;
  const recorded = captureAmount(fos, card.amount);
  const order = (await o.storage.getDocuments('orders', [orderId])).get(orderId)?.data as unknown as Order | undefined;
  const amount = recorded ?? wholeCapture(order, card.amount);
  const at = { orderId, storeId: card.storeId };
  if (amount === 0) {
    // The counter took all the money (or nothing was taken): the whole hold goes back to the card.
    const voided = await o.payments.void(reference);
    if (!voided) throw new Error(`The gateway no longer knows authorisation ${reference} of order ${orderId}.`);
    await recordOnce(o, card.id, [
      eventWrite(o.policies, o.newId, { ...at, now: o.now() }, 'note', {
        text: `Card authorisation ${reference} of ${card.amount} (minor units) voided: the counter collected what the customer took.`,
      }),
    ]);
    return;
  }
  const result = await o.payments.capture(reference, { amount, currency: card.currency });
  if (!result.ok)
    throw new Error(
      `Capture of authorisation ${reference} of order ${orderId} refused (${result.code}: ${result.message}); capture it by hand in the gateway's console.`,
    );
  const now = o.now();
  await recordOnce(o, card.id, [
    eventWrite(o.policies, o.newId, { ...at, now }, 'payment_captured', {
      paymentId: card.id,
      amount: result.captured,
    }),
    ...(result.released > 0
      ? [
          eventWrite(o.policies, o.newId, { ...at, now }, 'note', {
            text: `Card authorisation ${reference}: ${result.captured} of ${card.amount} (minor units) captured, ${result.released} released to the card.`,
          }),
        ]
      : []),
  ]);
}

/** Writes the capture's events the first time only (the job may run twice). */
async function recordOnce(o: Orchestration, paymentId: string, writes: DocumentWrite[]): Promise<void> {
  const now = o.now();
  await o.storage.write(async (tx) => {
    if (!(await firstTime(tx, `captured:${paymentId}`, o.newId(), now))) return;
    await tx.putDocuments(writes);
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
