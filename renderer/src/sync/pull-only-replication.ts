// Replication of a collection the register never writes (only the server writes it,
// shared/schemas/ownership.ts; start-sync.ts picks which: products today). RxDB's replication
// keeps an assumed-master copy of every pulled document in its meta storage and reads every
// document several times per batch (4 IndexedDB gets and 2 puts per product); on a first run of
// 100,000 products in Chromium that was nearly all of the ~60 s. With nothing to push there is no
// conflict to detect (the server's state is the only state), so this loop downloads pages by
// checkpoint, requesting the next page before handing the current one to an optional
// ArrivingDocuments reader (so the catalog can scan and search as soon as the data has arrived,
// and indexes while the server answers). Without a reader it writes up to 5,000 documents (whole
// pages) at a time with one bulkInsert (1 get + 1 put per new document); with one, the write starts
// once the download is done and goes in pieces of 500 (a page split into several), each after the
// clerk has paused typing and the main thread is idle, so scans and sales keep their frame. It
// updates the documents that changed, removes the deleted ones, and only then stores the checkpoint
// of the pages written (of a split page, after its last piece). A crash before a write's checkpoint
// pulls those pages again; documents equal to the local copy are skipped, so a resumed first run
// does not rewrite what it already has.
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
import { nextDelay, type BackoffLimits } from './backoff';
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
  /** With `arriving`: documents per background write (BACKGROUND_CHUNK by default; pages are split). */
  backgroundChunk?: number;
  /** Receives every page as it arrives, before it is stored (the catalog reads through it). */
  arriving?: ArrivingDocuments;
  /**
   * With `arriving`: the write waits for this too (start-sync: until every collection read on
   * arrival has arrived, so the stock levels' write does not slow the catalog's download).
   */
  writeAfter?: () => Promise<void>;
  /** Retry waits after a failed pull; the defaults of backoff.ts unless given. */
  backoff?: BackoffLimits;
}

/** Documents per IndexedDB write: 5,000 measured 4 s faster than 1,000 on 100,000 products; 20,000 no better. */
const WRITE_CHUNK = 5000;
/**
 * With a reader of arriving pages the register is already selling while the write runs, so the
 * write goes in smaller pieces, each after the clerk has paused and the main thread is idle: a
 * 5,000-document bulkInsert held the main thread long enough to make sign-in take seconds, and a
 * piece written during a scan or a sale delays its line and its durable write (bench).
 */
const BACKGROUND_CHUNK = 500;
const IDLE_TIMEOUT_MS = 500;
/** A piece waits until no key or pointer was pressed for this long... */
const QUIET_MS = 400;
/** ...but at most this long, so a register in constant use still stores its catalog. */
const QUIET_MAX_WAIT_MS = 3000;

let lastInput = -Infinity;
let watchingInput = false;

/** Notes the clerk's last key or pointer press (once per page; nothing outside a browser). */
function watchInput(): void {
  if (watchingInput || typeof window === 'undefined' || typeof window.addEventListener !== 'function') return;
  watchingInput = true;
  const note = () => (lastInput = performance.now());
  window.addEventListener('keydown', note, { capture: true, passive: true });
  window.addEventListener('pointerdown', note, { capture: true, passive: true });
}

/** Resolves once the clerk has paused (see QUIET_MS) and the main thread is idle; at once in Node. */
async function whenQuiet(): Promise<void> {
  const since = performance.now();
  for (;;) {
    const wait = lastInput + QUIET_MS - performance.now();
    if (wait <= 0 || performance.now() - since >= QUIET_MAX_WAIT_MS) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, QUIET_MAX_WAIT_MS)));
  }
  await new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(resolve, 0);
  });
}

/**
 * Timing of a first run's pages as performance measures (`pos:pull-fetch:<collection>`: request
 * to parsed JSON; `pos:pull-arrive:<collection>`: the arriving readers, i.e. the catalog's
 * indexing; `pos:pull-write:<collection>`: one IndexedDB write), read by the register bench.
 * Only the register's first pull of a collection is measured, so the entries stay bounded.
 */
