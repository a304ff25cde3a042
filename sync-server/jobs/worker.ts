// Runs due jobs: polls the queue, runs each claimed job's handler, marks it done, or schedules a
// retry (back-off) / dead-letters it. Handlers must be safe to run again (a lease can expire
// while a slow handler still runs): they check state inside their own transaction.
import type { Storage } from '../storage/storage';
import { claimJobs, completeJob, failJob, type JobRow } from './queue';

export type JobHandler = (payload: Record<string, unknown>, job: JobRow) => Promise<void>;

export interface WorkerOptions {
  workerId: string;
  pollMs?: number;
  batch?: number;
  leaseMs?: number;
  onError?: (job: JobRow, error: unknown) => void;
}

export class JobWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly storage: Storage,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    private readonly options: WorkerOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Waits for the job in hand, then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Nudges the worker to look now (after a commit that enqueued jobs). */
  poke(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.schedule(this.options.pollMs ?? 250);
      });
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const claimed = await this.runOnce().catch(() => 0);
      if (claimed === 0) return;
    }
  }

  /** Claims and runs one batch; returns how many jobs it ran. */
  async runOnce(): Promise<number> {
    const now = new Date();
    const jobs = await claimJobs(
      this.storage,
      this.options.workerId,
      this.options.batch ?? 10,
      this.options.leaseMs ?? 60_000,
      now,
    );
    for (const job of jobs) {
      const handler = this.handlers[job.kind];
      try {
        if (!handler) throw new Error(`No handler for job kind ${job.kind} on this server.`);
        await handler(JSON.parse(job.payload) as Record<string, unknown>, job);
        await completeJob(this.storage, job, this.options.workerId, new Date());
      } catch (error) {
        this.options.onError?.(job, error);
        await failJob(this.storage, job, this.options.workerId, error, new Date());
      }
    }
    return jobs.length;
  }
}
