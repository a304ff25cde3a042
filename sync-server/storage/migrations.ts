// Versioned schema migrations, applied in order on start and recorded in schema_migrations.
// Append new steps; never edit a step that has shipped.

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

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
  {
    version: 4,
    name: 'security-alerts',
    // Refused writes that look like an attack (a register tombstoning a sale, minting balance),
    // for HQ to list. Plain TEXT and an integer key: the same SQL on both engines.
    sqlite: SECURITY_ALERTS.replace('BIGSERIAL', 'INTEGER'),
    postgres: SECURITY_ALERTS,
  },
];
