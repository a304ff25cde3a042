// Versioned schema migrations, applied in order on start and recorded in schema_migrations.
// Append new steps; never edit a step that has shipped.
import { hqMigrations } from '../hq/schema-sql';
import { CARRIER_KEYS_TABLE, JOB_TABLES, ORCHESTRATION_TABLES, STORE_PRESENCE_TABLE } from '../orchestration/sql';
import { RECEIPT_EMAILS_TABLE } from '../jobs/receipt-email-sql';

import type { Migration } from './migration';

export type { Migration } from './migration';

const DEVICES_AND_ENROLLMENT = `
      CREATE TABLE enrollment_codes (
        code_hash TEXT PRIMARY KEY,
        store_id TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        store_id TEXT NOT NULL,
        role TEXT NOT NULL,
        name TEXT NOT NULL,
        credential_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`;

const REGISTER_NAMES = `
      ALTER TABLE devices ADD COLUMN register_no INTEGER;
      ALTER TABLE devices ADD COLUMN register_name TEXT;
      CREATE UNIQUE INDEX devices_register_no ON devices (store_id, register_no);`;
const SECURITY_ALERTS = `
      CREATE TABLE security_alerts (
        id BIGSERIAL PRIMARY KEY,
        at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        store_id TEXT,
        collection TEXT NOT NULL,
        document_id TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL
      );`;

