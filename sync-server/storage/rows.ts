// Row <-> StoredDocument mapping shared by both backends.
import type { StoredDocument } from './storage';

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
