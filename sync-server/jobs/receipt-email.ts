// E-mailed receipts. A register records a `receipt_email_requested` order event; when it is pushed,
// the projection below writes a receipt_emails row and a `receipt_email` job in the push's own
// transaction (the outbox), both keyed by the event id, so a re-pushed event changes nothing. The
// job builds the receipt from the stored order and payments (shared/receipt, the same document
// the register prints) and sends it. The register pushes each collection on its own, so the event
// can arrive before its order or payments: the job then waits (status 'waiting'), and the push
// that brings the order or a payment makes it due again at once.
import type { Order, Payment } from '../../shared/schemas';
import type { ConfigOf } from '../../shared/schemas';
import type { ReceiptEmailStatusView } from '../../shared/hq/service';
import { buildReceiptEmail } from '../../shared/receipt/receipt-email';
import {
  buildSaleReceipt,
  receiptAddressLines,
  returnPolicyLine,
  type SaleReceiptContext,
} from '../../shared/receipt/sale-receipt';
import type { AfterWrite } from '../replication/push';
import type { Storage, StoredDocument, WriteTx } from '../storage/storage';
import type { Mailer } from './mailer';
import { enqueueJob } from './outbox';

export const RECEIPT_EMAIL_JOB = 'receipt_email';

export const ReceiptEmailStatus = {
  REQUESTED: 'requested',
  WAITING: 'waiting',
  SENT: 'sent',
  NOT_SENT: 'not_sent',
  FAILED: 'failed',
} as const;
export type ReceiptEmailStatus = (typeof ReceiptEmailStatus)[keyof typeof ReceiptEmailStatus];

/** Without SMTP_URL the request ends here: HQ's order view shows it. */
export const NO_SMTP_REASON = 'not sent (no SMTP)';
const WAITING_FOR_ORDER = 'Waiting for the order to reach the server.';
const WAITING_FOR_PAYMENTS = "Waiting for the order's payments to reach the server.";
/** Back-off reaches an hour after ~11 attempts; an order arriving later re-arms the job anyway. */
const MAX_ATTEMPTS = 12;

const dedupeKey = (eventId: string): string => `${RECEIPT_EMAIL_JOB}:${eventId}`;

