// A zustand `persist` storage on IndexedDB with strict durability, for state that must survive the
// browser being killed (the open sale). localStorage is not that: Chromium commits it to disk in
// batches seconds apart, and the crash test (test/e2e/crash-sales.test.ts) lost a two-line cart to
// a SIGKILL. Reads are served from memory after the first; each write is its own transaction,
// started at once, and resolves when it is on disk.
// main.tsx plugs it in for the open sale and its tenders (sale/sale-state-storage.ts) and waits for
// both to be read before the register is shown.

export interface DurableStateStorage {
  getItem(name: string): Promise<string | null>;
  setItem(name: string, value: string): Promise<void>;
  removeItem(name: string): Promise<void>;
  /** Resolves when every write so far is on disk. */
  flush(): Promise<void>;
}

const STORE = 'kv';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export function durableStateStorage(
  options: { name?: string; indexedDB?: IDBFactory; legacy?: Storage | undefined } = {},
): DurableStateStorage {
  const factory = options.indexedDB ?? indexedDB;
  const legacy = options.legacy ?? (typeof localStorage === 'undefined' ? undefined : localStorage);
  const opening = new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open(options.name ?? 'pos-state', 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB did not open'));
  });
  const cache = new Map<string, string | null>();
  let db: IDBDatabase | undefined;
  void opening.then((d) => (db = d)).catch(() => undefined);
  const inFlight = new Set<Promise<void>>();

  const put = (d: IDBDatabase, name: string, value: string | null): Promise<void> => {
    const tx = d.transaction(STORE, 'readwrite', { durability: 'strict' });
    if (value === null) tx.objectStore(STORE).delete(name);
    else tx.objectStore(STORE).put(value, name);
    return new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
    });
  };

  // The transaction is created in the caller's task (once the database is open): a scan's cart
  // write is on its way before the line is painted, never queued behind the previous write.
  // IndexedDB runs read-write transactions on one store in the order they were created, so the
  // last write of a key wins on disk as it does in the cache.
  const write = (name: string, value: string | null): Promise<void> => {
    cache.set(name, value);
    const done = (db ? put(db, name, value) : opening.then((d) => put(d, name, value))).then(() => {
      // Written durably: an older copy in localStorage (before this storage existed) is obsolete.
      if (cache.get(name) === value) legacy?.removeItem(name);
    });
    const tracked = done.catch((error: unknown) => console.error('durable state: write failed', error));
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
    return done;
  };

  return {
    async getItem(name) {
      if (cache.has(name)) return cache.get(name)!;
      const db = await opening;
      const stored = await request(
        db.transaction(STORE, 'readonly').objectStore(STORE).get(name) as IDBRequest<string | undefined>,
      );
      const value = stored ?? legacy?.getItem(name) ?? null;
      if (!cache.has(name)) cache.set(name, value);
      return cache.get(name)!;
    },
    setItem: (name, value) => write(name, value),
    removeItem: (name) => write(name, null),
    flush: async () => {
      await Promise.all([...inFlight]);
    },
  };
}
