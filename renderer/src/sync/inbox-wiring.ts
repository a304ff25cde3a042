// Connects the sync inbox to the register's database and server: pushes go to the push endpoint,
// corrections are written into the local collection, and a void is written as an order event
// (type note) when the document belongs to a sale, so HQ sees why a sale never arrived.
import type { RxCollection } from 'rxdb';
import { uuidv7 } from '../../../shared/ids';
import type { PushResponse } from '../../../shared/protocol/replication';
import { SYNC_PATHS } from '../../../shared/protocol/paths';
import type { SyncHttp } from './sync-http';
import { SyncInbox, type InboxEntry } from './sync-inbox';
import type { LocalStore } from './waiting-ledger';

type Doc = Record<string, unknown>;

/** What RxDB adds to a stored or pushed document and a write must not carry. */
function plain(document: Doc): Doc {
  const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...rest } = document;
  return rest;
}

function orderIdOf(entry: InboxEntry): string | undefined {
  if (entry.collection === 'orders') return entry.id;
  const ref = entry.document.orderId;
  return typeof ref === 'string' ? ref : undefined;
}

export function openInbox(options: {
  store: LocalStore;
  http: Pick<SyncHttp, 'json'>;
  collections: { readonly [name: string]: RxCollection };
}): Promise<SyncInbox> {
  const { collections } = options;
  return SyncInbox.open({
    store: options.store,
    push: (collection, rows) => options.http.json<PushResponse>('POST', SYNC_PATHS.push(collection), rows),
    writeLocal: async (collection, document) => {
      const target = collections[collection];
      if (!target) throw new Error(`The ${collection} collection is not open on this register.`);
      await target.incrementalUpsert(plain(document));
    },
    audit: async (entry, reason, staffId) => {
      const orderId = orderIdOf(entry);
      const storeId = entry.document.storeId;
      // Documents of no sale (a customer, a till shift) keep the void in the entry's own history.
      if (!orderId || typeof storeId !== 'string' || !collections.order_events) return;
      const at = new Date().toISOString();
      await collections.order_events.insert({
        id: uuidv7(),
        orderId,
        storeId,
        type: 'note',
        actor: { kind: 'staff', staffId },
        payload: {
          text: `Voided in the sync inbox (${entry.collection} ${entry.id}, ${entry.code}: ${entry.message.slice(0, 300)}). Reason: ${reason}`.slice(
            0,
            2000,
          ),
        },
        createdAt: at,
        updatedAt: at,
      });
    },
  });
}
