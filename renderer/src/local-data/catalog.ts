// Product lookups over the local catalog, fast with 100,000 products. A scan is the hot path
// (target: line painted within a frame), so once warm every code a product answers to — primary
// barcode, alternate barcodes, SKU, scale PLU — sits in an in-memory map to its id, and a
// recently scanned product is served from a small cache without touching IndexedDB. Before the
// map is built, lookups use the indexed primaryBarcode/sku fields. Search matches any word of a
// name, SKU or barcode through an in-memory token index (product-search-index.ts) built in the
// same pass as the code maps; until it is built, search falls back to the indexed name prefix.
// Each result carries the store's stock on hand from the replicated inventory levels.
import type { Subscription } from 'rxjs';
import { inventoryLevelId, type InventoryLevel, type Product } from '../../../shared/schemas';
import type { ProductView } from '../model/backend';
import { loadIdentity } from './identity';
import { ProductSearchIndex, SearchMatch, type Searchable } from './product-search-index';
import type { Db } from './types';

/** One search result: the product, how it matched, and the store's stock (undefined: no level yet). */
export interface SearchHit extends ProductView {
  match: SearchMatch;
  onHand: number | undefined;
  available: number | undefined;
}

/** What a search answered; `results` empty means "No results for …" (`message` says so). */
export interface SearchAnswer {
  query: string;
  results: SearchHit[];
  message: string | undefined;
}

export function toView(p: Product, priceBookId: string): ProductView {
  const price = p.prices.find((x) => x.priceBookId === priceBookId) ?? p.prices[0]!;
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    barcodes: [p.primaryBarcode, ...p.barcodes].filter(Boolean),
    price: price.amount,
    soldByWeight: p.unit === 'kg',
    taxCategory: p.taxCategory,
    category: p.category ?? p.department,
    department: p.department,
  };
}

/** The search key the server writes into `searchName`: lower case, accents stripped. */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

const RECENT_LIMIT = 500;
const PAGE = 1000;

type Indexed = Pick<Product, 'id' | 'primaryBarcode' | 'barcodes' | 'plu' | 'sku'> & Searchable;

/** The enrolled register's store (browser storage); undefined in tests or before enrollment. */
function enrolledStoreId(): string | undefined {
  return typeof localStorage === 'undefined' ? undefined : loadIdentity()?.storeId;
}

export class Catalog {
  private codes: Map<string, string> | undefined;
  private plus: Map<string, string> | undefined;
  private words = new ProductSearchIndex();
  private ready = false;
  private building: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  /** Most recently scanned products by id (Map keeps insertion order: oldest first). */
  private readonly recent = new Map<string, ProductView>();

  constructor(
    private readonly db: Db,
    private readonly priceBookId: () => string,
    private readonly storeId: () => string | undefined = enrolledStoreId,
  ) {}

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

  /** Ranked results for the search box (the Backend port's shape); see `find` for the full answer. */
  async search(text: string, limit: number): Promise<SearchHit[]> {
    return (await this.find(text, limit)).results;
  }

  /**
   * Searches any word of name and brand, the SKU and its parts, and barcode prefixes: an exact
   * code first, then names starting with the text, then token matches, alphabetically within each.
   */
  async find(text: string, limit: number): Promise<SearchAnswer> {
    const query = text.trim();
    const key = searchKey(text);
    if (key.length === 0) return { query, results: [], message: undefined };
    let views: { view: ProductView; match: SearchMatch }[];
    if (this.ready) {
      const hits = this.words.search(text, limit);
      const docs = await this.db.products.findByIds(hits.map((h) => h.id)).exec();
      views = [];
      for (const hit of hits) {
        const doc = docs.get(hit.id);
        if (doc?.active) views.push({ view: toView(doc.toJSON() as Product, this.priceBookId()), match: hit.match });
      }
    } else {
      views = await this.prefixSearch(text, key, limit);
      void this.ensureMaps().catch(() => undefined); // the next search uses the token index
    }
    const results = await this.withStock(views);
    return {
      query,
      results,
      message: results.length === 0 ? `No results for “${query}”. Check the spelling, or scan the barcode.` : undefined,
    };
  }

  /** Before the token index exists: the indexed name prefix plus an exact SKU or barcode. */
  private async prefixSearch(
    text: string,
    key: string,
    limit: number,
  ): Promise<{ view: ProductView; match: SearchMatch }[]> {
    const byName = await this.db.products
      .find({
        selector: { searchName: { $gte: key, $lt: `${key}\uffff` } },
        sort: [{ searchName: 'asc' }],
        limit: limit * 2,
      })
      .exec();
    const found = new Map<string, { view: ProductView; match: SearchMatch }>();
    const code = await this.findByBarcode(text.trim());
    if (code) found.set(code.id, { view: code, match: SearchMatch.CODE });
    for (const doc of byName) {
      if (found.size >= limit) break;
      if (doc.active && !found.has(doc.id))
        found.set(doc.id, { view: toView(doc.toJSON() as Product, this.priceBookId()), match: SearchMatch.PREFIX });
    }
    return [...found.values()];
  }

  /** Stock on hand in this register's store: one primary-key read for all results. */
  private async withStock(views: { view: ProductView; match: SearchMatch }[]): Promise<SearchHit[]> {
    const storeId = this.storeId();
    const levels =
      storeId && views.length > 0
        ? await this.db.inventory_levels.findByIds(views.map((v) => inventoryLevelId(storeId, v.view.sku))).exec()
        : new Map<string, { toJSON(): unknown }>();
    return views.map(({ view, match }) => {
      const level = storeId
        ? (levels.get(inventoryLevelId(storeId, view.sku))?.toJSON() as InventoryLevel | undefined)
        : undefined;
      return { ...view, match, onHand: level?.onHand, available: level?.available };
    });
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
    this.words.upsert(p);
  }

  private ensureMaps(): Promise<void> {
    this.building ??= (async () => {
      this.codes = new Map();
      this.plus = new Map();
      this.words = new ProductSearchIndex();
      // Listen first so nothing written during the scan is missed; indexing twice is harmless.
      // A changed product also leaves the recent cache so its new price is read.
      this.subscription = this.db.products.$.subscribe((change) => {
        this.recent.delete(change.documentId);
        const doc = change.documentData as Product | undefined;
        if (change.operation === 'DELETE') this.words.remove(change.documentId);
        else if (doc) this.index(doc);
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
          this.index(doc);
        }
        if (page.length < PAGE || fresh === 0) break;
        const tail = page[page.length - 1]!.sku;
        if (tail !== lastSku) seenAtLastSku = new Set();
        lastSku = tail;
        for (const doc of page) if (doc.sku === lastSku) seenAtLastSku.add(doc.id);
        // Yield between pages so scans keep their frame while the map is being built.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      this.words.prepare();
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
