// Turns for bulk work (a 500-document backlog push): one chunk per event-loop iteration, handed
// out round robin, so the I/O of small pushes (a register's live sale) is read and answered
// between two chunks instead of after every queued backlog batch has been validated and written.
// Small work never takes a turn: it runs as soon as its request is read.

/** Documents per chunk of bulk work; a push of at most this many rows is "small". */
export const BULK_CHUNK = 50;

export class BulkLane {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  /** Resolves in a later event-loop iteration (after pending I/O), one waiter per iteration. */
  turn(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  /** Waiters not yet given their turn. */
  get pending(): number {
    return this.waiting.length;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // An immediate queued while immediates run waits for the next iteration (and its I/O poll).
    setImmediate(() => {
      this.scheduled = false;
      const next = this.waiting.shift();
      if (this.waiting.length > 0) this.schedule();
      next?.();
    });
  }
}

/** The process's one lane: every bulk push and bulk write of this server takes turns in it. */
export const bulkLane = new BulkLane();
