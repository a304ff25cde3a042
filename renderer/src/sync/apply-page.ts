// Writes one pulled page of a server-owned collection into the local collection: new documents
// in one bulkInsert, changed ones upserted, equal ones left alone (a page pulled again after an
// interruption costs reads, not writes), deleted ones removed.
import type { RxCollection } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';
import { DomainError } from '../../../shared/errors';
import { SyncClientError } from './sync-http';

type Data = Record<string, unknown>;

/** The document as the server sent it, without RxDB's bookkeeping fields. */
function withoutInternals(doc: Data): Data {
  const out: Data = {};
  for (const [field, value] of Object.entries(doc)) if (!field.startsWith('_')) out[field] = value;
  return out;
}

export async function applyPage(collection: RxCollection, documents: readonly Data[]): Promise<void> {
  const primary = collection.schema.primaryPath as string;
  const live = new Map<string, Data>();
  const gone: string[] = [];
  for (const doc of documents) {
    const id = doc[primary];
    if (typeof id !== 'string' || id === '') {
      throw new DomainError(
        SyncClientError.BAD_RESPONSE,
        `The sync server sent a ${collection.name} document without "${primary}". Update the register or the server, then try again.`,
      );
    }
    // One row per document on the server; a later row of the same id would be the newer state.
    live.delete(id);
    if (doc._deleted === true) gone.push(id);
    else live.set(id, withoutInternals(doc));
  }
  if (live.size > 0) {
    const result = await collection.bulkInsert([...live.values()]);
    const changed: Data[] = [];
    for (const error of result.error) {
      const incoming = live.get(error.documentId);
      if (error.status !== 409 || !error.documentInDb || !incoming) {
        throw new DomainError(
          SyncClientError.BAD_RESPONSE,
          `A ${collection.name} document from the sync server (${error.documentId}) could not be stored locally (${error.status}). Update the register, then sync again.`,
        );
      }
      if (error.documentInDb._deleted || !deepEqual(withoutInternals(error.documentInDb as Data), incoming))
        changed.push(incoming);
    }
    if (changed.length > 0) {
      const upserted = await collection.bulkUpsert(changed);
      if (upserted.error.length > 0) {
        throw new DomainError(
          SyncClientError.BAD_RESPONSE,
          `${upserted.error.length} ${collection.name} document(s) from the sync server could not be updated locally. Update the register, then sync again.`,
        );
      }
    }
  }
  if (gone.length > 0) {
    const present = await collection.findByIds(gone).exec();
    if (present.size > 0) await collection.bulkRemove([...present.keys()]);
  }
}
