// Last answers from the server, kept so the stock screen has something to show offline (with its
// age): other stores' availability per SKU set, and this store's server snapshot per SKU. Kept in
// localStorage (a few KB per item looked up; the oldest entries are dropped past MAX_ENTRIES).
import type { AvailabilityAnswer } from '../../../shared/inventory/availability';
import type { ServerSnapshot } from '../../../shared/inventory/register-view';

const PREFIX = 'pos.stock.';
const MAX_ENTRIES = 200;

function read<T>(key: string, storage: Storage): T | undefined {
  try {
    const raw = storage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    // A damaged entry is as good as none: the next online lookup rewrites it.
    return undefined;
  }
}

function write(key: string, value: unknown, storage: Storage): void {
  try {
    storage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full: drop the cache (it only speeds offline answers) and try once more.
    for (const k of Object.keys(storage)) if (k.startsWith(PREFIX)) storage.removeItem(k);
    storage.setItem(PREFIX + key, JSON.stringify(value));
  }
  const keys = Object.keys(storage).filter((k) => k.startsWith(PREFIX));
  if (keys.length > MAX_ENTRIES) for (const k of keys.slice(0, keys.length - MAX_ENTRIES)) storage.removeItem(k);
}

const availabilityKey = (skus: readonly string[]) => `availability:${[...skus].sort().join(',')}`;

export function cachedAvailability(
  skus: readonly string[],
  storage: Storage = localStorage,
): AvailabilityAnswer | undefined {
  return read<AvailabilityAnswer>(availabilityKey(skus), storage);
}

export function cacheAvailability(
  skus: readonly string[],
  answer: AvailabilityAnswer,
  storage: Storage = localStorage,
): void {
  write(availabilityKey(skus), answer, storage);
}

export function cachedSnapshot(sku: string, storage: Storage = localStorage): ServerSnapshot | undefined {
  return read<ServerSnapshot>(`snapshot:${sku}`, storage);
}

export function cacheSnapshot(sku: string, snapshot: ServerSnapshot, storage: Storage = localStorage): void {
  write(`snapshot:${sku}`, snapshot, storage);
}
