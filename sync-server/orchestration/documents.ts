// Documents the server writes as orchestration: validated against the collection's schema (a
// bug here must fail loudly, not replicate a bad document to registers), scoped by the
// collection's policy like a pushed document.
import { parseDocument } from '../../shared/schemas/validate';
import type { CollectionName } from '../../shared/schemas/collections';
import { hashJson } from '../replication/canonical';
import type { PolicyMap } from '../replication/policy';
import type { DocumentWrite, StoredDocument, WriteTx } from '../storage/storage';

export const SERVER_ACTOR = { kind: 'server' as const, deviceId: 'orchestration' };

export function serverWrite(
  policies: PolicyMap,
  collection: CollectionName,
  input: Record<string, unknown>,
  previous?: StoredDocument,
): DocumentWrite {
  // A document read back from storage carries `_deleted`; the schema does not.
  const { _deleted: _flag, ...data } = input;
  parseDocument(collection, data);
  const policy = policies.get(collection);
  const state = { ...data, _deleted: false };
  const json = JSON.stringify(state);
  const scope = policy?.pullScopeOf(state) ?? null;
  const previousScope = previous && previous.scope !== scope ? previous.scope : (previous?.previousScope ?? null);
  return {
    collection,
    id: String(data.id),
    scope,
    previousScope,
    lookup: policy?.lookupKeyOf(state) ?? null,
    data: state,
    json,
    hash: hashJson(json),
    deleted: false,
  };
}

/** Reads documents of one collection whose JSON field equals a value (small result sets only). */
export async function documentsWhere(
  tx: Pick<WriteTx, 'query' | 'getDocuments'>,
  collection: string,
  field: string,
  value: string,
): Promise<StoredDocument[]> {
  const rows = await tx.query<{ id: string }>(
    {
      sqlite: `SELECT id FROM documents WHERE collection = ? AND json_extract(data, '$.${field}') = ? AND deleted = 0`,
      postgres: `SELECT id FROM documents WHERE collection = ? AND (data::jsonb ->> '${field}') = ? AND NOT deleted`,
    },
    [collection, value],
  );
  if (rows.length === 0) return [];
  return [
    ...(
      await tx.getDocuments(
        collection,
        rows.map((r) => r.id),
      )
    ).values(),
  ];
}
