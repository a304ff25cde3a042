// A zustand `persist` storage on IndexedDB with strict durability, for state that must survive the
// browser being killed (the open sale). localStorage is not that: Chromium commits it to disk in
// batches seconds apart, and the crash test (test/e2e/crash-sales.test.ts) lost a two-line cart to
// a SIGKILL. Reads are served from memory after the first; writes are queued per key, latest wins.
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
  let queue: Promise<void> = Promise.resolve();

  const write = (name: string, value: string | null): Promise<void> => {
    cache.set(name, value);
    queue = queue.then(async () => {
      if (cache.get(name) !== value) return; // a later write of this key is queued: it wins
      const db = await opening;
      const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
      if (value === null) tx.objectStore(STORE).delete(name);
      else tx.objectStore(STORE).put(value, name);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
      });
      // Written durably: an older copy in localStorage (before this storage existed) is obsolete.
      legacy?.removeItem(name);
    });
    const done = queue;
    queue = queue.catch((error: unknown) => console.error('durable state: write failed', error));
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
    flush: () => queue,
  };
}
