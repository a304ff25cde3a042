// The open sale's storage: what was written is read back by a fresh instance (a restart), the
// latest of several quick writes wins, a removal sticks, and a value from the old localStorage
// home is picked up once and then dropped there.
import { describe, expect, it, vi } from 'vitest';
import { IDBDatabase, IDBFactory } from 'fake-indexeddb';
import { durableStateStorage } from './durable-state-storage';

function legacyStorage(values: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(values));
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('durable state storage', () => {
  it('survives a restart, keeps the latest of quick writes, and removes', async () => {
    const indexedDB = new IDBFactory();
    const first = durableStateStorage({ indexedDB, legacy: undefined });
    void first.setItem('cart', '{"lines":1}');
    void first.setItem('cart', '{"lines":2}');
    void first.setItem('other', 'x');
    expect(await first.getItem('cart')).toBe('{"lines":2}'); // read-your-writes before disk
    await first.removeItem('other');
    await first.flush();
    const restarted = durableStateStorage({ indexedDB, legacy: undefined });
    expect(await restarted.getItem('cart')).toBe('{"lines":2}');
    expect(await restarted.getItem('other')).toBeNull();
  });

  it('reads a cart saved by the older localStorage version once, then moves it', async () => {
    const legacy = legacyStorage({ cart: '{"lines":3}' });
    const storage = durableStateStorage({ indexedDB: new IDBFactory(), legacy });
    expect(await storage.getItem('cart')).toBe('{"lines":3}');
    await storage.setItem('cart', '{"lines":4}');
    expect(legacy.getItem('cart')).toBeNull();
  });

  it("starts each write in the caller's task once open, and flush waits for every write so far", async () => {
    const indexedDB = new IDBFactory();
    const storage = durableStateStorage({ indexedDB, legacy: undefined });
    await storage.getItem('warm-up'); // the database is open
    const created: string[] = [];
    const real = IDBDatabase.prototype.transaction;
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
      this: IDBDatabase,
      ...args: Parameters<IDBDatabase['transaction']>
    ) {
      created.push(String(args[1]));
      return real.apply(this, args);
    });
    void storage.setItem('cart', 'a');
    void storage.setItem('cart', 'b');
    expect(created).toEqual(['readwrite', 'readwrite']); // both on their way, none queued behind the other
    spy.mockRestore();
    await storage.flush();
    const restarted = durableStateStorage({ indexedDB, legacy: undefined });
    expect(await restarted.getItem('cart')).toBe('b');
  });
});
