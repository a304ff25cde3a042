// Product lookups over the local catalog, fast with 100,000 products: the primary barcode and the
// SKU through indexes, alternate barcodes and scale PLUs through an in-memory map built on first
// need and kept current from the collection's change stream, and name search as an indexed
// prefix range with a limit.
import type { Subscription } from 'rxjs';
import type { Product } from '../../../shared/schemas';
import type { ProductView } from '../adapters/backend';
import type { Db } from './types';

export function toView(p: Product, priceBookId: string): ProductView {
  const price = p.prices.find((x) => x.priceBookId === priceBookId) ?? p.prices[0]!;
  return {
    id: p.id, sku: p.sku, name: p.name, barcodes: [p.primaryBarcode, ...p.barcodes].filter(Boolean),
    price: price.amount, soldByWeight: p.unit === 'kg', taxCategory: p.taxCategory, category: p.category ?? p.department, department: p.department,
  };
}

/** The search key the server writes into `searchName`: lower case, accents stripped. */
export function searchKey(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

export class Catalog {
  private alternates: Map<string, string> | undefined;
  private plus: Map<string, string> | undefined;
  private building: Promise<void> | undefined;
  private subscription: Subscription | undefined;

  constructor(private readonly db: Db, private readonly priceBookId: () => string) {}

  async findByBarcode(code: string): Promise<ProductView | undefined> {
    const direct = await this.db.products.findOne({ selector: { primaryBarcode: code } }).exec();
    if (direct?.active) return toView(direct.toJSON() as Product, this.priceBookId());
    const bySku = await this.db.products.findOne({ selector: { sku: code } }).exec();
    if (bySku?.active) return toView(bySku.toJSON() as Product, this.priceBookId());
    await this.ensureMaps();
    const id = this.alternates!.get(code);
    return id ? this.byId(id) : undefined;
  }

  async findByPlu(plu: string): Promise<ProductView | undefined> {
    await this.ensureMaps();
    const id = this.plus!.get(plu);
    return id ? this.byId(id) : undefined;
  }

  async search(text: string, limit: number): Promise<ProductView[]> {
    const key = searchKey(text);
    if (key.length === 0) return [];
    // Prefix range on the indexed searchName; '\uffff' closes the range.
    const byName = await this.db.products
      .find({ selector: { searchName: { $gte: key, $lt: `${key}\uffff` } }, sort: [{ searchName: 'asc' }], limit: limit * 2 })
      .exec();
    const found = new Map<string, ProductView>();
    const sku = await this.db.products.findOne({ selector: { sku: text.trim().toUpperCase() } }).exec();
    for (const doc of [...(sku ? [sku] : []), ...byName]) {
      if (doc.active && !found.has(doc.id)) found.set(doc.id, toView(doc.toJSON() as Product, this.priceBookId()));
      if (found.size >= limit) break;
    }
    return [...found.values()];
  }

  /** Builds the alternate-code maps ahead of need (call when the register is idle). */
  warm(): Promise<void> {
    return this.ensureMaps();
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }

  private async byId(id: string): Promise<ProductView | undefined> {
    const doc = await this.db.products.findOne(id).exec();
    return doc?.active ? toView(doc.toJSON() as Product, this.priceBookId()) : undefined;
  }

  private index(p: Pick<Product, 'id' | 'barcodes' | 'plu'>): void {
    for (const b of p.barcodes) this.alternates!.set(b, p.id);
    if (p.plu) this.plus!.set(p.plu, p.id);
  }

  private ensureMaps(): Promise<void> {
    this.building ??= (async () => {
      this.alternates = new Map();
      this.plus = new Map();
      // Listen first so nothing written during the scan is missed; indexing twice is harmless.
      this.subscription = this.db.products.$.subscribe((change) => {
        const doc = change.documentData as Product | undefined;
        if (doc) this.index(doc);
      });
      // Paged by id so 100,000 products never sit in memory as documents at once.
      let last = '';
      for (;;) {
        const page = await this.db.products.find({ selector: { id: { $gt: last } }, sort: [{ id: 'asc' }], limit: 5000 }).exec();
        for (const doc of page) this.index({ id: doc.id, barcodes: doc.barcodes, plu: doc.plu });
        if (page.length < 5000) break;
        last = page[page.length - 1]!.id;
      }
    })();
    return this.building;
  }
}
