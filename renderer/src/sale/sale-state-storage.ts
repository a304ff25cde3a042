// Where the open sale and its tenders are kept between runs. The composition root (main.tsx) plugs
// in the durable IndexedDB storage (local-data/durable-state-storage.ts: localStorage reached the
// disk seconds late, and a SIGKILL lost carts) and restores both stores before the register is
// shown. Until a storage is plugged in (unit tests), localStorage serves.
import { createJSONStorage, type StateStorage } from 'zustand/middleware';

let backing: StateStorage | undefined;

function current(): StateStorage {
  if (backing) return backing;
  if (typeof localStorage !== 'undefined') return localStorage;
  throw new Error('No storage for the open sale: plug one in with useSaleStateStorage().');
}

/** The `storage` option of the cart and tender stores (both `persist` with skipHydration). */
export const saleStateStorage = createJSONStorage(() => ({
  getItem: (name: string) => current().getItem(name),
  setItem: (name: string, value: string) => current().setItem(name, value),
  removeItem: (name: string) => current().removeItem(name),
}));

export function useSaleStateStorage(storage: (StateStorage & { flush?(): Promise<void> }) | undefined): void {
  backing = storage;
}

/** Resolves when the open sale and its tenders, as they are now, are on disk (if the storage can tell). */
export async function flushSaleState(): Promise<void> {
  await (backing as { flush?(): Promise<void> } | undefined)?.flush?.();
}

/** Writes one key of the sale storage; resolves when it is on disk (durable storage) or stored. */
export async function writeSaleKey(name: string, value: string | null): Promise<void> {
  const storage = current();
  await (value === null ? storage.removeItem(name) : storage.setItem(name, value));
}

export async function readSaleKey(name: string): Promise<string | null> {
  return await current().getItem(name);
}
