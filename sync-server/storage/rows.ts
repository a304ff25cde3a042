// Row <-> StoredDocument mapping shared by both backends.
import type { DeviceRow, SecurityAlert, StoredDocument } from './storage';

export interface DocumentRow {
  collection: string;
  id: string;
  seq: number | string;
  scope: string | null;
  prev_scope: string | null;
  lookup: string | null;
  data: string;
  hash: string;
  deleted: number | boolean;
}

export function toStoredDocument(row: DocumentRow): StoredDocument {
  return {
    collection: row.collection,
    id: row.id,
    // pg returns BIGINT as a string; sequences stay far below 2^53.
    seq: Number(row.seq),
    scope: row.scope,
    previousScope: row.prev_scope,
    lookup: row.lookup,
    data: JSON.parse(row.data) as Record<string, unknown>,
    hash: row.hash,
    deleted: row.deleted === true || row.deleted === 1,
  };
}

export interface DeviceDbRow {
  id: string;
  store_id: string;
  role: string;
  name: string;
  credential_hash: string;
  created_at: string;
  revoked_at: string | null;
  register_no?: number | string | null;
  register_name?: string | null;
}

export function toDeviceRow(row: DeviceDbRow): DeviceRow {
  return {
    id: row.id,
    storeId: row.store_id,
    role: row.role,
    name: row.name,
    credentialHash: row.credential_hash,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    registerNo: row.register_no === null || row.register_no === undefined ? null : Number(row.register_no),
    registerName: row.register_name ?? null,
  };
}

// The devices table's columns in insert order, and a row's values in the same order: both
// backends build their INSERT from these, so a new column is added in one place.
export const DEVICE_INSERT_COLUMNS = [
  'id',
  'store_id',
  'role',
  'name',
  'credential_hash',
  'created_at',
  'revoked_at',
  'register_no',
  'register_name',
] as const;

export function deviceInsertValues(row: DeviceRow): Array<string | number | null> {
  return [
    row.id,
    row.storeId,
    row.role,
    row.name,
    row.credentialHash,
    row.createdAt,
    row.revokedAt,
    row.registerNo ?? null,
    row.registerName ?? null,
  ];
}

/** `INSERT INTO devices (...) VALUES (...)` with `placeholder(i)` (0-based) for each value. */
export function deviceInsertSql(placeholder: (index: number) => string): string {
  return `INSERT INTO devices (${DEVICE_INSERT_COLUMNS.join(', ')}) VALUES (${DEVICE_INSERT_COLUMNS.map((_, i) => placeholder(i)).join(', ')})`;
}

export interface AlertDbRow {
  id: number | string;
  at: string;
  device_id: string;
  store_id: string | null;
  collection: string;
  document_id: string;
  code: string;
  message: string;
}

export function toAlert(row: AlertDbRow): SecurityAlert & { id: number } {
  return {
    id: Number(row.id),
    at: row.at,
    deviceId: row.device_id,
    storeId: row.store_id,
    collection: row.collection,
    documentId: row.document_id,
    code: row.code,
    message: row.message,
  };
}
