// The CountsPort over the register's RxDB replica. The snapshot is the sum of the store's ledger as
// this register holds it (it pulls every movement of its store), and "after the snapshot" is "written
// here later" by RxDB's local write time (`_meta.lwt`): a sale rung on another register before the
// count started but synced after it is then still counted as a movement after the snapshot, with its
// own sale time deciding whether it happened before the shelf was counted.
import type { CountScope, CountSnapshot, ItemFacts, TimedMovement } from '../../../shared/inventory/counts';
import type { InventoryMovement } from '../../../shared/schemas/inventory';
import type { CountItem, CountsPort } from '../stock/counts-port';
import { loadIdentity } from './identity';
import { stockDatabase } from './stock-db';
import type { Db, Identity } from './types';

interface Meta {
  _meta: { lwt: number };
}

export class RxCountsSource implements CountsPort {
  constructor(
    private readonly db: Db,
    private readonly identity: Identity,
  ) {}

  storeId(): string {
    return this.identity.storeId;
  }

  deviceId(): string {
    return this.identity.deviceId;
  }

  async item(code: string): Promise<CountItem | undefined> {
    const text = code.trim();
    if (!text) return undefined;
    const found =
      (await this.db.products.findOne({ selector: { primaryBarcode: text } }).exec()) ??
      (await this.db.products.findOne({ selector: { sku: text } }).exec()) ??
      (await this.db.products.findOne({ selector: { sku: text.toUpperCase() } }).exec()) ??
      (await this.db.products.findOne({ selector: { barcodes: { $elemMatch: { $eq: text } } } }).exec());
    if (!found) return undefined;
    return {
      sku: found.sku,
      name: found.name,
      department: found.department,
      unitValue: found.cost ?? found.prices[0]?.amount ?? 0,
    };
  }

  async departments(): Promise<string[]> {
    const all = await this.db.products.find().exec();
    return [...new Set(all.map((p) => p.department))].sort();
  }

  async snapshot(scope: CountScope): Promise<{ snapshot: CountSnapshot; lwt: number }> {
    const storeId = this.identity.storeId;
    let skus: Set<string> | undefined;
    if (scope.kind === 'category') {
      const products = await this.db.products.find({ selector: { department: { $in: scope.departments } } }).exec();
      skus = new Set(products.map((p) => p.sku));
    }
    const docs = await this.db.inventory_movements.find({ selector: { storeId } }).exec();
    const onHand: Record<string, number> = {};
    let lwt = 0;
    for (const d of docs) {
      lwt = Math.max(lwt, (d.toJSON(true) as unknown as Meta)._meta.lwt);
      if (skus && !skus.has(d.sku)) continue;
      if (d.type === 'reservation' || d.type === 'release') continue;
      onHand[d.sku] = (onHand[d.sku] ?? 0) + d.quantity;
    }
    return { snapshot: { onHand, movementIds: [] }, lwt };
  }

  async movementsAfter(lwt: number): Promise<TimedMovement[]> {
    const docs = await this.db.inventory_movements.find({ selector: { storeId: this.identity.storeId } }).exec();
    return docs
      .filter((d) => (d.toJSON(true) as unknown as Meta)._meta.lwt > lwt)
      .map((d) => ({ id: d.id, sku: d.sku, type: d.type, quantity: d.quantity, createdAt: d.createdAt }));
  }

  async facts(skus: readonly string[]): Promise<Map<string, ItemFacts>> {
    const out = new Map<string, ItemFacts>();
    const wanted = new Set(skus);
    const products = await this.db.products.find({ selector: { sku: { $in: [...wanted] } } }).exec();
    for (const p of products)
      out.set(p.sku, { department: p.department, unitValue: p.cost ?? p.prices[0]?.amount ?? 0 });
    return out;
  }

  async record(movements: InventoryMovement[]): Promise<void> {
    if (movements.length === 0) return;
    const result = await this.db.inventory_movements.bulkInsert(movements);
    // Already recorded (a retried approval with name-based ids) is fine; anything else is not.
    const failed = result.error.filter((e) => e.status !== 409);
    if (failed.length > 0)
      throw new Error(`The stock movements could not be saved on this register (${failed[0]!.status}).`);
  }
}

export function registerCountsSource(identity: Identity | undefined = loadIdentity()): RxCountsSource | undefined {
  const db = stockDatabase();
  return db && identity ? new RxCountsSource(db, identity) : undefined;
}
