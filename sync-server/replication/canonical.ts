// Key-order independent JSON: the same document pushed with its keys in another order is the
// same document. Hashes of canonical JSON make idempotency and conflict checks one comparison.
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  // Plain loops and string concatenation: this runs for every pushed document (twice for an
  // update), so it is on the hot path of push throughput.
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined ? 'null' : canonicalJson(item);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

export function hashDocument(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url');
}

/** sha-256 of JSON text as it is (the fast path: a retry from the same client has the same bytes). */
export function hashJson(json: string): string {
  return createHash('sha256').update(json).digest('base64url');
}

/**
 * Stored documents carry the hash of their JSON text as stored. Two states are the same document
 * when those hashes match, or else when their canonical forms match (same content, other key
 * order), which costs more and is only needed when the fast check fails.
 */
export function sameDocument(a: { hash: string; data: unknown }, b: { hash: string; data: unknown }): boolean {
  return a.hash === b.hash || canonicalJson(a.data) === canonicalJson(b.data);
}

/**
 * The replicated state of a document: its fields plus `_deleted`, without RxDB's local-only
 * bookkeeping (`_rev`, `_meta`, `_attachments`), which a client may or may not send.
 */
export function replicatedState(doc: Record<string, unknown>): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key === '_rev' || key === '_meta' || key === '_attachments') continue;
    state[key] = value;
  }
  state._deleted = doc._deleted === true;
  return state;
}
