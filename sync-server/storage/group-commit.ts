// Group commit: pushes that arrive while a transaction is committing are run together in the
// next transaction, each inside its own savepoint. One fsync then covers many pushes (the
// commit is what costs with synchronous=FULL / PostgreSQL's WAL flush), and one push failing
// (403, a bug) rolls back only its savepoint, never its neighbours' writes.
// Fairness: small writes (a live sale) queue ahead of bulk ones (a backlog batch) and commit in a
// group of their own; a group of bulk writes stops at GROUP_DOCUMENTS documents and gives the event
// loop a turn (bulk-lane.ts) before each bulk write, so a live push waits for at most one bulk group.
import { BULK_CHUNK, bulkLane } from './bulk-lane';
import type { CommitNotice, DocumentWrite, StoredDocument, WriteTx } from './storage';

/** One open database transaction, as a backend provides it. */
export interface GroupTransaction {
  getDocuments: WriteTx['getDocuments'];
  /** Writes rows; the backend assigns strictly increasing sequence numbers. */
  insert(writes: readonly DocumentWrite[]): Promise<StoredDocument[]>;
  query: WriteTx['query'];
  savepoint(): Promise<void>;
  rollbackToSavepoint(): Promise<void>;
  releaseSavepoint(): Promise<void>;
  /** Commits; `notice` (may be empty) is what the group changed, for fan-out before or at commit. */
  commit(notice: CommitNotice): Promise<void>;
  rollback(): Promise<void>;
}

interface Job {
  fn: (tx: WriteTx) => Promise<unknown>;
  /** Documents the write carries (1 when unknown); above BULK_CHUNK it is a bulk write. */
  weight: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const MAX_GROUP = 32;
/** A group of bulk writes closes once it holds this many documents (one fsync per ~1,000 documents). */
export const GROUP_DOCUMENTS = 1000;

const isBulk = (job: Job) => job.weight > BULK_CHUNK;

/** Carries a lone write's own error through the backend's rollback path. */
class LoneWriteFailed extends Error {
  constructor(readonly original: unknown) {
    super('write refused');
  }
}

function emptyNotice(): CommitNotice {
  return { seq: 0, committedAt: 0, changes: [] };
}

function mergeInto(target: CommitNotice, writes: readonly StoredDocument[]): void {
  for (const write of writes) {
    target.seq = Math.max(target.seq, write.seq);
    if (
      !target.changes.some(
        (c) => c.collection === write.collection && c.scope === write.scope && c.previousScope === write.previousScope,
      )
    ) {
      target.changes.push({ collection: write.collection, scope: write.scope, previousScope: write.previousScope });
    }
  }
}

export class GroupCommitter {
  private queue: Job[] = [];
  private draining = false;

  constructor(
    /** Opens a transaction (and holds whatever lock the backend needs) for the duration of `run`. */
    private readonly withTransaction: (run: (tx: GroupTransaction) => Promise<void>) => Promise<void>,
    private readonly onCommitted: (notice: CommitNotice) => void,
  ) {}

  /** `weight`: how many documents the write carries (decides small or bulk; see the top). */
  write<T>(fn: (tx: WriteTx) => Promise<T>, weight = 1): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: Job = { fn, weight, resolve: resolve as (value: unknown) => void, reject };
      if (isBulk(job)) this.queue.push(job);
      else {
        // Ahead of every queued bulk write, behind the small ones already waiting (FIFO among small).
        const firstBulk = this.queue.findIndex(isBulk);
        this.queue.splice(firstBulk === -1 ? this.queue.length : firstBulk, 0, job);
      }
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) await this.runGroup(this.nextGroup());
    } finally {
      this.draining = false;
    }
  }

  /** The small writes waiting (up to MAX_GROUP), else bulk writes up to GROUP_DOCUMENTS documents. */
  private nextGroup(): Job[] {
    let count = 0;
    if (!isBulk(this.queue[0]!)) {
      while (count < this.queue.length && count < MAX_GROUP && !isBulk(this.queue[count]!)) count++;
    } else {
      let documents = 0;
      while (count < this.queue.length && count < MAX_GROUP && documents < GROUP_DOCUMENTS)
        documents += this.queue[count++]!.weight;
    }
    return this.queue.splice(0, count);
  }

  private async runGroup(jobs: Job[]): Promise<void> {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    const notice = emptyNotice();
    try {
      await this.withTransaction(async (db) => {
        for (const job of jobs) {
          // Pending requests are read (and small writes queued for the next group) between bulk writes.
          if (isBulk(job)) await bulkLane.turn();
          const mine = emptyNotice();
          const tx: WriteTx = {
            getDocuments: (collection, ids) => db.getDocuments(collection, ids),
            putDocuments: async (writes) => {
              const stored = await db.insert(writes);
              mergeInto(mine, stored);
              return stored;
            },
            query: (sql, params) => db.query(sql, params),
          };
          // A lone write needs no savepoint: if it fails, the whole transaction rolls back.
          const alone = jobs.length === 1;
          if (!alone) await db.savepoint();
          try {
            const value = await job.fn(tx);
            if (!alone) await db.releaseSavepoint();
            outcomes.push({ ok: true, value });
            for (const change of mine.changes) {
              if (
                !notice.changes.some(
                  (c) =>
                    c.collection === change.collection &&
                    c.scope === change.scope &&
                    c.previousScope === change.previousScope,
                )
              ) {
                notice.changes.push(change);
              }
            }
            notice.seq = Math.max(notice.seq, mine.seq);
          } catch (error) {
            if (alone) throw new LoneWriteFailed(error);
            await db.rollbackToSavepoint();
            await db.releaseSavepoint();
            outcomes.push({ ok: false, error });
          }
        }
        notice.committedAt = Date.now();
        await db.commit(notice);
      });
    } catch (error) {
      // The lone write refused (the backend rolled the transaction back), or the transaction
      // itself failed (disk full, connection lost): nothing of the group is stored.
      const reason = error instanceof LoneWriteFailed ? error.original : error;
      for (const job of jobs) job.reject(reason);
      return;
    }
    if (notice.changes.length > 0) this.onCommitted(notice);
    jobs.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome ? outcome.error : new Error('write not run'));
    });
  }
}
