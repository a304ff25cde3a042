// Starts the register's replication: one RxDB replication per collection and one live stream
// that pokes them. Usable in the renderer and from Node (tests, tools).
import type { Observable } from 'rxjs';
import type { RxCollection } from 'rxdb';
import { isDomainError } from '../../../shared/errors';
import { SYNC_PATHS } from '../../../shared/protocol/paths';
import { toRxStreamEvents } from '../../../shared/protocol/live-stream';
import { SyncClientError, SyncHttp, type FetchLike } from './sync-http';
import { LiveStream } from './event-stream';
import { OWNERSHIP } from '../../../shared/schemas/ownership';
import { replicateCollection } from './collection-replication';
import { replicatePullOnly, type CollectionSync } from './pull-only-replication';
import { localCheckpoints, type CheckpointStore } from './checkpoint-store';
import { SyncStatusStore, type SyncStatus } from './sync-status';
import { fetchSyncTotals, type SyncTotals } from './totals';
import { localDocumentStore, memoryStore, WaitingLedger } from './waiting-ledger';
import { fetchRegisterName } from './register-name';
import { openInbox } from './inbox-wiring';
import type { SyncInbox } from './sync-inbox';
import type { ArrivingDocuments } from './arriving-documents';
import type { BackoffLimits } from './backoff';

export interface StartSyncOptions {
  /** The register's database (createPosDatabase); every open collection is replicated. */
  db: { readonly collections: { readonly [name: string]: RxCollection } };
  serverUrl: string;
  credential: string;
  fetch?: FetchLike;
  pullBatchSize?: number;
  pushBatchSize?: number;
  /**
   * Where server-owned collections keep their checkpoints; by default the database's local
   * documents (createPosDatabase enables them). Without either, every collection goes through
   * RxDB's replication.
   */
  checkpoints?: CheckpointStore;
  /**
   * Whether this register finished its first full sync before (the backend's persisted flag);
   * "All synced" is never shown before. Finishing `awaitInSync` also counts.
   */
  initialSyncDone?: () => boolean;
  /**
   * Readers of documents as they arrive, before they are stored, by collection (the catalog's
   * products and stock levels). Only for collections on the pull-only loop: anything else throws.
   */
  arriving?: Readonly<Record<string, ArrivingDocuments>>;
  /** Called with the register name HQ gives this device (S001-R01) once the server is reached. */
  onRegisterName?: (registerName: string) => void;
  /**
   * Retry waits after a failure (pull, push, live stream): backoff.ts's 0.5 s doubling to 10 s by
   * default. Tests that restart the server many times pass shorter ones.
   */
  backoff?: BackoffLimits;
}

/** The flag the register backend sets after its first full sync (local-data/rx-backend.ts). */
function storedInitialSyncDone(): boolean {
  return typeof localStorage !== 'undefined' && localStorage.getItem('pos.initial-sync-done') === '1';
}

/**
 * Collections pulled by the lighter pull-only loop: server-owned (shared/schemas/ownership.ts) and
 * large enough for RxDB's per-document replication bookkeeping to matter (100,000 products and
 * 15,000 levels in the bench). config and staff are small and stay on RxDB replication: one register
 * e2e run with them on the loop lost the discount approval dialog; three later runs on a clean tree
 * (config, staff, both) passed, so it was likely other in-progress renderer edits, but unproven.
 */
const PULL_ONLY: ReadonlySet<string> = new Set(['products', 'inventory_levels']);

export function pullOnly(name: string): boolean {
  const entry = (OWNERSHIP as Record<string, { writers: readonly string[] } | undefined>)[name];
  return PULL_ONLY.has(name) && entry !== undefined && !entry.writers.includes('register');
}

export interface SyncController {
  status$: Observable<SyncStatus>;
  readonly status: SyncStatus;
  /** Resolves when every collection has pushed its local changes and pulled the server's. */
  awaitInSync(): Promise<void>;
  /**
   * Resolves when the register can sell on the server's latest state: every collection in sync,
   * except that those read through `arriving` only need to have arrived (their write continues).
   */
  awaitUsable(): Promise<void>;
  /** What the register will hold once in sync (GET /sync/totals): for a first-run percent. */
  totals(): Promise<SyncTotals>;
  /** Refused and conflicting documents, kept in the local database (retry, correct, void). */
  inbox(): Promise<SyncInbox>;
  /** Pull everything new now (e.g. after the clerk pressed "sync"). */
  resync(): void;
  stop(): Promise<void>;
}

