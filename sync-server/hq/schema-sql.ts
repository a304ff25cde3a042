// The HQ console's tables (migration versions 20–29 are reserved for it). Plain SQL that runs on
// both engines; money columns are BIGINT on PostgreSQL (INTEGER on SQLite is already 64-bit).
import type { Migration } from '../storage/migration';

const ACCOUNTS = `
  CREATE TABLE hq_users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disabled_at TEXT
  );
  CREATE TABLE hq_sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX hq_sessions_user ON hq_sessions (user_id);`;

// Facts are a projection of the replicated orders, returns and payments (one row per document,
// with the store's local business day and hour already worked out), so the dashboard's
// aggregates are index range scans over narrow rows instead of JSON parsing of every order.
const facts = (money: string) => `
  CREATE TABLE hq_order_facts (
    order_id TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    business_day TEXT NOT NULL,
    hour INTEGER NOT NULL,
    total ${money} NOT NULL,
    items INTEGER NOT NULL
  );
  CREATE INDEX hq_order_facts_day ON hq_order_facts (business_day, store_id);
  -- Sales per store-local hour, kept by the projector with each fact change (minus the old row,
  -- plus the new): the dashboard reads at most days × stores × channels × 24 rows.
  CREATE TABLE hq_sales_rollup (
    business_day TEXT NOT NULL,
    store_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    hour INTEGER NOT NULL,
    orders ${money} NOT NULL,
    sales ${money} NOT NULL,
    PRIMARY KEY (business_day, store_id, channel, hour)
  );
  CREATE TABLE hq_return_facts (
    return_id TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    business_day TEXT NOT NULL,
    refund_total ${money} NOT NULL
  );
  CREATE INDEX hq_return_facts_day ON hq_return_facts (business_day, store_id);
  CREATE TABLE hq_payment_facts (
    payment_id TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    business_day TEXT NOT NULL,
    device_id TEXT NOT NULL,
    status TEXT NOT NULL,
    amount ${money} NOT NULL,
    offline_expires_at TEXT
  );
  CREATE INDEX hq_payment_facts_status ON hq_payment_facts (status, store_id);
  CREATE INDEX hq_payment_facts_day ON hq_payment_facts (business_day, store_id);
  CREATE TABLE hq_projector (collection TEXT PRIMARY KEY, seq ${money} NOT NULL);
  CREATE TABLE hq_device_seen (
    device_id TEXT PRIMARY KEY,
    last_seen_at TEXT NOT NULL,
    checkpoints TEXT NOT NULL,
    app_version TEXT
  );
  CREATE TABLE hq_alerts (
    alert_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    store_id TEXT,
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT
  );
  CREATE INDEX hq_alerts_open ON hq_alerts (acknowledged_at, created_at);`;

// Webhook subscriptions and their delivery queue: one row per (subscription, event), so an event
// is queued once however often the follower re-reads it; claimed rows carry a lease.
const WEBHOOKS = `
  CREATE TABLE hq_webhooks (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    active INTEGER NOT NULL,
    from_seq BIGINT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE hq_webhook_deliveries (
    id TEXT PRIMARY KEY,
    webhook_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    lease_until TEXT,
    last_status INTEGER,
    last_error TEXT,
    created_at TEXT NOT NULL,
    delivered_at TEXT,
    UNIQUE (webhook_id, event_id)
  );
  CREATE INDEX hq_webhook_deliveries_due ON hq_webhook_deliveries (status, next_attempt_at);
  CREATE INDEX hq_webhook_deliveries_hook ON hq_webhook_deliveries (webhook_id, created_at);`;

// Return authorisations customer service issues: any store's returns desk looks one up by its number.
const RETURN_AUTHORISATIONS = `
  CREATE TABLE hq_return_authorisations (
    ra_number TEXT PRIMARY KEY,
    order_id TEXT NOT NULL,
    order_number TEXT NOT NULL,
    store_id TEXT NOT NULL,
    status TEXT NOT NULL,
    lines TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX hq_return_authorisations_order ON hq_return_authorisations (order_id);`;

