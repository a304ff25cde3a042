// The chain's stores (id, code, name, coordinates) read from the config collection and kept in
// memory until a commit touches config: the availability API asks for them on every call, and
// reading 500 store documents per lookup would cost more than the lookup itself.
import { DomainError } from '../../shared/errors';
import { InventoryError } from '../../shared/inventory/errors';
import type { LatLng } from '../../shared/inventory/geo';
import { transitLocationId } from '../../shared/inventory/transit';
import type { Storage } from '../storage/storage';

export interface StoreInfo {
  id: string;
  code: string;
  name: string;
  location: LatLng | null;
  /** Where stock shipped to this store waits (derived once: SHA-1 in JS costs ~20 µs a store). */
  transitId: string;
}

const PAGE = 1000;

export class StoreDirectory {
  private cached: Promise<Map<string, StoreInfo>> | null = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly storage: Storage) {
    this.unsubscribe = storage.onCommit((notice) => {
      if (notice.changes.some((c) => c.collection === 'config')) this.cached = null;
    });
  }

  stores(): Promise<Map<string, StoreInfo>> {
    if (!this.cached) {
      const loading = this.load();
      this.cached = loading;
      // A failed read is not cached: the next call tries again.
      loading.catch(() => {
        if (this.cached === loading) this.cached = null;
      });
    }
    return this.cached;
  }

  /** The store with this id or code; an unknown one is a coded error naming it. */
  async find(ref: unknown): Promise<StoreInfo> {
    const stores = await this.stores();
    const text = typeof ref === 'string' ? ref : '';
    const store = stores.get(text) ?? [...stores.values()].find((s) => s.code === text);
    if (!store)
      throw new DomainError(
        InventoryError.UNKNOWN_STORE,
        `No store ${text || '(none given)'} is configured; use a store id or code such as S001.`,
        { field: 'storeId' },
      );
    return store;
  }

  close(): void {
    this.unsubscribe();
  }

  private async load(): Promise<Map<string, StoreInfo>> {
    const out = new Map<string, StoreInfo>();
    let afterSeq = 0;
    for (;;) {
      const page = await this.storage.pull({ collection: 'config', afterSeq, limit: PAGE, storeId: null });
      for (const doc of page) {
        const d = doc.data as {
          id?: unknown;
          kind?: unknown;
          key?: unknown;
          payload?: { name?: unknown; location?: { lat?: unknown; lng?: unknown } };
        };
        if (d.kind !== 'store' || typeof d.id !== 'string') continue;
        if (doc.deleted) {
          out.delete(d.id);
          continue;
        }
        const loc = d.payload?.location;
        out.set(d.id, {
          id: d.id,
          code: typeof d.key === 'string' ? d.key : d.id,
          name: typeof d.payload?.name === 'string' ? d.payload.name : String(d.key ?? d.id),
          location:
            loc && typeof loc.lat === 'number' && typeof loc.lng === 'number' ? { lat: loc.lat, lng: loc.lng } : null,
          transitId: transitLocationId(d.id),
        });
      }
      if (page.length < PAGE) break;
      afterSeq = page[page.length - 1]?.seq ?? afterSeq;
    }
    return out;
  }
}
