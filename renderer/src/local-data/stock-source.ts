// The StockPort over the register's RxDB replica and the sync server's inventory API. Local first:
// this store's figure always comes out (from the register's own copy of the store's ledger when
// the server cannot be asked), and other stores' figures fall back to the last answer.
import { isDomainError } from '../../../shared/errors';
import { loadIdentity } from './identity';
import type { StockAlert } from '../../../shared/inventory/alerts';
import { INVENTORY_PATHS, type AvailabilityAnswer, type LedgerLine } from '../../../shared/inventory/availability';
import type { LedgerMovement, StockLevel } from '../../../shared/inventory/ledger';
import {
  registerLevel,
  styleOf,
  type RegisterLevel,
  type ServerSnapshot,
} from '../../../shared/inventory/register-view';
import { type FetchLike, SyncClientError, SyncHttp } from '../sync/sync-http';
import type { OtherStores, StockItem, StockPort } from '../stock/stock-port';
import { cacheAvailability, cachedAvailability, cachedSnapshot, cacheSnapshot } from './stock-cache';
import { stockDatabase } from './stock-db';
import type { Db, Identity } from './types';

const MAX_VARIANTS = 20;
// A lookup must answer while the clerk waits: past this the server counts as unreachable.
const LOOKUP_TIMEOUT_MS = 3000;
// sync-server/inventory/alert-routes.ts: a register is answered for its own store.
const ALERTS_PATH = '/api/inventory/alerts';

interface LedgerAnswer {
  lines: LedgerLine[];
  truncated: boolean;
  level: (StockLevel & Record<string, unknown>) | null;
}

function isOffline(error: unknown): boolean {
  return isDomainError(error, SyncClientError.OFFLINE);
}

export class RxStockSource implements StockPort {
  private readonly http: SyncHttp;

  constructor(
    private readonly db: Db,
    private readonly identity: Identity,
    fetchImpl?: FetchLike,
  ) {
    this.http = new SyncHttp({
      baseUrl: identity.serverUrl,
      credential: identity.credential,
      timeoutMs: LOOKUP_TIMEOUT_MS,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
  }

  storeId(): string {
    return this.identity.storeId;
  }

  async findItems(code: string): Promise<StockItem[]> {
    const text = code.trim();
    if (!text) return [];
    const found =
      (await this.db.products.findOne({ selector: { sku: text } }).exec()) ??
      (await this.db.products.findOne({ selector: { sku: text.toUpperCase() } }).exec()) ??
      (await this.db.products.findOne({ selector: { primaryBarcode: text } }).exec());
    if (!found) return [];
    const item = { sku: found.sku, name: found.name, barcode: found.primaryBarcode };
    const style = styleOf(found.sku);
    if (!style) return [item];
    // Same style = SKUs starting "STYLE-": a range on the sku index ('.' sorts right after '-').
    const siblings = await this.db.products
      .find({ selector: { sku: { $gte: `${style}-`, $lt: `${style}.` } }, limit: MAX_VARIANTS + 1 })
      .exec();
    const variants = siblings
      .filter((p) => p.sku !== found.sku && styleOf(p.sku) === style)
      .map((p) => ({ sku: p.sku, name: p.name, barcode: p.primaryBarcode }));
    return [item, ...variants.slice(0, MAX_VARIANTS)];
  }

  async localLevels(skus: readonly string[]): Promise<RegisterLevel[]> {
    const storeId = this.identity.storeId;
    const docs = await this.db.inventory_movements.find({ selector: { storeId, sku: { $in: [...skus] } } }).exec();
    const local: LedgerMovement[] = docs.map((d) => ({
      id: d.id,
      storeId: d.storeId,
      sku: d.sku,
      type: d.type,
      quantity: d.quantity,
    }));
    const snapshots = await Promise.all(skus.map((sku) => this.snapshot(sku)));
    return skus.map((sku, i) => {
      const snap = snapshots[i];
      // Over 1,000 movements the id list is cut short: without every id the pending ones cannot be
      // told apart, so the register shows the server's level as it is.
      return snap?.complete === false
        ? registerLevel(storeId, sku, snap.snapshot, [])
        : registerLevel(storeId, sku, snap?.snapshot, local);
    });
  }

  /** The server's level with the ids it counted (fresh when online, else the last one), or undefined. */
  private async snapshot(sku: string): Promise<{ snapshot: ServerSnapshot; complete: boolean } | undefined> {
    try {
      const query = `?storeId=${encodeURIComponent(this.identity.storeId)}&sku=${encodeURIComponent(sku)}`;
      const answer = await this.http.json<LedgerAnswer>('GET', `${INVENTORY_PATHS.ledger}${query}`);
      const level = answer.level ?? { storeId: this.identity.storeId, sku, onHand: 0, reserved: 0, available: 0 };
      const snapshot: ServerSnapshot = {
        level: {
          storeId: level.storeId,
          sku: level.sku,
          onHand: level.onHand,
          reserved: level.reserved,
          available: level.available,
        },
        countedIds: answer.lines.map((l) => l.id),
      };
      if (answer.truncated) return { snapshot, complete: false };
      cacheSnapshot(sku, snapshot);
      return { snapshot, complete: true };
    } catch (error) {
      if (!isOffline(error)) throw error;
      const cached = cachedSnapshot(sku);
      return cached ? { snapshot: cached, complete: true } : undefined;
    }
  }

  async alerts(): Promise<StockAlert[] | undefined> {
    try {
      const answer = await this.http.json<{ stores: { alerts: StockAlert[] }[] }>('GET', ALERTS_PATH);
      return answer.stores[0]?.alerts ?? [];
    } catch (error) {
      if (!isOffline(error)) throw error;
      return undefined;
    }
  }

  async otherStores(skus: readonly string[]): Promise<OtherStores | undefined> {
    try {
      const answer = await this.http.json<AvailabilityAnswer>('POST', INVENTORY_PATHS.availability, {
        skus: [...skus],
      });
      cacheAvailability(skus, answer);
      return { answer, live: true };
    } catch (error) {
      if (!isOffline(error)) throw error;
      const cached = cachedAvailability(skus);
      return cached ? { answer: cached, live: false } : undefined;
    }
  }
}

/** The stock source of this register, once it is enrolled and its database is open. */
export function registerStockSource(identity: Identity | undefined = loadIdentity()): RxStockSource | undefined {
  const db = stockDatabase();
  return db && identity ? new RxStockSource(db, identity) : undefined;
}
