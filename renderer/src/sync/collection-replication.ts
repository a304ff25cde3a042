// One RxDB replication for one collection, with HTTP pull/push handlers for the sync server.
// Pull: checkpoint {seq}. Push: returns the server's conflicts to RxDB; documents refused by
// validation (200, `rejected`) or scope (403, whole batch) are reported in the sync status, and
// after a 403 the rest of the batch is pushed again without them.
import { Subject } from 'rxjs';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import type { RxCollection, RxReplicationPullStreamItem, RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import { isDomainError } from '../../../shared/errors';
import { SyncErrorCode } from '../../../shared/protocol/errors';
import type { Checkpoint, PullResponse, PushResponse } from '../../../shared/protocol/replication';
import { SYNC_PATHS } from '../../../shared/protocol/paths';
import type { SyncHttp } from './sync-http';
import type { SyncStatusStore } from './sync-status';
import { backoffCeiling, DEFAULT_BACKOFF, nextDelay, type BackoffLimits } from './backoff';
import type { CollectionSync } from './pull-only-replication';
import { InboxKind, type SyncInbox } from './sync-inbox';

export interface CollectionSyncOptions {
  collection: RxCollection;
  http: SyncHttp;
  status: SyncStatusStore;
  /** Distinguishes replications of the same database against different servers. */
  identifier: string;
  pullBatchSize?: number;
  pushBatchSize?: number;
  /** Where refusals and conflicts are kept (awaited before a push counts as answered). */
  inbox?: Promise<SyncInbox>;
  /** Retry waits after a failed pull or push; the defaults of backoff.ts unless given. */
  backoff?: BackoffLimits;
}

type Row = RxReplicationWriteToMasterRow<unknown>;
type Doc = WithDeleted<unknown>;

function idOf(row: Row): string {
  return String((row.newDocumentState as { id?: unknown }).id);
}

export function replicateCollection(options: CollectionSyncOptions): CollectionSync {
  const { collection, http, status } = options;
  const name = collection.name;
  const stream$ = new Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>();
  let failures = 0;
  const limits = options.backoff ?? DEFAULT_BACKOFF;

  const succeeded = () => {
    failures = 0;
    state.retryTime = backoffCeiling(0, limits);
    status.succeeded();
  };
  const failed = (error: unknown) => {
    failures++;
    // RxDB retries after retryTime; growing it (with jitter) is our back-off.
    state.retryTime = nextDelay(failures, Math.random, limits);
    status.failedWith(error);
  };

  /** Refusals and conflicts into the inbox, accepted ones out of it: stored before RxDB moves on. */
  const keep = async (sent: Row[], answer: PushResponse): Promise<void> => {
    const inbox = await options.inbox;
    if (!inbox) return;
    const byId = new Map(sent.map((r) => [idOf(r), r.newDocumentState as Record<string, unknown>]));
    const conflicts = answer.conflicts as Record<string, unknown>[];
    const problems = [
      ...answer.rejected.map((r) => ({
        id: r.id,
        kind: InboxKind.REFUSED,
        code: r.code,
        message: r.message,
        field: r.field,
        document: byId.get(r.id) ?? {},
      })),
      ...conflicts.map((c) => ({
        id: String(c.id),
        kind: InboxKind.CONFLICT,
        code: 'SYNC_CONFLICT',
        message: 'The server holds a different version; the register now shows the server’s.',
        document: byId.get(String(c.id)) ?? {},
        serverDocument: c,
      })),
    ];
    if (problems.length > 0) await inbox.record(name, problems);
    const answered = new Set(problems.map((p) => p.id));
    await inbox.accepted(
      name,
      [...byId.keys()].filter((id) => !answered.has(id)),
    );
  };

  const pushOnce = async (rows: Row[]): Promise<Doc[]> => {
    let remaining = rows;
    // At most two rounds: the second has the forbidden documents taken out.
    status.sending(name, rows.map(idOf));
    for (let round = 0; round < 2 && remaining.length > 0; round++) {
      const snapshot = status.snapshot(name, remaining.map(idOf));
      try {
        const answer = await http.json<PushResponse>('POST', SYNC_PATHS.push(name), remaining);
        await keep(remaining, answer);
        status.refused(answer.rejected.map((r) => ({ collection: name, ...r })));
        status.conflicted(answer.conflicts.length);
        status.acknowledged(snapshot);
        return answer.conflicts as Doc[];
      } catch (error) {
        const ids = isDomainError(error, SyncErrorCode.FORBIDDEN)
          ? (error.details?.ids as string[] | undefined)
          : undefined;
        if (!ids || round > 0 || !isDomainError(error)) throw error;
        const forbidden = new Set(ids);
        const inbox = await options.inbox;
        await inbox?.record(
          name,
          remaining
            .filter((r) => forbidden.has(idOf(r)))
            .map((r) => ({
              id: idOf(r),
              kind: InboxKind.REFUSED,
              code: error.code,
              message: error.message,
              document: r.newDocumentState as Record<string, unknown>,
            })),
        );
        status.refused(
          remaining
            .filter((r) => forbidden.has(idOf(r)))
            .map((r) => ({ collection: name, id: idOf(r), code: error.code, message: error.message, field: '' })),
        );
        status.acknowledged(status.snapshot(name, [...forbidden]));
        remaining = remaining.filter((r) => !forbidden.has(idOf(r)));
      }
    }
    return [];
  };

  const state = replicateRxCollection<unknown, Checkpoint>({
    collection,
    replicationIdentifier: `pos-sync:${options.identifier}:${name}`,
    live: true,
    retryTime: backoffCeiling(0, limits),
    waitForLeadership: false,
    autoStart: true,
    pull: {
      batchSize: options.pullBatchSize ?? 500,
      stream$: stream$.asObservable(),
      handler: async (checkpoint, batchSize) => {
        try {
          const seq = checkpoint?.seq ?? 0;
          const answer = await http.json<PullResponse>('GET', `${SYNC_PATHS.pull(name)}?seq=${seq}&limit=${batchSize}`);
          succeeded();
          return { documents: answer.documents as Doc[], checkpoint: answer.checkpoint };
        } catch (error) {
          failed(error);
          throw error;
        }
      },
    },
    push: {
      batchSize: options.pushBatchSize ?? 200,
      handler: async (rows) => {
        try {
          const conflicts = await pushOnce(rows);
          succeeded();
          return conflicts;
        } catch (error) {
          failed(error);
          throw error;
        }
      },
    },
  });

  // Local writes (not the replication's own downstream writes) count as waiting to go up.
  const sub = collection.eventBulks$.subscribe((bulk) => {
    if (bulk.context.startsWith('replication-')) return;
    for (const event of bulk.events) status.localWrite(name, event.documentId);
  });
  state.onCancel.push(() => sub.unsubscribe());

  return {
    name,
    stream$,
    awaitInSync: () => state.awaitInSync().then(() => undefined),
    awaitArrived: () => state.awaitInSync().then(() => undefined),
    reSync: () => state.reSync(),
    cancel: () => state.cancel().then(() => undefined),
  };
}
