// Runtime validation of documents arriving at the server (push rows, seed files, imports). A bad
// document becomes a DomainError naming the collection and the first offending field.
import type { z } from 'zod';
import { DomainError } from '../errors';
import { type CollectionName, type DocumentOf, collections, isCollectionName } from './collections';

export const SchemaError = {
  UNKNOWN_COLLECTION: 'SCHEMA_UNKNOWN_COLLECTION',
  INVALID_DOCUMENT: 'SCHEMA_INVALID_DOCUMENT',
} as const;

export interface FieldIssue {
  /** Dotted path such as `lines.0.quantity`; '' for the document itself. */
  path: string;
  message: string;
}

/** Keys RxDB adds to a stored or replicated document; they are not part of the collection schema. */
const RXDB_META_KEYS = ['_deleted', '_rev', '_meta', '_attachments'] as const;

export interface ReplicatedDocument<N extends CollectionName> {
  doc: DocumentOf<N>;
  deleted: boolean;
}

function toIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}.` : issue.message,
  }));
}

function assertCollectionName(name: unknown): asserts name is CollectionName {
  if (!isCollectionName(name)) {
    throw new DomainError(
      SchemaError.UNKNOWN_COLLECTION,
      `There is no collection named "${String(name)}". Check the sync URL.`,
      {
        collection: String(name),
      },
    );
  }
}

/** Validates a document of `collection`; returns the typed document or throws a coded error. */
export function parseDocument<N extends CollectionName>(collection: N, value: unknown): DocumentOf<N> {
  assertCollectionName(collection);
  const result = collections[collection].validator.safeParse(value);
  if (result.success) return result.data as DocumentOf<N>;
  const issues = toIssues(result.error);
  const first = issues[0] ?? { path: '', message: 'Invalid document.' };
  const where = first.path === '' ? '' : ` at "${first.path}"`;
  throw new DomainError(
    SchemaError.INVALID_DOCUMENT,
    `This ${collection} document was refused${where}: ${first.message}`,
    { collection, issues },
  );
}

/**
 * Validates a document as RxDB replicates it: the schema fields plus `_deleted` (and possibly
 * other underscore meta keys, which are dropped). The returned document is a fresh object, so a
 * `__proto__` key in the input can never reach a prototype.
 */
export function parseReplicatedDocument<N extends CollectionName>(
  collection: N,
  value: unknown,
): ReplicatedDocument<N> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DomainError(SchemaError.INVALID_DOCUMENT, `A ${String(collection)} document must be a JSON object.`, {
      collection: String(collection),
      issues: [{ path: '', message: 'Expected an object.' }],
    });
  }
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if ((RXDB_META_KEYS as readonly string[]).includes(key)) continue;
    Object.defineProperty(fields, key, {
      value: (value as Record<string, unknown>)[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const deleted = (value as Record<string, unknown>)['_deleted'];
  if (deleted !== undefined && typeof deleted !== 'boolean') {
    throw new DomainError(
      SchemaError.INVALID_DOCUMENT,
      `This ${String(collection)} document was refused at "_deleted": it must be true or false.`,
      {
        collection: String(collection),
        issues: [{ path: '_deleted', message: 'Must be a boolean.' }],
      },
    );
  }
  return { doc: parseDocument(collection, fields), deleted: deleted === true };
}