function measure(name: string, start: number): void {
  if (typeof performance === 'undefined' || typeof performance.measure !== 'function') return;
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // A timeline without measure options (old runtimes): timing is optional.
  }
}

export function replicatePullOnly(options: PullOnlyOptions): CollectionSync {
  const { collection, http, status, checkpoints } = options;
  const name = collection.name;
  const key = `pos-sync:${options.identifier}:${name}`;
  const pageSize = Math.min(options.pageSize ?? PULL_MAX_LIMIT, PULL_MAX_LIMIT);
  const writeChunk = Math.max(options.writeChunk ?? WRITE_CHUNK, pageSize);
  const backgroundChunk = Math.max(1, Math.min(writeChunk, options.backgroundChunk ?? BACKGROUND_CHUNK));
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
  if (options.arriving) watchInput();
  let timed = true; // the first pull of this start

  // With a reader of arriving pages, each page's bytes go along (the catalog's search worker
  // parses them itself instead of receiving a clone of the documents).
  const fetchPage = async (seq: number): Promise<{ page: PullResponse; bytes?: ArrayBuffer }> => {
    const path = `${SYNC_PATHS.pull(name)}?seq=${seq}&limit=${pageSize}`;
    if (!options.arriving) return { page: await http.json<PullResponse>('GET', path) };
    const { value, bytes } = await http.jsonWithBytes<PullResponse>(path);
    return { page: value, bytes };
  };

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
    let gateOpen = false;
    const wakeWriter = () => notify?.();

    const fetcher = (async () => {
      let fetched = seq;
      // The next page is requested before this one is handed to the readers, so the server and
      // the network work while the catalog indexes (one request in flight at a time).
      let requested = performance.now();
      let next = fetchPage(fetched);
      for (;;) {
        const { page, bytes } = await next;
        if (timed) measure(`pos:pull-fetch:${name}`, requested);
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
        const more = documents.length >= pageSize;
        if (more) {
          requested = performance.now();
          next = fetchPage(fetched);
          // Awaited in the next turn; if this run stops first, its failure has nobody to tell.
          next.catch(() => undefined);
        }
        const arriving = performance.now();
        options.arriving?.arrive(documents, primary, bytes);
        if (timed && options.arriving) measure(`pos:pull-arrive:${name}`, arriving);
        pages.push({ documents, seq: fetched });
        queued += documents.length;
        wakeWriter();
        if (!more) break;
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
        if (options.arriving && options.writeAfter && !gateOpen) {
          await options.writeAfter();
          gateOpen = true;
          continue;
        }
        if (options.arriving) {
          await whenQuiet();
          if (cancelled) return;
        }
        // Whole pages up to a chunk of documents: one IndexedDB transaction per chunk, not per page.
        const chunk = options.arriving ? backgroundChunk : writeChunk;
        let batch: Data[] = [];
        let upTo = seq;
        const head = pages[0];
        if (head && head.documents.length > chunk) {
          // A page larger than a piece is written in parts; its checkpoint only after the last.
          batch = head.documents.slice(0, chunk);
          head.documents = head.documents.slice(chunk);
        } else
          while (pages.length > 0 && (batch.length === 0 || batch.length + pages[0]!.documents.length <= chunk)) {
            const page = pages.shift()!;
            batch = batch.concat(page.documents);
            upTo = page.seq;
          }
        queued -= batch.length;
        const writing = performance.now();
        await applyPage(collection, batch);
        if (timed) measure(`pos:pull-write:${name}`, writing);
        if (upTo > seq) {
          seq = upTo;
          await checkpoints.set(key, seq);
        }
        status.succeeded();
      }
    } finally {
      stop = true;
      await fetcher;
    }
    // Everything pulled in this run is now stored: readers go back to the stored copies.
    options.arriving?.stored();
    timed = false;
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
        await pause(nextDelay(failures, Math.random, options.backoff));
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
