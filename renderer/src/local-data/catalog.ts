// Product lookups over the local catalog, fast with 100,000 products. A scan is the hot path
// (target: line painted within a frame), so once warm every code a product answers to — primary
// barcode, alternate barcodes, SKU, scale PLU — sits in an in-memory map to its id, and a
// recently scanned product is served from a small cache without touching IndexedDB. Before the
// map is built, lookups use the indexed primaryBarcode/sku fields. Search matches any word of a
// name, SKU or barcode through an in-memory token index (product-search-index.ts) fed in the
// same pass as the code maps; until it is built, search falls back to the indexed name prefix.
// The token index lives in a Web Worker when the page can start one (catalog-search.ts): an
// arriving page's response bytes go to it as they are, so tokenizing the names costs the main
// thread nothing; the code maps (what a scan reads) stay here.
// Each result carries the store's stock on hand from the replicated inventory levels.
// With a feed (the register's pull-only loop, sync/arriving-documents.ts), products and stock
// levels are read as soon as they have arrived from the server, before they are stored: arriving
// pages go straight into the code maps and the token index, and a pending document (newer than
// the stored copy) wins over IndexedDB. Products are server-owned (shared/schemas/ownership.ts), so
// with a feed its pages are the catalog's only change feed; without one, RxDB's change stream is.
import type { Subscription } from 'rxjs';
import { inventoryLevelId, type InventoryLevel, type Product } from '../../../shared/schemas';
import type { ProductView } from '../model/backend';
import { loadIdentity } from './identity';
import { SearchMatch, type Searchable } from './product-search-index';
import { createCatalogSearch, SameThreadCatalogSearch, type CatalogSearch } from './catalog-search';
import type { Db } from './types';
import type { ArrivingDocuments } from '../sync/arriving-documents';

/** Where the catalog reads documents that have arrived but may not be stored yet. */
export interface CatalogFeed {
  products: ArrivingDocuments;
  levels?: ArrivingDocuments;
}

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
    ...(p.openPrice ? { openPriceMax: p.openPrice.maxPrice } : {}),
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
/** An arriving page this large is part of a bulk load (pull pages hold up to 1,000). */
const BULK_PAGE = 500;
const PAGE = 1000;

type Indexed = Pick<Product, 'id' | 'primaryBarcode' | 'barcodes' | 'plu' | 'sku'> & Searchable;

/** Runs `work` when the main thread is idle (within 2 s), or on the next task outside a browser. */
function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: 2000 });
  else setTimeout(work, 0);
}

/** The enrolled register's store (browser storage); undefined in tests or before enrollment. */
function enrolledStoreId(): string | undefined {
  return typeof localStorage === 'undefined' ? undefined : loadIdentity()?.storeId;
}

export class Catalog {
  private codes: Map<string, string> | undefined;
  private plus: Map<string, string> | undefined;
  private words: CatalogSearch;
  private ready = false;
  private building: Promise<void> | undefined;
  /** Counts builds of the maps, so a build abandoned after a search-worker failure changes nothing. */
  private generation = 0;
  private subscription: Subscription | undefined;
  private readonly unlistenFeed: (() => void) | undefined;
  /** Ids indexed from the feed while the maps are being built: the stored copy read later is older. */
  private fedDuringBuild: Set<string> | undefined;
  private bulkArrived = false;
  /** Most recently scanned products by id (Map keeps insertion order: oldest first). */
  private readonly recent = new Map<string, ProductView>();

  constructor(
    private readonly db: Db,
    private readonly priceBookId: () => string,
    private readonly storeId: () => string | undefined = enrolledStoreId,
    private readonly feed?: CatalogFeed,
    /** Where the token index lives (the worker when the page can start one); `onFailure`: it stopped. */
    search: (onFailure: (error: Error) => void) => CatalogSearch = createCatalogSearch,
  ) {
    this.words = search((error) => this.searchFailed(error));
    this.unlistenFeed = feed?.products.listen({
      documents: (docs, bytes) => this.arrived(docs as readonly Product[], bytes),
      // After a bulk arrival (a first run), sort once the pull has caught up and the register is
      // idle (not in the way of the sign-in screen), not on the first search after it; a search
      // before then sorts itself; a live change of a few products leaves that to the next search.
      caughtUp: () => {
        if (this.ready && this.bulkArrived) {
          if (this.words.kind === 'worker') this.words.prepare();
          else whenIdle(() => this.words.prepare());
        }
        this.bulkArrived = false;
      },
    });
  }

