// Where the pull-only replication keeps its checkpoints: RxDB local documents of the register's
// database (same IndexedDB, survives restarts, never replicated). A checkpoint is written after
// the page it covers, so it never runs ahead of the documents stored locally.

const withLocalDocuments = new WeakSet<object>();

/** Called by whoever opens the database with local documents enabled (RxDB does not expose it). */
export function markLocalDocuments(database: object): void {
  withLocalDocuments.add(database);
}

/** Whether the database was opened with local documents. */
export function hasLocalDocuments(database: object | undefined): boolean {
  return database !== undefined && withLocalDocuments.has(database);
}

export interface CheckpointStore {
  /** The last stored seq for this key, 0 when none. */
  get(key: string): Promise<number>;
  set(key: string, seq: number): Promise<void>;
}

interface LocalDocsDatabase {
  getLocal(id: string): Promise<{ get(field: string): unknown } | null>;
  upsertLocal(id: string, data: { seq: number }): Promise<unknown>;
}

/** Checkpoints in the database's local documents, or undefined when it was opened without them. */
export function localCheckpoints(database: object | undefined): CheckpointStore | undefined {
  if (!hasLocalDocuments(database)) return undefined;
  const db = database as unknown as LocalDocsDatabase;
  return {
    async get(key) {
      const seq = (await db.getLocal(key))?.get('seq');
      return typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 ? seq : 0;
    },
    async set(key, seq) {
      await db.upsertLocal(key, { seq });
    },
  };
}

/** In-memory checkpoints (tests, tools that start from empty every time). */
export function memoryCheckpoints(): CheckpointStore {
  const seqs = new Map<string, number>();
  return {
    get: (key) => Promise.resolve(seqs.get(key) ?? 0),
    set: (key, seq) => {
      seqs.set(key, seq);
      return Promise.resolve();
    },
  };
}