interface ReceiptEmailRow {
  event_id: string;
  order_id: string;
  store_id: string;
  email: string;
  device_id: string | null;
  status: ReceiptEmailStatus;
  reason: string | null;
  requested_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** Raises an order id list into `IN (?, ?, …)`. */
const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * The push-path step: a pushed receipt request becomes a row and a job (once per event id); a
 * pushed order or payment makes the jobs waiting for it due now.
 */
export function receiptEmailProjection(newId: () => string, now: () => Date = () => new Date()): AfterWrite {
  return async (tx: WriteTx, collection: string, written: StoredDocument[]): Promise<void> => {
    if (collection === 'order_events') {
      const at = now().toISOString();
      for (const doc of written) {
        const e = doc.data;
        if (doc.deleted || e.type !== 'receipt_email_requested') continue;
        const payload = e.payload as { email: string };
        const actor = e.actor as { deviceId?: string } | undefined;
        await tx.query(
          `INSERT INTO receipt_emails (event_id, order_id, store_id, email, device_id, status, requested_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
          [
            doc.id,
            String(e.orderId),
            String(e.storeId),
            payload.email,
            actor?.deviceId ?? null,
            ReceiptEmailStatus.REQUESTED,
            String(e.createdAt ?? at),
            at,
          ],
        );
        await enqueueJob(
          tx,
          {
            id: newId(),
            kind: RECEIPT_EMAIL_JOB,
            dedupeKey: dedupeKey(doc.id),
            payload: { eventId: doc.id },
            maxAttempts: MAX_ATTEMPTS,
          },
          at,
        );
      }
      return;
    }
    if (collection !== 'orders' && collection !== 'payments') return;
    const orderIds = [
      ...new Set(
        written.flatMap((d) => {
          const id = collection === 'orders' ? d.id : d.data.orderId;
          return !d.deleted && typeof id === 'string' ? [id] : [];
        }),
      ),
    ];
    if (orderIds.length === 0) return;
    const at = now().toISOString();
    // A running job that already decided to wait has its lease taken away: its own fail/complete
    // (guarded by locked_by) then changes nothing, and the job runs again now.
    await tx.query(
      `UPDATE jobs SET status = 'pending', run_at = ?, attempts = 0, locked_by = NULL, locked_until = NULL, updated_at = ?
       WHERE kind = '${RECEIPT_EMAIL_JOB}' AND status IN ('pending', 'running', 'dead') AND dedupe_key IN (
         SELECT '${RECEIPT_EMAIL_JOB}:' || event_id FROM receipt_emails
         WHERE order_id IN (${placeholders(orderIds.length)}) AND status = '${ReceiptEmailStatus.WAITING}')`,
      [at, at, ...orderIds],
    );
  };
}

async function setStatus(
  storage: Storage,
  eventId: string,
  status: ReceiptEmailStatus,
  reason: string | null,
  at: string,
): Promise<void> {
  await storage.query(
    `UPDATE receipt_emails SET status = ?, reason = ?, updated_at = ?, sent_at = ? WHERE event_id = ?`,
    [status, reason, at, status === ReceiptEmailStatus.SENT ? at : null, eventId],
  );
}

/** Tenders the receipt prints: the sale's payments that took money (a declined card did not). */
function receiptTenders(docs: readonly StoredDocument[]): Payment[] {
  return docs
    .map((d) => d.data as unknown as Payment)
    .filter((p) => p.kind === 'sale' && (p.status === 'approved' || p.status === 'pending_offline'));
}

type Loaded = { order: Order; payments: Payment[] } | { waiting: string };

async function loadSale(storage: Storage, orderId: string): Promise<Loaded> {
  const stored = (await storage.getDocuments('orders', [orderId])).get(orderId);
  if (!stored || stored.deleted) return { waiting: WAITING_FOR_ORDER };
  const order = stored.data as unknown as Order;
  const payments = receiptTenders(await storage.findByLookup('payments', orderId, 1000));
  const paid = payments.reduce((n, p) => n + p.amount, 0);
  if (paid < (order.totals?.total ?? 0)) return { waiting: WAITING_FOR_PAYMENTS };
  return { order, payments };
}

/** Store texts, register name and cashier for the receipt, from what the server stores. */
async function receiptContext(
  storage: Storage,
  order: Order,
  requestDeviceId: string | null,
): Promise<{ context: SaleReceiptContext; cashierName?: string; timeZone?: string }> {
  const configIds = [order.storeId, ...(order.registerId ? [order.registerId] : [])];
  const configs = await storage.getDocuments('config', configIds);
  // A store's config document carries the store's id (as the orchestration catalog reads it).
  const storeDoc = configs.get(order.storeId)?.data as unknown as ConfigOf<'store'> | undefined;
  const store = storeDoc?.kind === 'store' ? storeDoc : undefined;
  const register = order.registerId
    ? (configs.get(order.registerId)?.data as unknown as ConfigOf<'register'>)
    : undefined;
  const registerDoc = register?.kind === 'register' ? register : undefined;
  const devices = await storage.listDevices();
  const deviceName = (id: string | null | undefined): string | undefined =>
    id ? (devices.find((d) => d.id === id)?.registerName ?? undefined) : undefined;
  const registerName =
    deviceName(order.registerId) ??
    deviceName(registerDoc?.payload.deviceId) ??
    registerDoc?.payload.name ??
    deviceName(requestDeviceId);
  const policy =
    (store && (await storage.findByLookup('config', `policy:${store.payload.code}`, 1))[0]) ??
    (await storage.findByLookup('config', 'policy:default', 1))[0];
  const windowDays = (policy?.data.payload as { returns?: { windowDays?: number } } | undefined)?.returns?.windowDays;
  const staff = order.createdBy
    ? (await storage.getDocuments('staff', [order.createdBy])).get(order.createdBy)
    : undefined;
  const cashierName = typeof staff?.data.displayName === 'string' ? staff.data.displayName : undefined;
  return {
    context: {
      store: store
        ? {
            name: store.payload.name,
            addressLines: receiptAddressLines(store.payload.address),
            phone: store.payload.phone,
          }
        : { name: 'Store', addressLines: [] },
      registerName,
      returnPolicy: returnPolicyLine(windowDays),
      receiptFooter: registerDoc?.payload.receiptFooter ?? 'Thank you for shopping with us.',
    },
    ...(cashierName ? { cashierName } : {}),
    ...(store?.payload.timezone ? { timeZone: store.payload.timezone } : {}),
  };
}

/**
 * The `receipt_email` job. Safe to run again: a request already sent (or ended without SMTP) is
 * left alone. A send that fails is recorded with its reason and retried by the queue.
 */
export async function sendReceiptEmail(
  storage: Storage,
  mailer: Mailer,
  payload: Record<string, unknown>,
  now: () => string = () => new Date().toISOString(),
): Promise<void> {
  const eventId = String(payload.eventId);
  const [row] = await storage.query<ReceiptEmailRow>('SELECT * FROM receipt_emails WHERE event_id = ?', [eventId]);
  if (!row || row.status === ReceiptEmailStatus.SENT || row.status === ReceiptEmailStatus.NOT_SENT) return;
  const loaded = await loadSale(storage, row.order_id);
  if ('waiting' in loaded) {
    await setStatus(storage, eventId, ReceiptEmailStatus.WAITING, loaded.waiting, now());
    // Re-read after recording the wait: an order pushed in between re-armed nothing (the row was
    // not 'waiting' yet), so look again before handing the job back to the back-off.
    const again = await loadSale(storage, row.order_id);
    if ('waiting' in again) throw new Error(loaded.waiting);
    return sendReceiptEmail(storage, mailer, payload, now);
  }
  if (!mailer.enabled) {
    await setStatus(storage, eventId, ReceiptEmailStatus.NOT_SENT, NO_SMTP_REASON, now());
    return;
  }
  const { context, cashierName, timeZone } = await receiptContext(storage, loaded.order, row.device_id);
  const receipt = buildSaleReceipt(loaded.order, loaded.payments, context, {
    ...(cashierName ? { cashierName } : {}),
    ...(timeZone ? { timeZone } : {}),
  });
  const mail = buildReceiptEmail(receipt);
  try {
    // A stable Message-ID: should a crash fall between the send and the record below, the
    // repeated message is recognisably the same one.
    await mailer.send({ to: row.email, ...mail, messageId: `<receipt-${eventId}@store-pos.local>` });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await setStatus(storage, eventId, ReceiptEmailStatus.FAILED, reason, now());
    throw error;
  }
  await setStatus(storage, eventId, ReceiptEmailStatus.SENT, null, now());
}

/** Every receipt e-mail asked for on an order, oldest first, for HQ's order view. */
export async function receiptEmailsOf(storage: Storage, orderId: string): Promise<ReceiptEmailStatusView[]> {
  const rows = await storage.query<ReceiptEmailRow>(
    'SELECT * FROM receipt_emails WHERE order_id = ? ORDER BY requested_at, event_id',
    [orderId],
  );
  return rows.map((r) => ({
    eventId: r.event_id,
    email: r.email,
    status: r.status,
    reason: r.reason,
    requestedAt: r.requested_at,
    updatedAt: r.updated_at,
    sentAt: r.sent_at,
  }));
}
