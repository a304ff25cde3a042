// Product lookups over the local catalog, fast with 100,000 products. A scan is the hot path
// (target: line painted within a frame), so once warm every code a product answers to — primary
// barcode, alternate barcodes, SKU, scale PLU — sits in an in-memory map to its id, and a
// recently scanned product is served from a small cache without touching IndexedDB. Before the
// map is built, lookups use the indexed primaryBarcode/sku fields. Name search is an indexed
// prefix range with a limit.
import type { Subscription } from 'rxjs';
import type { Product } from '../../../shared/schemas';
import type { ProductView } from '../model/backend';
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

const RECENT_LIMIT = 500;
const PAGE = 1000;

type Indexed = Pick<Product, 'id' | 'primaryBarcode' | 'barcodes' | 'plu' | 'sku'>;

export class Catalog {
  private codes: Map<string, string> | undefined;
  private plus: Map<string, string> | undefined;
  private ready = false;
  private building: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  /** Most recently scanned products by id (Map keeps insertion order: oldest first). */
  private readonly recent = new Map<string, ProductView>();

  constructor(private readonly db: Db, private readonly priceBookId: () => string) {}

  async findByBarcode(code: string): Promise<ProductView | undefined> {
    if (this.ready) {
      const id = this.codes!.get(code) ?? this.codes!.get(code.toUpperCase());
      return id ? this.byId(id) : undefined;
    }
    const direct = await this.db.products.findOne({ selector: { primaryBarcode: code } }).exec();
    if (direct?.active) return this.remember(toView(direct.toJSON() as Product, this.priceBookId()));
    const bySku = await this.db.products.findOne({ selector: { sku: code } }).exec();
    if (bySku?.active) return this.remember(toView(bySku.toJSON() as Product, this.priceBookId()));
    await this.ensureMaps();
    const id = this.codes!.get(code);
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
    const skuId = this.codes?.get(text.trim().toUpperCase());
    const sku = skuId ? await this.byId(skuId) : undefined;
    if (sku) found.set(sku.id, sku);
    for (const doc of byName) {
      if (doc.active && !found.has(doc.id)) found.set(doc.id, toView(doc.toJSON() as Product, this.priceBookId()));
      if (found.size >= limit) break;
    }
    return [...found.values()];
  }

  /** Builds the code maps ahead of need (called when the register is idle). */
  warm(): Promise<void> {
    return this.ensureMaps();
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }

  private remember(view: ProductView): ProductView {
    this.recent.delete(view.id);
    this.recent.set(view.id, view);
    if (this.recent.size > RECENT_LIMIT) this.recent.delete(this.recent.keys().next().value!);
    return view;
  }

  private async byId(id: string): Promise<ProductView | undefined> {
    const cached = this.recent.get(id);
    if (cached) return this.remember(cached);
    // A primary-key read (findByIds), not a query: the cheapest way into IndexedDB.
    const doc = (await this.db.products.findByIds([id]).exec()).get(id);
    return doc?.active ? this.remember(toView(doc.toJSON() as Product, this.priceBookId())) : undefined;
  }

  private index(p: Indexed): void {
    if (p.primaryBarcode) this.codes!.set(p.primaryBarcode, p.id);
    for (const b of p.barcodes) this.codes!.set(b, p.id);
    this.codes!.set(p.sku, p.id);
    if (p.plu) this.plus!.set(p.plu, p.id);
  }

  private ensureMaps(): Promise<void> {
    this.building ??= (async () => {
      this.codes = new Map();
      this.plus = new Map();
      // Listen first so nothing written during the scan is missed; indexing twice is harmless.
      // A changed product also leaves the recent cache so its new price is read.
      this.subscription = this.db.products.$.subscribe((change) => {
        this.recent.delete(change.documentId);
        const doc = change.documentData as Product | undefined;
        if (doc) this.index(doc);
      });
      // Paged along the sku index so 100,000 products never sit in memory as documents at once.
      // (Paging by id made RxDB pick a department index and re-sort the whole collection for every
      // page: ~10 million rows read at 100k products.) $gte plus the ids already seen at the last
      // sku keeps duplicates of one sku from being skipped.
      let lastSku = '';
      let seenAtLastSku = new Set<string>();
      for (;;) {
        const page = await this.db.products
          .find({ selector: { sku: { $gte: lastSku } }, sort: [{ sku: 'asc' }], index: ['sku'], limit: PAGE })
          .exec();
        let fresh = 0;
        for (const doc of page) {
          if (doc.sku === lastSku && seenAtLastSku.has(doc.id)) continue;
          fresh += 1;
          this.index({ id: doc.id, primaryBarcode: doc.primaryBarcode, barcodes: doc.barcodes, plu: doc.plu, sku: doc.sku });
        }
        if (page.length < PAGE || fresh === 0) break;
        const tail = page[page.length - 1]!.sku;
        if (tail !== lastSku) seenAtLastSku = new Set();
        lastSku = tail;
        for (const doc of page) if (doc.sku === lastSku) seenAtLastSku.add(doc.id);
        // Yield between pages so scans keep their frame while the map is being built.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      this.ready = true;
    })().catch((error: unknown) => {
      // Forget the failed build so the next lookup starts a new one instead of failing forever.
      this.subscription?.unsubscribe();
      this.building = undefined;
      throw error;
    });
    return this.building;
  }
}
