// Replication of a collection the register never writes (only the server writes it,
// shared/schemas/ownership.ts; start-sync.ts picks which: products today). RxDB's replication
// keeps an assumed-master copy of every pulled document in its meta storage and reads every
// document several times per batch (4 IndexedDB gets and 2 puts per product); on a first run of
// 100,000 products in Chromium that was nearly all of the ~60 s. With nothing to push there is no
// conflict to detect (the server's state is the only state), so this loop pulls pages by
// checkpoint and writes up to 5,000 documents (whole pages) with one bulkInsert (1 get + 1 put per
// new document), updates the documents that changed, removes the deleted ones, and only then
// stores the checkpoint of the pages written. A crash between the write and the checkpoint pulls that page again; documents equal
// to the local copy are skipped, so a resumed first run does not rewrite what it already has.
// Live pokes and resyncs (stream$) run the loop again from the stored checkpoint, and pages are
// strictly ordered by the server's seq, so a document written on the server during the first run
// has a seq above the checkpoint it was missed at and arrives in a later page.
import { Subject } from 'rxjs';
import type { RxCollection, RxReplicationPullStreamItem } from 'rxdb';
import { DomainError } from '../../../shared/errors';
import { PULL_MAX_LIMIT, type Checkpoint, type PullResponse } from '../../../shared/protocol/replication';
import { SYNC_PATHS } from '../../../shared/protocol/paths';
import { SyncClientError, type SyncHttp } from './sync-http';
import type { SyncStatusStore } from './sync-status';
import { nextDelay } from './backoff';
import type { CheckpointStore } from './checkpoint-store';
import { applyPage } from './apply-page';

/** What start-sync needs of a collection's replication, whichever kind it is. */
export interface CollectionSync {
  readonly name: string;
  readonly stream$: Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>;
  /** Resolves once a pull has reached the server's latest state and nothing is in flight. */
  awaitInSync(): Promise<void>;
  reSync(): void;
  cancel(): Promise<void>;
}

export interface PullOnlyOptions {
  collection: RxCollection;
  http: SyncHttp;
  status: SyncStatusStore;
  checkpoints: CheckpointStore;
  /** Distinguishes checkpoints of the same database against different servers. */
  identifier: string;
  /** Documents per pull request; the server's maximum by default. */
  pageSize?: number;
  /** Documents per local write (whole pages are gathered up to this many). */
  writeChunk?: number;
}

/** Documents per IndexedDB write: 5,000 measured 4 s faster than 1,000 on 100,000 products; 20,000 no better. */
const WRITE_CHUNK = 5000;

export function replicatePullOnly(options: PullOnlyOptions): CollectionSync {
  const { collection, http, status, checkpoints } = options;
  const name = collection.name;
  const key = `pos-sync:${options.identifier}:${name}`;
  const pageSize = Math.min(options.pageSize ?? PULL_MAX_LIMIT, PULL_MAX_LIMIT);
  const writeChunk = Math.max(options.writeChunk ?? WRITE_CHUNK, pageSize);
  const stream$ = new Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>();
  let wanted = true;
  let cancelled = false;
  let inSync = false;
  let running: Promise<void> | undefined;
  let failures = 0;
  let wake: (() => void) | undefined;
  let waiters: (() => void)[] = [];

  const fetchPage = (seq: number): Promise<PullResponse> => {
    const request = http.json<PullResponse>('GET', `${SYNC_PATHS.pull(name)}?seq=${seq}&limit=${pageSize}`);
    // A prefetched page may be abandoned (cancel, or the write before it failed): not unhandled.
    request.catch(() => undefined);
    return request;
  };

  const pullToLatest = async (): Promise<void> => {
    let seq = await checkpoints.get(key);
    let fetched = seq;
    let next = fetchPage(seq);
    let buffer: Record<string, unknown>[] = [];
    for (;;) {
      const page = await next;
      if (cancelled) return;
      if (!Array.isArray(page.documents) || !Number.isInteger(page.checkpoint?.seq) || page.checkpoint.seq < fetched) {
        throw new DomainError(
          SyncClientError.BAD_RESPONSE,
          `The sync server sent a malformed page of ${name}. Update the register or the server, then try again.`,
        );
      }
      const more = page.documents.length >= pageSize;
      fetched = page.checkpoint.seq;
      // The next page downloads while this one is written (pages follow the seq order either way).
      if (more) next = fetchPage(fetched);
      buffer = buffer.concat(page.documents as Record<string, unknown>[]);
      // Pages are written in chunks: one IndexedDB transaction per chunk, not per page.
      if (more && buffer.length < writeChunk) continue;
      await applyPage(collection, buffer);
      buffer = [];
      if (fetched > seq) {
        seq = fetched;
        await checkpoints.set(key, seq);
      }
      status.succeeded();
      if (!more) return;
    }
  };

  const pause = (ms: number) =>
    new Promise<void>((done) => {
      const timer = setTimeout(() => {
        wake = undefined;
        done();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        done();
      };
    });

  const loop = async (): Promise<void> => {
    while (wanted && !cancelled) {
      wanted = false;
      try {
        await pullToLatest();
        failures = 0;
      } catch (error) {
        if (cancelled) break;
        failures++;
        status.failedWith(error);
        wanted = true;
        await pause(nextDelay(failures));
      }
    }
    running = undefined;
    if (cancelled) return;
    inSync = true;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const trigger = () => {
    if (cancelled) return;
    wanted = true;
    inSync = false;
    running ??= loop();
  };

  const subscription = stream$.subscribe(() => trigger());
  trigger();

  return {
    name,
    stream$,
    awaitInSync: () => (inSync && !running ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    reSync: trigger,
    async cancel() {
      cancelled = true;
      subscription.unsubscribe();
      wake?.();
      await running;
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve();
    },
  };
}
