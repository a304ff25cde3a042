// The exceptions queue: every order intake could not complete (bad SKU, price, address, payment,
// no store) is a row here with its reason and the payload as received, so HQ can retry it after
// fixing the cause, or cancel it. Nothing is dropped silently.
import type { Storage, WriteTx } from '../storage/storage';
import type { ExceptionReason } from './errors';

export const ExceptionStatus = { OPEN: 'open', RESOLVED: 'resolved', CANCELLED: 'cancelled' } as const;
export type ExceptionStatus = (typeof ExceptionStatus)[keyof typeof ExceptionStatus];

export interface OrderException {
  id: string;
  orderId: string;
  channelId: string;
  reason: ExceptionReason;
  message: string;
  status: ExceptionStatus;
  payload: unknown;
  details: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  order_id: string;
  channel_id: string;
  reason: string;
  message: string;
  status: string;
  payload: string;
  details: string;
  created_at: string;
  updated_at: string;
}

const toException = (r: Row): OrderException => ({
  id: r.id,
  orderId: r.order_id,
  channelId: r.channel_id,
  reason: r.reason as ExceptionReason,
  message: r.message,
  status: r.status as ExceptionStatus,
  payload: JSON.parse(r.payload) as unknown,
  details: JSON.parse(r.details) as Record<string, unknown>,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

type Db = Pick<WriteTx, 'query'> | Pick<Storage, 'query'>;

/** Opens an exception, or (same order, still open) updates it with the latest reason. */
export async function raiseException(
  db: Db,
  e: Omit<OrderException, 'status' | 'createdAt' | 'updatedAt'>,
  now: string,
): Promise<OrderException> {
  const open = (
    await db.query<Row>('SELECT * FROM order_exceptions WHERE order_id = ? AND status = ?', [
      e.orderId,
      ExceptionStatus.OPEN,
    ])
  )[0];
  if (open) {
    await db.query('UPDATE order_exceptions SET reason = ?, message = ?, details = ?, updated_at = ? WHERE id = ?', [
      e.reason,
      e.message,
      JSON.stringify(e.details),
      now,
      open.id,
    ]);
    return { ...toException(open), reason: e.reason, message: e.message, details: e.details, updatedAt: now };
  }
  await db.query(
    'INSERT INTO order_exceptions (id, order_id, channel_id, reason, message, status, payload, details, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      e.id,
      e.orderId,
      e.channelId,
      e.reason,
      e.message,
      ExceptionStatus.OPEN,
      JSON.stringify(e.payload),
      JSON.stringify(e.details),
      now,
      now,
    ],
  );
  return { ...e, status: ExceptionStatus.OPEN, createdAt: now, updatedAt: now };
}

export async function closeExceptions(db: Db, orderId: string, status: ExceptionStatus, now: string): Promise<void> {
  await db.query('UPDATE order_exceptions SET status = ?, updated_at = ? WHERE order_id = ? AND status = ?', [
    status,
    now,
    orderId,
    ExceptionStatus.OPEN,
  ]);
}

export async function getException(db: Db, id: string): Promise<OrderException | undefined> {
  const row = (await db.query<Row>('SELECT * FROM order_exceptions WHERE id = ?', [id]))[0];
  return row ? toException(row) : undefined;
}

export async function listExceptions(db: Db, status: string | undefined, limit: number): Promise<OrderException[]> {
  const rows = status
    ? await db.query<Row>('SELECT * FROM order_exceptions WHERE status = ? ORDER BY created_at, id LIMIT ?', [
        status,
        limit,
      ])
    : await db.query<Row>('SELECT * FROM order_exceptions ORDER BY created_at, id LIMIT ?', [limit]);
  return rows.map(toException);
}
