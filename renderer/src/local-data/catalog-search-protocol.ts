// The messages between the catalog (main thread) and the search index it keeps in a Web Worker
// (catalog-search.worker.ts), and the worker's side of them as a plain module, so the protocol is
// tested without a Worker (renderer unit tests run in Node and happy-dom). Tokenizing 100,000
// names is most of the catalog's indexing time on a first run (≈ 1.6 s of the main thread in the
// register bench); in the worker it runs beside the download instead of in its way. A pulled page
// goes over as the bytes of the server's answer (transferred, not copied): the worker parses them
// itself, so the main thread pays neither a second parse nor a structured clone of the documents.
import { ProductSearchIndex, type IndexHit, type Searchable } from './product-search-index';

/** What the catalog sends. Messages are applied in order; only `search` is answered. */
export type CatalogSearchRequest =
  /** Empties the index (a new build of the catalog's maps starts). */
  | { type: 'reset' }
  /** A pull page: the UTF-8 JSON of the server's answer, `{ documents: [...] }`. */
  | { type: 'page'; bytes: ArrayBuffer }
  /** Documents already parsed (stored products, pending ones, live changes); deleted ones carry `_deleted: true`. */
  | { type: 'documents'; documents: readonly unknown[] }
  | { type: 'remove'; id: string }
  /** Sorts names and keys ahead of the first search. */
  | { type: 'prepare' }
  | { type: 'search'; id: number; text: string; limit: number };

/** What the worker answers: a search's hits, or why the worker could not answer. */
export type CatalogSearchReply =
  { type: 'hits'; id: number; hits: IndexHit[] } | { type: 'failed'; id: number | undefined; message: string };

/** Whether a document can be indexed (the catalog logs and skips the others). */
export function indexable(p: unknown): p is Searchable {
  const doc = p as Partial<Searchable> | null;
  return (
    typeof doc === 'object' &&
    doc !== null &&
    typeof doc.id === 'string' &&
    typeof doc.sku === 'string' &&
    Array.isArray(doc.barcodes)
  );
}

/** Just the fields the search index reads (a plain object, cheap to post to the worker). */
export function searchableOf(p: Searchable): Searchable {
  return {
    id: p.id,
    name: p.name,
    searchName: p.searchName,
    sku: p.sku,
    primaryBarcode: p.primaryBarcode,
    barcodes: [...p.barcodes],
    active: p.active,
  };
}

/** A page of documents into the index, in server order: deleted ones leave, malformed ones are skipped. */
export function indexDocuments(index: ProductSearchIndex, documents: readonly unknown[]): void {
  const live: Searchable[] = [];
  for (const doc of documents) {
    if ((doc as { _deleted?: unknown } | null)?._deleted === true) index.remove((doc as { id: string }).id);
    else if (indexable(doc)) live.push(doc);
  }
  index.upsertMany(live);
}

const decoder = new TextDecoder();

/** The worker's side: applies each request to its index and answers searches. */
export class CatalogSearchHost {
  private index = new ProductSearchIndex();

  handle(request: CatalogSearchRequest): CatalogSearchReply | undefined {
    try {
      switch (request.type) {
        case 'reset':
          this.index = new ProductSearchIndex();
          return undefined;
        case 'page': {
          const page = JSON.parse(decoder.decode(request.bytes)) as { documents?: unknown };
          if (!Array.isArray(page?.documents)) throw new Error('a page without documents');
          indexDocuments(this.index, page.documents);
          return undefined;
        }
        case 'documents':
          indexDocuments(this.index, request.documents);
          return undefined;
        case 'remove':
          this.index.remove(request.id);
          return undefined;
        case 'prepare':
          this.index.prepare();
          return undefined;
        case 'search':
          return { type: 'hits', id: request.id, hits: this.index.search(request.text, request.limit) };
        default:
          throw new Error(`unknown request ${String((request as { type?: unknown }).type)}`);
      }
    } catch (error) {
      return {
        type: 'failed',
        id: request.type === 'search' ? request.id : undefined,
        message: error instanceof Error ? error.message : String(error),
      };
    }
  }

  get size(): number {
    return this.index.size;
  }
}
