// Enrollment names a store by its code (S001) or its id; devices are scoped by the id, which
// is what every store document carries in `storeId`.
import { DomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import type { Storage } from '../storage/storage';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function resolveStoreId(storage: Storage, storeRef: unknown): Promise<string> {
  if (typeof storeRef !== 'string' || storeRef.length === 0 || storeRef.length > 64) {
    throw new DomainError(SyncError.BAD_REQUEST, 'Give the store code (e.g. S001) or the store id.', {
      field: 'storeId',
    });
  }
  if (UUID.test(storeRef)) return storeRef;
  let afterSeq = 0;
  for (;;) {
    const page = await storage.pull({ collection: 'config', afterSeq, limit: 1000, storeId: null });
    for (const doc of page) {
      if (doc.data.kind === 'store' && doc.data.key === storeRef && !doc.deleted && typeof doc.data.id === 'string')
        return doc.data.id;
    }
    if (page.length < 1000) break;
    afterSeq = page[page.length - 1]?.seq ?? afterSeq;
  }
  throw new DomainError(
    SyncError.NOT_FOUND,
    `There is no store with code ${storeRef}: create the store in the configuration (or seed the demo) first.`,
    {
      field: 'storeId',
    },
  );
}
