// In-memory token index over the catalog for the search box: a clerk types any word of a name
// ("kettle" finds "Classic Kettle 12"), a SKU or part of one, or the first digits of a barcode.
// Words and codes sit in sorted arrays so a typed prefix is a binary search plus a short walk;
// a linear `includes` over 100,000 names was the slower alternative (see bench/RESULTS.md).
// Results are ranked: an exact code first, then names starting with the text, then token matches.

export const SearchMatch = { CODE: 'code', PREFIX: 'prefix', TOKEN: 'token' } as const;
export type SearchMatch = (typeof SearchMatch)[keyof typeof SearchMatch];

export interface Searchable {
  id: string;
  name: string;
  /** Lower-cased name plus brand, as the server writes it. */
  searchName: string;
  sku: string;
  primaryBarcode: string;
  barcodes: string[];
  active: boolean;
}

export interface IndexHit {
  id: string;
  match: SearchMatch;
}

interface Entry {
  name: string;
  words: string[];
  codes: string[];
}

const ASCII = /^[\x20-\x7e]*$/;

/** Lower case, accents stripped, trimmed: the same key the server writes into `searchName`. */
export function normalizeSearch(text: string): string {
  // NFKD is the slow step of indexing 100,000 names; plain ASCII has nothing to strip.
  const folded = ASCII.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return folded.toLowerCase().trim();
}

/** Words of a name or code: runs of letters and digits ("T-Shirt" → "t", "shirt"; "KIT-00123" → "kit", "00123"). */
export function tokens(text: string): string[] {
  return normalizeSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** A typed prefix shared by more products than this is answered by walking names in order (a page
 * of 20 fills within a few thousand names) instead of collecting and sorting every product under
 * it: "kettle" (1,800 of 100,000 products) took p50 50 ms collected and sorted, loaded machine. */
const BROAD = 200;

/** Sorted distinct keys, each with the ordinals of the products it belongs to. */
class SortedKeys {
  private readonly ids = new Map<string, number[]>();
  private sorted: string[] | undefined;

  add(key: string, n: number): void {
    const list = this.ids.get(key);
    if (list) list.push(n);
    else {
      this.ids.set(key, [n]);
      this.sorted = undefined;
    }
  }

  delete(key: string, n: number): void {
    const list = this.ids.get(key);
    if (!list) return;
    const at = list.indexOf(n);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) {
      this.ids.delete(key);
      this.sorted = undefined;
    }
  }

  exact(key: string): readonly number[] {
    return this.ids.get(key) ?? [];
  }

  /** Ordinals under every key starting with `prefix`; false when there are more than `cap`. */
  withPrefix(prefix: string, into: Set<number>, cap: number): boolean {
    const keys = (this.sorted ??= [...this.ids.keys()].sort());
    let i = lowerBound(keys, prefix, (k) => k);
    for (; i < keys.length && keys[i]!.startsWith(prefix); i++) {
      for (const n of this.ids.get(keys[i]!)!) into.add(n);
      if (into.size > cap) return false;
    }
    return true;
  }
}

