// Where the catalog's token index (product-search-index.ts) lives: in a Web Worker when the page
// can start one (the register in Electron and in a browser), so tokenizing a first run's 100,000
// names runs beside the download and the scans instead of on the main thread; in the same thread
// otherwise (Node, happy-dom tests, a worker that failed to start). Both answer the same calls;
// the worker's messages are catalog-search-protocol.ts.
import { DomainError } from '../../../shared/errors';
import {
  CatalogSearchHost,
  indexable,
  indexDocuments,
  searchableOf,
  type CatalogSearchReply,
  type CatalogSearchRequest,
} from './catalog-search-protocol';
import { ProductSearchIndex, type IndexHit, type Searchable } from './product-search-index';

export const CatalogSearchError = {
  /** The search worker stopped (failed to load or crashed); the catalog rebuilds in the same thread. */
  WORKER_FAILED: 'CATALOG_SEARCH_WORKER_FAILED',
} as const;

export interface CatalogSearch {
  /** Which implementation this is (the bench and the tests read it). */
  readonly kind: 'worker' | 'same-thread';
  /** Empties the index. */
  reset(): void;
  /** An arrived page (server order, deleted ones with `_deleted: true`); `bytes`: its response body, which may be transferred. */
  page(documents: readonly unknown[], bytes?: ArrayBuffer): void;
  upsertMany(products: readonly Searchable[]): void;
  remove(id: string): void;
  prepare(): void;
  search(text: string, limit: number): Promise<IndexHit[]>;
  dispose(): void;
}

/** The index in the main thread: every call applied at once. */
export class SameThreadCatalogSearch implements CatalogSearch {
  readonly kind = 'same-thread';
  private index = new ProductSearchIndex();

  reset(): void {
    this.index = new ProductSearchIndex();
  }

  page(documents: readonly unknown[]): void {
    indexDocuments(this.index, documents);
  }

  upsertMany(products: readonly Searchable[]): void {
    this.index.upsertMany(products);
  }

  remove(id: string): void {
    this.index.remove(id);
  }

  prepare(): void {
    this.index.prepare();
  }

  search(text: string, limit: number): Promise<IndexHit[]> {
    return Promise.resolve(this.index.search(text, limit));
  }

  dispose(): void {
    this.index = new ProductSearchIndex();
  }
}

/** The two ends of a worker the client needs (a real Worker, or a test's in-process pair). */
export interface SearchWorkerPort {
  postMessage(message: CatalogSearchRequest, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<CatalogSearchReply>) => void) | null;
  onerror: ((event: ErrorEvent | Event) => void) | null;
  terminate(): void;
}

/** The index in a worker: calls are posted in order, searches answered by message. */
export class WorkerCatalogSearch implements CatalogSearch {
  readonly kind = 'worker';
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (hits: IndexHit[]) => void; reject: (e: Error) => void }>();
  private failure: DomainError | undefined;

  /** `onFailure`: called once if the worker stops; its index is gone and must be rebuilt elsewhere. */
  constructor(
    private readonly worker: SearchWorkerPort,
    private readonly onFailure: (error: DomainError) => void = () => undefined,
  ) {
    worker.onmessage = (event) => this.reply(event.data);
    worker.onerror = (event) => {
      const message = (event as ErrorEvent).message || 'the worker could not be started';
      this.fail(message);
    };
  }

  reset(): void {
    this.post({ type: 'reset' });
  }

  page(documents: readonly unknown[], bytes?: ArrayBuffer): void {
    if (bytes) {
      this.post({ type: 'page', bytes }, [bytes]);
      return;
    }
    const plain: unknown[] = [];
    for (const doc of documents) {
      const { id, _deleted } = (doc ?? {}) as { id?: unknown; _deleted?: unknown };
      if (_deleted === true) plain.push({ id, _deleted: true });
      else if (indexable(doc)) plain.push(searchableOf(doc));
    }
    this.post({ type: 'documents', documents: plain });
  }

  upsertMany(products: readonly Searchable[]): void {
    if (products.length > 0) this.post({ type: 'documents', documents: products.map(searchableOf) });
  }

  remove(id: string): void {
    this.post({ type: 'remove', id });
  }

  prepare(): void {
    this.post({ type: 'prepare' });
  }

  search(text: string, limit: number): Promise<IndexHit[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<IndexHit[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ type: 'search', id, text, limit });
    });
  }

  dispose(): void {
    this.worker.terminate();
    this.fail('the catalog was stopped', false);
  }

  private post(message: CatalogSearchRequest, transfer?: Transferable[]): void {
    if (this.failure) return;
    try {
      this.worker.postMessage(message, transfer);
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
    }
  }

  private reply(reply: CatalogSearchReply): void {
    if (reply.type === 'hits') {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      waiter?.resolve(reply.hits);
      return;
    }
    // A failed page leaves the index incomplete: treat it like a stopped worker.
    this.fail(reply.message);
  }

  private fail(message: string, tell = true): void {
    if (this.failure) return;
    this.failure = new DomainError(
      CatalogSearchError.WORKER_FAILED,
      `Product search restarted on this register (${message}); results may take a moment.`,
    );
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiter of waiting) waiter.reject(this.failure);
    if (tell) this.onFailure(this.failure);
  }
}

/** A worker's side in the same thread (tests): replies are delivered as a worker's would be, asynchronously. */
export function inProcessSearchWorker(host = new CatalogSearchHost()): SearchWorkerPort {
  const port: SearchWorkerPort = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      // A transferred buffer is detached in the sender; a copy stands in for that here.
      const request = message.type === 'page' ? { ...message, bytes: message.bytes.slice(0) } : message;
      const reply = host.handle(request);
      if (reply) queueMicrotask(() => port.onmessage?.({ data: reply } as MessageEvent<CatalogSearchReply>));
    },
    terminate() {
      port.onmessage = null;
    },
  };
  return port;
}

/** The worker when the page can start one, else the same-thread index. */
export function createCatalogSearch(onFailure?: (error: DomainError) => void): CatalogSearch {
  if (typeof Worker !== 'function' || typeof window === 'undefined') return new SameThreadCatalogSearch();
  try {
    const worker = new Worker(new URL('./catalog-search.worker.ts', import.meta.url), {
      type: 'module',
      name: 'catalog-search',
    });
    return new WorkerCatalogSearch(worker as unknown as SearchWorkerPort, onFailure);
  } catch (error) {
    console.error('catalog: the search worker could not be started; searching in the main thread', error);
    return new SameThreadCatalogSearch();
  }
}