/** Where and by whom a return authorisation was used (settled from the returns that honour it). */
const RA_USE = `
  ALTER TABLE hq_return_authorisations ADD COLUMN used_at TEXT;
  ALTER TABLE hq_return_authorisations ADD COLUMN used_store_id TEXT;
  ALTER TABLE hq_return_authorisations ADD COLUMN used_by TEXT;
  ALTER TABLE hq_return_authorisations ADD COLUMN used_return_id TEXT;`;

/** Who changed a price book, its prices or store assignment, or a promotion, when, and what. */
const PRICING_AUDIT = `
  CREATE TABLE hq_pricing_audit (
    id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action TEXT NOT NULL,
    summary TEXT NOT NULL,
    by_email TEXT NOT NULL,
    by_role TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX hq_pricing_audit_entity ON hq_pricing_audit (entity_id, at);`;

/** Who last edited a customer's notes on the Customer 360 page, and when. */
const CUSTOMER_NOTES = `
  CREATE TABLE hq_customer_notes (
    customer_id TEXT PRIMARY KEY,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );`;

/** The nightly journal push: one row per store and business day, claimed with a lease, then pushed (or empty). */
const JOURNAL_PUSHES = `
  CREATE TABLE hq_journal_pushes (
    store_id TEXT NOT NULL,
    business_day TEXT NOT NULL,
    status TEXT NOT NULL,
    lease_until TEXT,
    claimed_at TEXT NOT NULL,
    pushed_at TEXT,
    balanced INTEGER,
    files TEXT,
    PRIMARY KEY (store_id, business_day)
  );`;

/**
 * Per store, the last business day up to which every day of the nightly push is done (pushed or
 * empty): a check starts after it, so it never reads or pushes a day behind it again.
 */
const JOURNAL_PUSH_MARKS = `
  CREATE TABLE hq_journal_push_marks (
    store_id TEXT PRIMARY KEY,
    pushed_through TEXT NOT NULL
  );`;

/**
 * Lines customer service cancelled from an order: they leave the order document (its totals are
 * derived again), so this is where the console finds what was cancelled, how many, by whom and when.
 */
const CANCELLED_LINES = (money: string) => `
  CREATE TABLE hq_cancelled_lines (
    order_id TEXT NOT NULL,
    line_id TEXT NOT NULL,
    sku TEXT NOT NULL,
    name TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    amount ${money} NOT NULL,
    reason TEXT NOT NULL,
    cancelled_by TEXT NOT NULL,
    cancelled_at TEXT NOT NULL,
    PRIMARY KEY (order_id, line_id)
  );`;

export const hqMigrations: readonly Migration[] = [
  { version: 20, name: 'hq-accounts', sqlite: ACCOUNTS, postgres: ACCOUNTS },
  { version: 21, name: 'hq-dashboard-facts', sqlite: facts('INTEGER'), postgres: facts('BIGINT') },
  { version: 22, name: 'hq-webhooks', sqlite: WEBHOOKS, postgres: WEBHOOKS },
  { version: 24, name: 'hq-return-authorisations', sqlite: RETURN_AUTHORISATIONS, postgres: RETURN_AUTHORISATIONS },
  { version: 32, name: 'hq-pricing-audit', sqlite: PRICING_AUDIT, postgres: PRICING_AUDIT },
  { version: 65, name: 'hq-return-authorisation-use', sqlite: RA_USE, postgres: RA_USE },
  { version: 66, name: 'hq-customer-notes', sqlite: CUSTOMER_NOTES, postgres: CUSTOMER_NOTES },
  { version: 40, name: 'hq-journal-pushes', sqlite: JOURNAL_PUSHES, postgres: JOURNAL_PUSHES },
  { version: 56, name: 'hq-journal-push-marks', sqlite: JOURNAL_PUSH_MARKS, postgres: JOURNAL_PUSH_MARKS },
  { version: 41, name: 'hq-cancelled-lines', sqlite: CANCELLED_LINES('INTEGER'), postgres: CANCELLED_LINES('BIGINT') },
];
