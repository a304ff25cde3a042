// When each store was last seen: any request of one of its registers (push, pull, the live
// stream's open and its pings) marks the store seen. Routing skips a store not seen for longer
// than ROUTING_OFFLINE_MINUTES, so a web order does not wait for a store whose registers are all
// down. Kept in the database (store_presence) because with several server instances a register
// talks to any one of them; writes are throttled per store, so a busy register costs one small
// UPSERT per WRITE_EVERY_MS, not one per request.
import type { Storage, WriteTx } from '../storage/storage';

/** A store is written again only when its stored time is this much older than now. */
export const WRITE_EVERY_MS = 30_000;

export class StorePresence {
  private readonly written = new Map<string, number>();

  constructor(
    private readonly storage: Storage,
    private readonly log: (message: string, error: unknown) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Marks the store seen now; never throws and never waits (the request it rides on goes on). */
  seen(storeId: string): void {
    const now = this.clock();
    const last = this.written.get(storeId);
    if (last !== undefined && now - last < WRITE_EVERY_MS) return;
    this.written.set(storeId, now);
    const at = new Date(now).toISOString();
    void this.storage
      .query(
        `INSERT INTO store_presence (store_id, last_seen_at) VALUES (?, ?)
         ON CONFLICT (store_id) DO UPDATE SET last_seen_at = excluded.last_seen_at
         WHERE store_presence.last_seen_at < excluded.last_seen_at`,
        [storeId, at],
      )
      .catch((error: unknown) => {
        this.written.delete(storeId);
        this.log(`could not record that store ${storeId} was seen`, error);
      });
  }
}

/**
 * Store ids last seen before `now − offlineMs`. A store with no row has never had a register
 * connect (a chain still being set up, or a test): it is not counted offline, so orders can be
 * placed before the first register enrols; the acceptance timeout re-routes work nobody takes.
 * `offlineMs` 0 turns the check off.
 */
export async function offlineStores(
  tx: Pick<WriteTx, 'query'>,
  now: string,
  offlineMs: number,
): Promise<ReadonlySet<string>> {
  if (offlineMs <= 0) return new Set();
  const cutoff = new Date(Date.parse(now) - offlineMs).toISOString();
  const rows = await tx.query<{ store_id: string }>('SELECT store_id FROM store_presence WHERE last_seen_at < ?', [
    cutoff,
  ]);
  return new Set(rows.map((r) => r.store_id));
}
