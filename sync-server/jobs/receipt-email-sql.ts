// Migration 53: one row per receipt e-mail a register asked for (the order event's id), with what
// became of it, for the job's idempotence and HQ's order view. Plain SQL for both engines.
export const RECEIPT_EMAILS_TABLE = `
  CREATE TABLE receipt_emails (
    event_id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    email TEXT NOT NULL,
    device_id TEXT,
    status TEXT NOT NULL,
    reason TEXT,
    requested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    sent_at TEXT
  );
  CREATE INDEX receipt_emails_order ON receipt_emails (order_id, status);`;