export function startSync(options: StartSyncOptions): SyncController {
  const http = new SyncHttp({ baseUrl: options.serverUrl, credential: options.credential, fetch: options.fetch });
  const identifier = http.baseUrl;
  const collections = Object.values(options.db.collections);
  const checkpoints = options.checkpoints ?? localCheckpoints(collections[0]?.database);
  const pushed = collections.filter((c) => !(checkpoints && pullOnly(c.name))).map((c) => c.name);
  const store = localDocumentStore(collections[0]?.database) ?? memoryStore();
  const ledger = new WaitingLedger(store, pushed);
  const inbox = openInbox({ store, http, collections: options.db.collections });
  const inboxSub = inbox.then((i) => i.entries$.subscribe(() => status.inbox(i.openCount())));
  inbox.catch((error: unknown) => console.error('sync: could not open the sync inbox', error));
  const status = new SyncStatusStore({
    ledger,
    browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
  });
  void ledger.load().catch((error: unknown) => console.error('sync: could not read the waiting list', error));
  const initialSyncDone = options.initialSyncDone ?? storedInitialSyncDone;
  status.firstSync(initialSyncDone());
  const unlisten =
    typeof window !== 'undefined' && typeof window.addEventListener === 'function'
      ? status.connectivity.listenTo(window)
      : () => undefined;
  let named = false;
  for (const name of Object.keys(options.arriving ?? {}))
    if (!(checkpoints && pullOnly(name) && options.db.collections[name]))
      throw new Error(`startSync: "${name}" is not pulled by the pull-only loop, so it cannot be read as it arrives.`);
  // Collections read on arrival write only once all of them have arrived: their writes share the
  // main thread and IndexedDB with the downloads the register waits for.
  const everythingArrived = async (): Promise<void> => {
    await Promise.all(syncs.filter((s) => options.arriving?.[s.name]).map((s) => s.awaitArrived()));
  };
  const syncs: CollectionSync[] = collections.map((collection) =>
    checkpoints && pullOnly(collection.name)
      ? replicatePullOnly({
          collection,
          http,
          status,
          checkpoints,
          identifier,
          arriving: options.arriving?.[collection.name],
          writeAfter: everythingArrived,
          backoff: options.backoff,
        })
      : replicateCollection({
          collection,
          http,
          status,
          identifier,
          pullBatchSize: options.pullBatchSize,
          pushBatchSize: options.pushBatchSize,
          inbox,
          backoff: options.backoff,
        }),
  );
  const names = syncs.map((s) => s.name);
  const byName = new Map(syncs.map((s) => [s.name, s]));

  const live = new LiveStream(http, SYNC_PATHS.stream, options.backoff, {
    onOpen: () => {
      status.stream(true);
      if (named || !options.onRegisterName) return;
      named = true;
      fetchRegisterName(http).then(
        (name) => name && options.onRegisterName?.(name),
        () => {
          named = false;
        },
      );
    },
    onActivity: () => status.heartbeat(),
    onEvent: (event, data) => {
      try {
        for (const item of toRxStreamEvents(event, data, names)) byName.get(item.collection)?.stream$.next(item.event);
      } catch {
        // A malformed event is ignored; the next poke or reconnect resyncs.
      }
    },
    onClose: (error) => {
      status.stream(false);
      const code = isDomainError(error) ? error.code : SyncClientError.OFFLINE;
      status.failed(
        code,
        error instanceof Error ? error.message : 'The live connection to the sync server closed.',
        code === SyncClientError.OFFLINE,
      );
    },
  });
  live.start();

  return {
    status$: status.status$,
    get status() {
      return status.current;
    },
    async awaitInSync() {
      await Promise.all(syncs.map((s) => s.awaitInSync()));
      status.firstSync(true);
    },
    async awaitUsable() {
      await Promise.all(syncs.map((s) => s.awaitArrived()));
    },
    totals: () => fetchSyncTotals(http),
    inbox: () => inbox,
    resync() {
      for (const s of syncs) s.reSync();
    },
    async stop() {
      live.stop();
      unlisten();
      await Promise.all(syncs.map((s) => s.cancel()));
      await ledger.flush();
      for (const s of syncs) s.stream$.complete();
      status.complete();
      ledger.complete();
      (await inboxSub.catch(() => undefined))?.unsubscribe();
      (await inbox.catch(() => undefined))?.complete();
    },
  };
}
