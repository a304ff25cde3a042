// Server totals for the first-run progress bar: how many live documents of each collection the
// register will hold (GET /sync/totals), and the percent done from the local counts.
import { DomainError } from '../../../shared/errors';
import { SYNC_PATHS } from '../../../shared/protocol/paths';
import { SyncClientError, type SyncHttp } from './sync-http';

export interface SyncTotals {
  /** Live documents per collection in this register's scope. */
  collections: Record<string, number>;
  /** The server's latest seq when it counted. */
  seq: number;
}

export interface InitialSyncProgress {
  collections: { collection: string; done: number; total: number }[];
  /** 0–100, whole documents of every collection together; never 100 before every count is reached. */
  percent: number;
}

export async function fetchSyncTotals(http: SyncHttp): Promise<SyncTotals> {
  const body = await http.json<unknown>('GET', SYNC_PATHS.totals);
  const { collections, seq } = (body ?? {}) as { collections?: unknown; seq?: unknown };
  const valid =
    typeof collections === 'object' &&
    collections !== null &&
    !Array.isArray(collections) &&
    Object.values(collections).every((n) => Number.isInteger(n) && (n as number) >= 0) &&
    Number.isInteger(seq) &&
    (seq as number) >= 0;
  if (!valid)
    throw new DomainError(
      SyncClientError.BAD_RESPONSE,
      'The sync server sent totals the register does not understand. Update the register or the server, then try again.',
    );
  return { collections: collections as Record<string, number>, seq: seq as number };
}

/**
 * Progress of a first run: local counts against the server's totals. A local count can pass its
 * total (documents added on the server since it counted); the total then follows the count.
 */
export function initialSyncProgress(totals: SyncTotals, localCounts: Record<string, number>): InitialSyncProgress {
  const collections = Object.entries(localCounts).map(([collection, done]) => ({
    collection,
    done,
    total: Math.max(totals.collections[collection] ?? 0, done),
  }));
  const done = collections.reduce((sum, c) => sum + c.done, 0);
  const total = collections.reduce((sum, c) => sum + c.total, 0);
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  return { collections, percent };
}
