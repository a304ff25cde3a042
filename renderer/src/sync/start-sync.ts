// Starts the register's replication: one RxDB replication per collection and one live stream
// that pokes them. Usable in the renderer and from Node (tests, tools).
import type { Observable } from 'rxjs';
import type { RxCollection } from 'rxdb';
import { isDomainError } from '../../../shared/errors';
import { SYNC_PATHS } from '../../../shared/protocol/paths';
import { toRxStreamEvents } from '../../../shared/protocol/live-stream';
import { SyncClientError, SyncHttp, type FetchLike } from './sync-http';
import { LiveStream } from './event-stream';
import { replicateCollection, type CollectionSync } from './collection-replication';
import { SyncStatusStore, type SyncStatus } from './sync-status';

export interface StartSyncOptions {
  /** The register's database (createPosDatabase); every open collection is replicated. */
  db: { readonly collections: { readonly [name: string]: RxCollection } };
  serverUrl: string;
  credential: string;
  fetch?: FetchLike;
  pullBatchSize?: number;
  pushBatchSize?: number;
}

export interface SyncController {
  status$: Observable<SyncStatus>;
  readonly status: SyncStatus;
  /** Resolves when every collection has pushed its local changes and pulled the server's. */
  awaitInSync(): Promise<void>;
  /** Pull everything new now (e.g. after the clerk pressed "sync"). */
  resync(): void;
  stop(): Promise<void>;
}

export function startSync(options: StartSyncOptions): SyncController {
  const http = new SyncHttp({ baseUrl: options.serverUrl, credential: options.credential, fetch: options.fetch });
  const status = new SyncStatusStore();
  const identifier = http.baseUrl;
  const syncs: CollectionSync[] = Object.values(options.db.collections).map((collection) =>
    replicateCollection({ collection, http, status, identifier, pullBatchSize: options.pullBatchSize, pushBatchSize: options.pushBatchSize }),
  );
  const names = syncs.map((s) => s.name);
  const byName = new Map(syncs.map((s) => [s.name, s]));

  const live = new LiveStream(http, SYNC_PATHS.stream, {
    onOpen: () => status.stream(true),
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
      status.failed(code, error instanceof Error ? error.message : 'The live connection to the sync server closed.', code === SyncClientError.OFFLINE);
    },
  });
  live.start();

  return {
    status$: status.status$,
    get status() {
      return status.current;
    },
    async awaitInSync() {
      await Promise.all(syncs.map((s) => s.state.awaitInSync()));
    },
    resync() {
      for (const s of syncs) s.state.reSync();
    },
    async stop() {
      live.stop();
      await Promise.all(syncs.map((s) => s.state.cancel()));
      for (const s of syncs) s.stream$.complete();
      status.complete();
    },
  };
}
