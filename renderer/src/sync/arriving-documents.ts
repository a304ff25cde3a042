// Documents of a server-owned collection that the pull-only loop (pull-only-replication.ts) has
// pulled but may not have stored yet. The loop downloads every page up to the server's latest state
// first and writes them into IndexedDB behind it (on a first run of 100,000 products the download
// takes seconds, the write far longer), so readers that must work as soon as the data has arrived
// (the catalog: scans and search) read through this: a pending document here is newer than the
// stored copy. Nothing here is durable: the loop stores its checkpoint only after the documents it
// covers are written, so after a crash the next start pulls whatever was still pending again.
type Data = Readonly<Record<string, unknown>>;

export interface ArrivalListener {
  /**
   * A page arrived (in server order); deleted documents carry `_deleted: true`. `bytes`, when the
   * loop has them, is the page's response body (UTF-8 JSON, `{ documents, checkpoint }`): a reader
   * may transfer it to a worker, so nothing else reads it after the first reader.
   */
  documents?(docs: readonly Data[], bytes?: ArrayBuffer): void;
  /** A pull reached the server's latest state (its documents may still be being written). */
  caughtUp?(): void;
}

export class ArrivingDocuments {
  /** Pulled, not yet known to be stored: the server's document, or null when it was deleted. */
  private readonly pending = new Map<string, Data | null>();
  private readonly listeners = new Set<ArrivalListener>();
  private arrivedOnce = false;

  /** Called by the loop for each page it pulled, before the page is written. */
  arrive(docs: readonly Data[], primary: string, bytes?: ArrayBuffer): void {
    for (const doc of docs) {
      const id = doc[primary];
      if (typeof id === 'string') this.pending.set(id, doc._deleted === true ? null : doc);
    }
    this.tell((listener) => listener.documents?.(docs, bytes));
  }

  /** Called by the loop when a pull reached the server's latest state. */
  caughtUp(): void {
    this.arrivedOnce = true;
    this.tell((listener) => listener.caughtUp?.());
  }

  /** A reader that fails (e.g. on a malformed document) is logged; it never stops the pull. */
  private tell(call: (listener: ArrivalListener) => void): void {
    for (const listener of this.listeners) {
      try {
        call(listener);
      } catch (error) {
        console.error('sync: a reader of arriving documents failed', error);
      }
    }
  }

  /** Called by the loop once everything it pulled is written: the stored copies are current. */
  stored(): void {
    this.pending.clear();
  }

  /** The pending document (newer than the stored one), null if deleted, undefined if not pending. */
  get(id: string): Data | null | undefined {
    return this.pending.get(id);
  }

  /** Pending documents that are not deleted (for a reader that starts while a pull is stored). */
  live(): Data[] {
    const out: Data[] = [];
    for (const doc of this.pending.values()) if (doc) out.push(doc);
    return out;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Whether some pull has reached the server's latest state since the register started. */
  get arrived(): boolean {
    return this.arrivedOnce;
  }

  listen(listener: ArrivalListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
