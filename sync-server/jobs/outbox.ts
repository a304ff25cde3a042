// The transactional outbox: a job row is written in the same transaction as the change that
// causes it, so the job exists exactly when the change does. A dedupe key makes enqueueing the
// same consequence twice (a replayed push) a no-op.
import type { WriteTx } from '../storage/storage';

export interface NewJob {
  id: string;
  kind: string;
  /** Same key twice = one job. */
  dedupeKey?: string;
  payload: Record<string, unknown>;
  /** ISO time it becomes due; now when absent. */
  runAt?: string;
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

export async function enqueueJob(tx: Pick<WriteTx, 'query'>, job: NewJob, now: string): Promise<void> {
  await tx.query(
    `INSERT INTO jobs (id, kind, dedupe_key, payload, status, attempts, max_attempts, run_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    [
      job.id,
      job.kind,
      job.dedupeKey ?? null,
      JSON.stringify(job.payload),
      job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      job.runAt ?? now,
      now,
      now,
    ],
  );
}
