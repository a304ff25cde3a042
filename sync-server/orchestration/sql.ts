// Orchestration's own tables (migrations 10–11, 13–19). Plain TEXT/INTEGER columns so one SQL text
// serves both engines; timestamps are ISO strings (they sort as text).

export const ORCHESTRATION_TABLES = `
  CREATE TABLE channel_keys (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    webhook_secret TEXT NOT NULL,
    home_store_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE TABLE order_intake_keys (
    channel_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    order_id TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    response TEXT,
    claimed_at TEXT NOT NULL,
    PRIMARY KEY (channel_id, kind, key)
  );
  CREATE TABLE order_exceptions (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    status TEXT NOT NULL,
    payload TEXT NOT NULL,
    details TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX order_exceptions_status ON order_exceptions (status, created_at);
  CREATE INDEX order_exceptions_order ON order_exceptions (order_id);
  CREATE TABLE store_capacity (
    store_id TEXT NOT NULL,
    day TEXT NOT NULL,
    used INTEGER NOT NULL,
    PRIMARY KEY (store_id, day)
  );
  CREATE TABLE order_sequences (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );`;

export const JOB_TABLES = `
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    dedupe_key TEXT UNIQUE,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    run_at TEXT NOT NULL,
    locked_by TEXT,
    locked_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX jobs_due ON jobs (status, run_at);`;

/** Migration 13: when a register of each store was last seen (push, pull, live stream). */
export const STORE_PRESENCE_TABLE = `
  CREATE TABLE store_presence (
    store_id TEXT PRIMARY KEY,
    last_seen_at TEXT NOT NULL
  );`;

/** Migration 14: one API key per carrier for its tracking webhook (only the key's sha-256 is kept). */
export const CARRIER_KEYS_TABLE = `
  CREATE TABLE carrier_keys (
    id TEXT PRIMARY KEY,
    carrier TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX carrier_keys_carrier ON carrier_keys (carrier);`;