  async findByBarcode(code: string): Promise<ProductView | undefined> {
    if (this.ready) {
      const id = this.codes!.get(code) ?? this.codes!.get(code.toUpperCase());
      return id ? this.byId(id) : undefined;
    }
    // While the maps are built, what has arrived from the server is already in them.
    const known = this.codes?.get(code);
    if (known) {
      const view = await this.byId(known);
      if (view) return view;
    }
    const direct = await this.db.products.findOne({ selector: { primaryBarcode: code } }).exec();
    const directView = direct && this.viewOf(this.current(direct.id, direct.toJSON() as Product));
    if (directView) return this.remember(directView);
    const bySku = await this.db.products.findOne({ selector: { sku: code } }).exec();
    const skuView = bySku && this.viewOf(this.current(bySku.id, bySku.toJSON() as Product));
    if (skuView) return this.remember(skuView);
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
    const hits = this.ready ? await this.words.search(text, limit).catch(() => undefined) : undefined;
    if (hits) {
      const stored = await this.storedProducts(hits.map((h) => h.id));
      views = [];
      for (const hit of hits) {
        const view = this.viewOf(this.current(hit.id, stored.get(hit.id)));
        if (view) views.push({ view, match: hit.match });
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
      const view = found.has(doc.id) ? undefined : this.viewOf(this.current(doc.id, doc.toJSON() as Product));
      if (view) found.set(doc.id, { view, match: SearchMatch.PREFIX });
    }
    return [...found.values()];
  }

  /** Stock on hand in this register's store: one primary-key read for all results. */
  private async withStock(views: { view: ProductView; match: SearchMatch }[]): Promise<SearchHit[]> {
    const storeId = this.storeId();
    const pending = this.feed?.levels;
    const ids = storeId ? views.map((v) => inventoryLevelId(storeId, v.view.sku)) : [];
    const unread = ids.filter((id) => pending?.get(id) === undefined);
    const levels =
      unread.length > 0
        ? await this.db.inventory_levels.findByIds(unread).exec()
        : new Map<string, { toJSON(): unknown }>();
    return views.map(({ view, match }, i) => {
      const id = ids[i];
      const arrived = id === undefined ? undefined : pending?.get(id);
      const level = (arrived === undefined ? id && levels.get(id)?.toJSON() : arrived) as
        InventoryLevel | undefined | null;
      return { ...view, match, onHand: level?.onHand, available: level?.available };
    });
  }

  /** Builds the code maps ahead of need (called when the register is idle). */
  warm(): Promise<void> {
    return this.ensureMaps();
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.unlistenFeed?.();
    this.words.dispose();
  }

  /** Which index answers searches ('worker' or 'same-thread'). */
  get searchKind(): CatalogSearch['kind'] {
    return this.words.kind;
  }

  /** The search worker stopped: its index is gone, so the maps are built again in this thread. */
  private searchFailed(error: Error): void {
    console.error('catalog: the search worker stopped; rebuilding the index in the main thread', error);
    this.words = new SameThreadCatalogSearch();
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.ready = false;
    this.building = undefined;
    this.generation += 1;
    this.ensureMaps().catch((e: unknown) => console.error('catalog: rebuilding the index failed', e));
  }

  /** The newest copy of a product: the arrived one if pending (null: deleted), else the stored one. */
  private current(id: string, stored: Product | undefined): Product | null | undefined {
    const arrived = this.feed?.products.get(id);
    return arrived === undefined ? stored : (arrived as Product | null);
  }

  private viewOf(doc: Product | null | undefined): ProductView | undefined {
    return doc?.active ? toView(doc, this.priceBookId()) : undefined;
  }

  /** Stored copies of the products that are not pending (those are read from the feed). */
  private async storedProducts(ids: readonly string[]): Promise<Map<string, Product>> {
    const unread = ids.filter((id) => this.feed?.products.get(id) === undefined);
    const out = new Map<string, Product>();
    if (unread.length === 0) return out;
    for (const [id, doc] of await this.db.products.findByIds(unread).exec()) out.set(id, doc.toJSON() as Product);
    return out;
  }

  /** Arrived pages go into the maps (once they exist; until then the build reads the feed). */
  private arrived(docs: readonly Product[], bytes?: ArrayBuffer): void {
    for (const doc of docs) this.recent.delete(doc.id);
    if (!this.codes) return;
    if (docs.length >= BULK_PAGE) this.bulkArrived = true;
    for (const doc of docs) {
      this.fedDuringBuild?.add(doc.id);
      if ((doc as { _deleted?: unknown })._deleted !== true) this.indexCodes(doc);
    }
    // The same page into the token index: removals and upserts in server order, malformed skipped.
    this.words.page(docs, bytes);
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
    const arrived = this.feed?.products.get(id);
    const doc =
      arrived === undefined
        ? ((await this.db.products.findByIds([id]).exec()).get(id)?.toJSON() as Product | undefined)
        : (arrived as Product | null);
    const view = this.viewOf(doc);
    return view ? this.remember(view) : undefined;
  }

  private index(p: Indexed): void {
    if (this.indexCodes(p)) this.words.upsertMany([p]);
  }

  /** The product's codes into the code maps; false (and logged) for a malformed product. */
  private indexCodes(p: Indexed): boolean {
    if (typeof p.id !== 'string' || typeof p.sku !== 'string' || !Array.isArray(p.barcodes)) {
      console.error('catalog: a product without id, sku or barcodes was not indexed', p?.id);
      return false;
    }
    if (p.primaryBarcode) this.codes!.set(p.primaryBarcode, p.id);
    for (const b of p.barcodes) this.codes!.set(b, p.id);
    this.codes!.set(p.sku, p.id);
    if (p.plu) this.plus!.set(p.plu, p.id);
    return true;
  }

  private ensureMaps(): Promise<void> {
    const generation = this.generation;
    this.building ??= (async () => {
      this.codes = new Map();
      this.plus = new Map();
      this.words.reset();
      const feed = this.feed?.products;
      if (feed) {
        // Pending documents first; pages arriving during the build go straight in (arrived()).
        this.fedDuringBuild = new Set();
        this.arrived(feed.live() as Product[]);
      } else {
        // Listen first so nothing written during the scan is missed; indexing twice is harmless.
        // A changed product also leaves the recent cache so its new price is read.
        this.subscription = this.db.products.$.subscribe((change) => {
          this.recent.delete(change.documentId);
          const doc = change.documentData as Product | undefined;
          if (change.operation === 'DELETE') this.words.remove(change.documentId);
          else if (doc) this.index(doc);
        });
      }
      // A stored copy older than what arrived (or deleted since) is not indexed.
      const stale = (id: string) => this.fedDuringBuild?.has(id) === true || feed?.get(id) !== undefined;
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
        if (generation !== this.generation) return;
        let fresh = 0;
        const batch: Indexed[] = [];
        for (const doc of page) {
          if (doc.sku === lastSku && seenAtLastSku.has(doc.id)) continue;
          fresh += 1;
          if (!stale(doc.id) && this.indexCodes(doc)) batch.push(doc);
        }
        this.words.upsertMany(batch);
        if (page.length < PAGE || fresh === 0) break;
        const tail = page[page.length - 1]!.sku;
        if (tail !== lastSku) seenAtLastSku = new Set();
        lastSku = tail;
        for (const doc of page) if (doc.sku === lastSku) seenAtLastSku.add(doc.id);
        // Yield between pages so scans keep their frame while the map is being built.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (generation !== this.generation) return;
      this.fedDuringBuild = undefined;
      this.words.prepare();
      this.ready = true;
    })().catch((error: unknown) => {
      // Forget the failed build so the next lookup starts a new one instead of failing forever.
      if (generation === this.generation) {
        this.subscription?.unsubscribe();
        this.fedDuringBuild = undefined;
        this.building = undefined;
      }
      throw error;
    });
    return this.building;
  }
}
