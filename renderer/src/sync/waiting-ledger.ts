// Which local documents the server has not acknowledged yet, kept in the register's own database
// (RxDB local documents: same IndexedDB, never replicated) so the "waiting to sync" count survives
// a restart. A document is marked when it is written locally and again whenever the push handler
// is about to send it (after a crash between a write and its mark, RxDB offers the document to the
// push handler again on start), and cleared when the server answered for exactly that write.
import { BehaviorSubject, type Observable } from 'rxjs';
import { hasLocalDocuments } from './checkpoint-store';

/** Small JSON values by key: the database's local documents, or memory in tools and tests. */
export interface LocalStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

interface LocalDocsDatabase {
  getLocal(id: string): Promise<{ get(field: string): unknown } | null>;
  upsertLocal(id: string, data: { value: unknown }): Promise<unknown>;
}

export function localDocumentStore(database: object | undefined): LocalStore | undefined {
  if (!hasLocalDocuments(database)) return undefined;
  const db = database as unknown as LocalDocsDatabase;
  return {
    get: async (key) => (await db.getLocal(key))?.get('value'),
    set: async (key, value) => {
      await db.upsertLocal(key, { value });
    },
  };
}

export function memoryStore(): LocalStore & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: (key) => Promise.resolve(values.get(key)),
    set: (key, value) => {
      values.set(key, structuredClone(value));
      return Promise.resolve();
    },
  };
}

export interface WaitingCount {
  count: number;
  /** False until the stored list was read: until then the count cannot claim "nothing waits". */
  known: boolean;
}

const PREFIX = 'sync-waiting-';

export class WaitingLedger {
  /** `collection/id` → write generation, so an older push's answer cannot clear a newer write. */
  private readonly generations = new Map<string, number>();
  /** Keys acknowledged while the stored list was still loading: not restored from it. */
  private readonly settledDuringLoad = new Set<string>();
  private readonly dirty = new Set<string>();
  private saving: Promise<void> = Promise.resolve();
  private saveQueued = false;
  private loaded = false;
  private readonly subject = new BehaviorSubject<WaitingCount>({ count: 0, known: false });

  constructor(
    private readonly store: LocalStore,
    private readonly collections: readonly string[],
  ) {}

  get count$(): Observable<WaitingCount> {
    return this.subject.asObservable();
  }

  get current(): WaitingCount {
    return this.subject.value;
  }

  /** Reads what was waiting when the register last stopped. */
  async load(): Promise<void> {
    for (const collection of this.collections) {
      const stored = (await this.store.get(PREFIX + collection)) as { ids?: unknown } | undefined;
      const ids = Array.isArray(stored?.ids) ? stored.ids.filter((id): id is string => typeof id === 'string') : [];
      for (const id of ids) {
        const key = `${collection}/${id}`;
        if (!this.generations.has(key) && !this.settledDuringLoad.has(key)) this.generations.set(key, 0);
      }
    }
    this.loaded = true;
    this.settledDuringLoad.clear();
    this.emit();
    // Changes made while loading are stored now, merged with what was read.
    if (this.dirty.size > 0) this.scheduleSave();
  }

  /** A local write: waiting until the server acknowledges this write (or a later one). */
  written(collection: string, id: string): void {
    const key = `${collection}/${id}`;
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.changed(collection);
  }

  /** About to be pushed: waiting if it was not known to be (a write from before a crash). */
  sending(collection: string, ids: readonly string[]): void {
    let added = false;
    for (const id of ids) {
      const key = `${collection}/${id}`;
      if (this.generations.has(key)) continue;
      this.generations.set(key, 1);
      added = true;
    }
    if (added) this.changed(collection);
  }

  snapshot(collection: string, ids: readonly string[]): Map<string, number> {
    return new Map(ids.map((id) => [`${collection}/${id}`, this.generations.get(`${collection}/${id}`) ?? 0]));
  }

  /** The server answered for these writes (stored, refused into the inbox, or conflicted). */
  acknowledged(snapshot: Map<string, number>): void {
    const touched = new Set<string>();
    for (const [key, generation] of snapshot) {
      if ((this.generations.get(key) ?? 0) !== generation) continue;
      this.generations.delete(key);
      if (!this.loaded) this.settledDuringLoad.add(key);
      touched.add(key.slice(0, key.indexOf('/')));
    }
    for (const collection of touched) this.changed(collection);
  }

  /** Resolves once every change so far is stored (nothing is stored before `load`). */
  async flush(): Promise<void> {
    if (!this.loaded) return;
    while (this.saveQueued || this.dirty.size > 0) await this.saving;
    await this.saving;
  }

  complete(): void {
    this.subject.complete();
  }

  private changed(collection: string): void {
    this.dirty.add(collection);
    this.emit();
    // Before the stored list is read, writing it would drop what it holds.
    if (this.loaded) this.scheduleSave();
  }

  private scheduleSave(): void {
    if (this.saveQueued) return;
    this.saveQueued = true;
    // One write per collection per turn of the event loop, however many documents a sale touched.
    this.saving = this.saving
      .then(async () => {
        this.saveQueued = false;
        const collections = [...this.dirty];
        this.dirty.clear();
        for (const c of collections) {
          const ids = [...this.generations.keys()]
            .filter((k) => k.startsWith(`${c}/`))
            .map((k) => k.slice(c.length + 1));
          await this.store.set(PREFIX + c, { ids });
        }
      })
      .catch((error: unknown) => {
        // The in-memory count stays right; the next change writes the list again.
        console.error('sync: could not store the waiting list', error);
      });
  }

  private emit(): void {
    this.subject.next({ count: this.generations.size, known: this.loaded });
  }
}
