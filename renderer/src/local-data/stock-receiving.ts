// The ReceivingPort over the sync server's receiving API and the local catalog. Receiving reads
// the document from the server (HQ owns it); closing needs the server too, and the scans wait
// on the register (stock/receiving-store.ts keeps them across a restart) until it answers.
import type { CountedLine, PurchaseOrder } from '../../../shared/inventory/receiving';
import { loadIdentity } from './identity';
import { type FetchLike, SyncHttp } from '../sync/sync-http';
import type { ReceivingPort } from '../stock/receiving-port';
import { stockDatabase } from './stock-db';
import type { Db, Identity } from './types';

export const RECEIVING_API = '/api/inventory/purchase-orders';

export class RxReceivingSource implements ReceivingPort {
  private readonly http: SyncHttp;

  constructor(
    private readonly db: Db,
    identity: Identity,
    fetchImpl?: FetchLike,
  ) {
    this.http = new SyncHttp({
      baseUrl: identity.serverUrl,
      credential: identity.credential,
      timeoutMs: 10_000,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
  }

  async openOrders(): Promise<PurchaseOrder[]> {
    return (await this.http.json<{ orders: PurchaseOrder[] }>('GET', RECEIVING_API)).orders;
  }

  order(id: string): Promise<PurchaseOrder> {
    return this.http.json<PurchaseOrder>('GET', `${RECEIVING_API}/${encodeURIComponent(id)}`);
  }

  async skuFor(code: string): Promise<string | undefined> {
    const text = code.trim();
    const found =
      (await this.db.products.findOne({ selector: { primaryBarcode: text } }).exec()) ??
      (await this.db.products.findOne({ selector: { sku: text.toUpperCase() } }).exec()) ??
      (await this.db.products.findOne({ selector: { barcodes: { $elemMatch: { $eq: text } } } }).exec());
    return found?.sku;
  }

  close(id: string, lines: CountedLine[]): Promise<PurchaseOrder> {
    return this.http.json<PurchaseOrder>('POST', `${RECEIVING_API}/${encodeURIComponent(id)}/close`, { lines });
  }
}

export function registerReceivingSource(
  identity: Identity | undefined = loadIdentity(),
): RxReceivingSource | undefined {
  const db = stockDatabase();
  return db && identity ? new RxReceivingSource(db, identity) : undefined;
}
