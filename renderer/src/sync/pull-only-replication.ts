// Replication of a collection the register never writes (only the server writes it,
// shared/schemas/ownership.ts; start-sync.ts picks which: products today). RxDB's replication
// keeps an assumed-master copy of every pulled document in its meta storage and reads every
// document several times per batch (4 IndexedDB gets and 2 puts per product); on a first run of
// 100,000 products in Chromium that was nearly all of the ~60 s. With nothing to push there is no
// conflict to detect (the server's state is the only state), so this loop downloads pages by
// checkpoint (handing each to an optional ArrivingDocuments reader, so the catalog can scan and
// search as soon as the data has arrived; with one, the write starts once the download is done),
// and writes them up to 5,000 documents (whole pages) at a time with one bulkInsert (1 get + 1 put per new document); it
// updates the documents that changed, removes the deleted ones, and only then stores the checkpoint
// of the pages written. A crash before a write's checkpoint pulls those pages again; documents equal
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
import type { ArrivingDocuments } from './arriving-documents';

type Data = Record<string, unknown>;

/** What start-sync needs of a collection's replication, whichever kind it is. */
export interface CollectionSync {
  readonly name: string;
  readonly stream$: Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>;
  /** Resolves once a pull has reached the server's latest state and nothing is in flight. */
  awaitInSync(): Promise<void>;
  /**
   * Resolves once the server's latest state can be read locally: for a pull-only collection with
   * an `arriving` reader, when its pages have arrived (they may still be being written); otherwise
   * as awaitInSync.
   */
  awaitArrived(): Promise<void>;
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
  /** Receives every page as it arrives, before it is stored (the catalog reads through it). */
  arriving?: ArrivingDocuments;
}

/** Documents per IndexedDB write: 5,000 measured 4 s faster than 1,000 on 100,000 products; 20,000 no better. */
const WRITE_CHUNK = 5000;
/**
 * With a reader of arriving pages the register is already selling while the write runs, so the
 * write goes in smaller pieces and waits for the main thread to be idle between them: a 5,000-
 * document bulkInsert held the main thread long enough to make sign-in take seconds (bench).
 */
const BACKGROUND_CHUNK = 1000;
const IDLE_TIMEOUT_MS = 500;

/** Resolves when the main thread is idle (at most IDLE_TIMEOUT_MS), or on the next task in Node. */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(resolve, 0);
  });
}

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
  let arrived = false;
  let arrivedWaiters: (() => void)[] = [];
  const primary = collection.schema.primaryPath as string;

  const fetchPage = (seq: number): Promise<PullResponse> =>
    http.json<PullResponse>('GET', `${SYNC_PATHS.pull(name)}?seq=${seq}&limit=${pageSize}`);

  const markArrived = () => {
    arrived = true;
    const done = arrivedWaiters;
    arrivedWaiters = [];
    for (const resolve of done) resolve();
  };

  /**
   * Downloads every page up to the server's latest state (handing each to `arriving` before it
   * is stored) while the writer below stores them, whole pages at a time, up to `writeChunk`
   * documents per IndexedDB write, each write followed by its checkpoint: behind the download
   * without `arriving`, after it with one. Either side failing ends both; the next attempt starts
   * from the stored checkpoint.
   */
  const pullToLatest = async (): Promise<void> => {
    let seq = await checkpoints.get(key);
    const pages: { documents: Data[]; seq: number }[] = [];
    let queued = 0;
    let fetchedAll = false;
    let fetcherDone = false;
    let failure: { error: unknown } | undefined;
    let stop = false;
    let notify: (() => void) | undefined;
    const wakeWriter = () => notify?.();

    const fetcher = (async () => {
      let fetched = seq;
      for (;;) {
        const page = await fetchPage(fetched);
        if (cancelled || stop) return;
        if (
          !Array.isArray(page.documents) ||
          !Number.isInteger(page.checkpoint?.seq) ||
          page.checkpoint.seq < fetched
        ) {
          throw new DomainError(
            SyncClientError.BAD_RESPONSE,
            `The sync server sent a malformed page of ${name}. Update the register or the server, then try again.`,
          );
        }
        fetched = page.checkpoint.seq;
        const documents = page.documents as Data[];
        options.arriving?.arrive(documents, primary);
        pages.push({ documents, seq: fetched });
        queued += documents.length;
        wakeWriter();
        if (documents.length < pageSize) break;
      }
      fetchedAll = true;
      if (options.arriving) {
        options.arriving.caughtUp();
        markArrived();
      }
    })()
      .catch((error: unknown) => {
        failure = { error };
      })
      .finally(() => {
        fetcherDone = true;
        wakeWriter();
      });

    try {
      for (;;) {
        if (failure) throw failure.error;
        if (cancelled) return;
        if (queued === 0 && fetchedAll) break;
        // With a reader of arriving pages the write waits for the download to finish: the
        // register can sell from the arrived pages, and the write would slow the download down
        // (both need the main thread). Without one, writing overlaps the download.
        if (!fetchedAll && (options.arriving || queued < writeChunk)) {
          if (fetcherDone) return; // stopped without an error: cancelled
          await new Promise<void>((resolve) => (notify = resolve));
          notify = undefined;
          continue;
        }
        // Whole pages up to a chunk of documents: one IndexedDB transaction per chunk, not per page.
        const chunk = options.arriving ? Math.min(writeChunk, BACKGROUND_CHUNK) : writeChunk;
        let batch: Data[] = [];
        let upTo = seq;
        while (pages.length > 0 && (batch.length === 0 || batch.length + pages[0]!.documents.length <= chunk)) {
          const page = pages.shift()!;
          batch = batch.concat(page.documents);
          upTo = page.seq;
        }
        queued -= batch.length;
        await applyPage(collection, batch);
        if (upTo > seq) {
          seq = upTo;
          await checkpoints.set(key, seq);
        }
        status.succeeded();
        if (options.arriving && pages.length > 0) await whenIdle();
      }
    } finally {
      stop = true;
      await fetcher;
    }
    // Everything pulled in this run is now stored: readers go back to the stored copies.
    options.arriving?.stored();
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
    markArrived();
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
    awaitArrived: () =>
      arrived || (inSync && !running)
        ? Promise.resolve()
        : new Promise<void>((resolve) => arrivedWaiters.push(resolve)),
    reSync: trigger,
    async cancel() {
      cancelled = true;
      subscription.unsubscribe();
      wake?.();
      await running;
      const done = [...waiters, ...arrivedWaiters];
      waiters = [];
      arrivedWaiters = [];
      for (const resolve of done) resolve();
    },
  };
}
