// The job queue in the same database as the documents. Claiming is one UPDATE … RETURNING: on
// PostgreSQL its inner SELECT takes `FOR UPDATE SKIP LOCKED`, so several server instances take
// disjoint jobs without waiting on each other; on SQLite the single writer connection serialises
// claims (one worker). A claim is a lease: a job whose worker died is claimed again once the
// lease runs out. Failures retry with exponential back-off; past max_attempts a job is dead and
// listed at GET /api/hq/jobs?status=dead.
import type { Storage, WriteTx } from '../storage/storage';

export interface JobRow {
  id: string;
  kind: string;
  dedupe_key: string | null;
  payload: string;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

const CLAIM_WHERE = `(status = 'pending' AND run_at <= ?) OR (status = 'running' AND locked_until < ?)`;

export async function claimJobs(
  storage: Storage,
  workerId: string,
  limit: number,
  leaseMs: number,
  now: Date,
): Promise<JobRow[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const rows = await storage.query<JobRow>(
    {
      sqlite: `UPDATE jobs SET status = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1, updated_at = ?
               WHERE id IN (SELECT id FROM jobs WHERE ${CLAIM_WHERE} ORDER BY run_at, id LIMIT ?) RETURNING *`,
      postgres: `UPDATE jobs SET status = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1, updated_at = ?
               WHERE id IN (SELECT id FROM jobs WHERE ${CLAIM_WHERE} ORDER BY run_at, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING *`,
    },
    [workerId, until, at, at, at, limit],
  );
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts), max_attempts: Number(r.max_attempts) }));
}

export async function completeJob(storage: Storage, job: JobRow, workerId: string, now: Date): Promise<void> {
  await storage.query(
    `UPDATE jobs SET status = 'done', locked_by = NULL, locked_until = NULL, updated_at = ? WHERE id = ? AND locked_by = ?`,
    [now.toISOString(), job.id, workerId],
  );
}

/** Seconds before attempt n+1: 2, 4, 8 … capped at an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 1000 * 2 ** Math.max(1, attempts));
}

export async function failJob(
  storage: Storage,
  job: JobRow,
  workerId: string,
  error: unknown,
  now: Date,
): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  const dead = job.attempts >= job.max_attempts;
  await storage.query(
    `UPDATE jobs SET status = ?, run_at = ?, last_error = ?, locked_by = NULL, locked_until = NULL, updated_at = ? WHERE id = ? AND locked_by = ?`,
    [
      dead ? 'dead' : 'pending',
      new Date(now.getTime() + backoffMs(job.attempts)).toISOString(),
      message,
      now.toISOString(),
      job.id,
      workerId,
    ],
  );
}

export async function listJobs(storage: Storage, status: string, limit: number): Promise<Record<string, unknown>[]> {
  const rows = await storage.query<JobRow>('SELECT * FROM jobs WHERE status = ? ORDER BY updated_at DESC, id LIMIT ?', [
    status,
    limit,
  ]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    runAt: r.run_at,
    lastError: r.last_error,
    payload: JSON.parse(r.payload) as unknown,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** True the first time `key` is seen (inside the caller's transaction): makes a consequence happen once. */
export async function firstTime(tx: Pick<WriteTx, 'query'>, key: string, id: string, now: string): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO jobs (id, kind, dedupe_key, payload, status, attempts, max_attempts, run_at, created_at, updated_at)
     VALUES (?, 'marker', ?, '{}', 'done', 0, 0, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
    [id, key, now, now, now],
  );
  return rows.length > 0;
}