const GIFT_CARD_UNBLOCKS = `
      CREATE TABLE gift_card_unblocks (
        id BIGSERIAL PRIMARY KEY,
        device_id TEXT NOT NULL,
        at TEXT NOT NULL,
        by_user TEXT NOT NULL,
        after_alert_id BIGINT NOT NULL
      );
      CREATE INDEX gift_card_unblocks_device ON gift_card_unblocks (device_id, after_alert_id);`;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'documents',
    sqlite: `
      CREATE TABLE documents (
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        seq INTEGER NOT NULL UNIQUE,
        scope TEXT,
        prev_scope TEXT,
        data TEXT NOT NULL,
        hash TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (collection, id)
      );
      CREATE INDEX documents_pull ON documents (collection, seq);`,
    // data is text, not jsonb: jsonb rejects \u0000 in strings and the stored bytes must be
    // exactly what the hash covers.
    postgres: `
      CREATE SEQUENCE document_seq;
      CREATE TABLE documents (
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        seq BIGINT NOT NULL UNIQUE,
        scope TEXT,
        prev_scope TEXT,
        data TEXT NOT NULL,
        hash TEXT NOT NULL,
        deleted BOOLEAN NOT NULL DEFAULT FALSE,
        PRIMARY KEY (collection, id)
      );
      CREATE INDEX documents_pull ON documents (collection, seq);`,
  },
  {
    version: 2,
    name: 'devices-and-enrollment',
    // Plain TEXT tables: the same SQL on both engines.
    sqlite: DEVICES_AND_ENROLLMENT,
    postgres: DEVICES_AND_ENROLLMENT,
  },
  {
    version: 3,
    name: 'lookup-key',
    // An indexed natural key per document (order number; a return's original order) for the
    // cross-store lookups that returns need; filled by the push layer, not parsed out of JSON.
    sqlite: `
      ALTER TABLE documents ADD COLUMN lookup TEXT;
      CREATE INDEX documents_lookup ON documents (collection, lookup) WHERE lookup IS NOT NULL;`,
    postgres: `
      ALTER TABLE documents ADD COLUMN lookup TEXT;
      CREATE INDEX documents_lookup ON documents (collection, lookup) WHERE lookup IS NOT NULL;`,
  },
  // HQ console (versions 20–29).
  ...hqMigrations,
  {
    version: 70,
    name: 'register-names',
    // The human register name (S001-R01) HQ gives a device at enrollment: its number counts up per
    // store (the unique index turns two enrollments racing for one number into a retry).
    sqlite: REGISTER_NAMES,
    postgres: REGISTER_NAMES,
  },
  {
    version: 30,
    name: 'inventory-own-store-levels',
    // Registers now pull only their own store's inventory levels, and a SKU's ledger is read by its
    // `${storeId}:${sku}` lookup key. Rows written before this carry scope NULL (every register
    // pulled them) and no lookup key: give them the ones the push layer now writes.
    sqlite: `
      UPDATE documents SET scope = json_extract(data, '$.storeId')
        WHERE collection = 'inventory_levels' AND scope IS NULL AND json_extract(data, '$.storeId') IS NOT NULL;
      UPDATE documents SET lookup = json_extract(data, '$.storeId') || ':' || json_extract(data, '$.sku')
        WHERE collection = 'inventory_movements' AND lookup IS NULL AND json_extract(data, '$.storeId') IS NOT NULL;`,
    postgres: `
      UPDATE documents SET scope = data::json->>'storeId'
        WHERE collection = 'inventory_levels' AND scope IS NULL AND data::json->>'storeId' IS NOT NULL;
      UPDATE documents SET lookup = (data::json->>'storeId') || ':' || (data::json->>'sku')
        WHERE collection = 'inventory_movements' AND lookup IS NULL AND data::json->>'storeId' IS NOT NULL;`,
  },
  // 10–19: order orchestration (sync-server/orchestration, sync-server/jobs).
  { version: 10, name: 'orchestration', sqlite: ORCHESTRATION_TABLES, postgres: ORCHESTRATION_TABLES },
  { version: 11, name: 'jobs-outbox', sqlite: JOB_TABLES, postgres: JOB_TABLES },
  { version: 13, name: 'store-presence', sqlite: STORE_PRESENCE_TABLE, postgres: STORE_PRESENCE_TABLE },
  { version: 14, name: 'carrier-keys', sqlite: CARRIER_KEYS_TABLE, postgres: CARRIER_KEYS_TABLE },
  {
    version: 15,
    name: 'balance-ledger-scope',
    // Gift card ledgers were stored under the chain-wide scope (every register was poked and moved
    // its config checkpoint on each spend); store credit ledgers went to every register. Now a
    // gift card is server-only and a store credit ledger belongs to its customer's home store
    // (shared/schemas/config registerScopeOf); rows written before get those scopes here.
    sqlite: `
      UPDATE documents SET scope = 'server'
        WHERE collection = 'config' AND json_extract(data, '$.kind') = 'gift_card';
      UPDATE documents SET scope = COALESCE(
          (SELECT json_extract(c.data, '$.homeStoreId') FROM documents c
            WHERE c.collection = 'customers' AND c.id = documents.id),
          'server')
        WHERE collection = 'config' AND json_extract(data, '$.kind') = 'store_credit';`,
    postgres: `
      UPDATE documents SET scope = 'server'
        WHERE collection = 'config' AND data::json->>'kind' = 'gift_card';
      UPDATE documents d SET scope = COALESCE(
          (SELECT c.data::json->>'homeStoreId' FROM documents c WHERE c.collection = 'customers' AND c.id = d.id),
          'server')
        WHERE d.collection = 'config' AND d.data::json->>'kind' = 'store_credit';`,
  },
  {
    version: 16,
    name: 'gift-card-unblocks',
    // HQ unblocking a register blocked for gift card probing: who, when, and the newest security
    // alert id then (only later unknown-card alerts count; sync-server/gift-cards/device-unblock.ts).
    sqlite: GIFT_CARD_UNBLOCKS.replace('BIGSERIAL', 'INTEGER'),
    postgres: GIFT_CARD_UNBLOCKS,
  },
  // Receipt e-mails a register asked for and what became of each (sync-server/jobs/receipt-email.ts).
  { version: 53, name: 'receipt-emails', sqlite: RECEIPT_EMAILS_TABLE, postgres: RECEIPT_EMAILS_TABLE },
  {
    version: 5,
    name: 'policy-lookup',
    // The push path finds a store's return policy by lookup key (policy:<store code|default>) to
    // check refund limits; policies written before carry none.
    sqlite: `
      UPDATE documents SET lookup = 'policy:' || json_extract(data, '$.key')
        WHERE collection = 'config' AND lookup IS NULL AND json_extract(data, '$.kind') = 'policy';`,
    postgres: `
      UPDATE documents SET lookup = 'policy:' || (data::json->>'key')
        WHERE collection = 'config' AND lookup IS NULL AND data::json->>'kind' = 'policy';`,
  },
  {
    version: 4,
    name: 'security-alerts',
    // Refused writes that look like an attack (a register tombstoning a sale, minting balance),
    // for HQ to list. Plain TEXT and an integer key: the same SQL on both engines.
    sqlite: SECURITY_ALERTS.replace('BIGSERIAL', 'INTEGER'),
    postgres: SECURITY_ALERTS,
  },
];