function lowerBound<T>(list: readonly T[], key: string, of: (item: T) => string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (of(list[mid]!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** From this many products at once, appending and sorting once beats splicing each into place. */
const BULK_UPSERT = 500;

export class ProductSearchIndex {
  /** Entries by ordinal; a removed product leaves a hole (ordinals are never reused). */
  private readonly entries: (Entry & { id: string })[] = [];
  private readonly live = new Map<string, number>();
  /** Live ordinals in name order (ties by id), kept sorted on every change after the first sort. */
  private byName: number[] = [];
  private nameSorted = true;
  private readonly words = new SortedKeys();
  private readonly codes = new SortedKeys();

  get size(): number {
    return this.live.size;
  }

  /** Adds or replaces a product; an inactive product leaves the index (it is never sold). */
  upsert(p: Searchable): void {
    this.remove(p.id);
    if (!p.active) return;
    const words = [...new Set([...tokens(p.searchName || p.name), ...tokens(p.sku)])];
    const codes = [...new Set([p.sku, p.primaryBarcode, ...p.barcodes].filter(Boolean).map((c) => c.toLowerCase()))];
    const n = this.entries.length;
    this.entries.push({ id: p.id, name: normalizeSearch(p.name), words, codes });
    this.live.set(p.id, n);
    for (const w of words) this.words.add(w, n);
    for (const c of codes) this.codes.add(c, n);
    if (this.nameSorted && this.byName.length > 0 && this.live.size > 1_000) {
      this.byName.splice(this.namePosition(n), 0, n);
    } else {
      this.byName.push(n);
      this.nameSorted = false;
    }
  }

  /**
   * Adds or replaces many products at once (a pulled page). A large page is appended unsorted, so
   * the name order is sorted once by the next search or prepare() rather than spliced per product;
   * a few (a live price change) are spliced into place like upsert.
   */
  upsertMany(products: readonly Searchable[]): void {
    if (products.length >= BULK_UPSERT) this.nameSorted = false;
    for (const p of products) this.upsert(p);
  }

  remove(id: string): void {
    const n = this.live.get(id);
    if (n === undefined) return;
    const old = this.entries[n]!;
    this.live.delete(id);
    for (const w of old.words) this.words.delete(w, n);
    for (const c of old.codes) this.codes.delete(c, n);
    // While bulk-loading (not yet sorted) a plain search is cheaper than sorting first.
    const at = this.nameSorted ? this.namePosition(n) : -1;
    if (this.byName[at] === n) this.byName.splice(at, 1);
    else this.byName.splice(this.byName.indexOf(n), 1);
  }

  /** Sorts names and keys ahead of the first search (called once the catalog is loaded). */
  prepare(): void {
    this.sortedNames();
    this.words.withPrefix('\uffff', new Set(), 0);
    this.codes.withPrefix('\uffff', new Set(), 0);
  }

  /** Ranked ids for what the clerk typed; [] when nothing matches. */
  search(text: string, limit: number): IndexHit[] {
    const key = normalizeSearch(text);
    const terms = tokens(text);
    if (key === '' || terms.length === 0 || limit <= 0) return [];
    const names = this.sortedNames();
    const out: IndexHit[] = [];
    const taken = new Set<number>();
    const take = (n: number, match: SearchMatch): void => {
      if (out.length < limit && !taken.has(n)) {
        taken.add(n);
        out.push({ id: this.entries[n]!.id, match });
      }
    };
    // 1. A code typed in full (SKU, barcode), in name order when several products share it.
    [...this.codes.exact(key)].sort((a, b) => this.compare(a, b)).forEach((n) => take(n, SearchMatch.CODE));
    // 2. Names that start with the text: one contiguous run of the name order.
    for (let i = lowerBound(names, key, (n) => this.entries[n]!.name); i < names.length && out.length < limit; i++) {
      if (!this.entries[names[i]!]!.name.startsWith(key)) break;
      take(names[i]!, SearchMatch.PREFIX);
    }
    if (out.length >= limit) return out;
    // 3. Every term starts a word of the name/brand/SKU, or the text starts a code.
    const matches = (n: number): boolean => {
      const e = this.entries[n]!;
      return e.codes.some((c) => c.startsWith(key)) || terms.every((t) => e.words.some((w) => w.startsWith(t)));
    };
    const longest = terms.reduce((a, b) => (b.length > a.length ? b : a));
    const candidates = new Set<number>();
    if (this.words.withPrefix(longest, candidates, BROAD) && this.codes.withPrefix(key, candidates, BROAD)) {
      [...candidates]
        .filter((n) => !taken.has(n) && matches(n))
        .sort((a, b) => this.compare(a, b))
        .forEach((n) => take(n, SearchMatch.TOKEN));
    } else {
      for (let i = 0; i < names.length && out.length < limit; i++)
        if (!taken.has(names[i]!) && matches(names[i]!)) take(names[i]!, SearchMatch.TOKEN);
    }
    return out;
  }

  private compare(a: number, b: number): number {
    const x = this.entries[a]!;
    const y = this.entries[b]!;
    return x.name < y.name ? -1 : x.name > y.name ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  }

  private sortedNames(): number[] {
    if (!this.nameSorted) {
      this.byName.sort((a, b) => this.compare(a, b));
      this.nameSorted = true;
    }
    return this.byName;
  }

  private namePosition(n: number): number {
    const names = this.byName;
    let lo = 0;
    let hi = names.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(names[mid]!, n) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
