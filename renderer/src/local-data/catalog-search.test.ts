// The catalog's search worker: its side of the message protocol as a plain module (pages as bytes,
// removals, reset, failures), the main thread's client (ordering, transfer of a page's bytes, a
// stopped worker), and the catalog falling back to a same-thread index when the worker stops.
import { afterEach, describe, expect, it } from 'vitest';
import { fixtures, FIXTURE_IDS } from '../../../test/support/fixtures/documents';
import { memoryDb } from '../../../test/support/register-data';
import { Catalog } from './catalog';
import {
  CatalogSearchError,
  createCatalogSearch,
  inProcessSearchWorker,
  WorkerCatalogSearch,
  type SearchWorkerPort,
} from './catalog-search';
import { CatalogSearchHost, type CatalogSearchReply, type CatalogSearchRequest } from './catalog-search-protocol';
import type { Db } from './types';

const product = (n: number, name: string) => ({
  id: `p-${n}`,
  name,
  searchName: name.toLowerCase(),
  sku: `SKU-${n}`,
  primaryBarcode: `400000000${n}`,
  barcodes: [`ALT-${n}`],
  active: true,
});

const bytesOf = (value: unknown): ArrayBuffer => new TextEncoder().encode(JSON.stringify(value)).buffer;

describe('search worker host (the worker side, as a plain module)', () => {
  it('indexes a page from its bytes, in server order, and answers a search with its id', () => {
    const host = new CatalogSearchHost();
    const page = {
      documents: [product(1, 'Copper kettle'), product(2, 'Steel kettle'), { id: 'bad', name: 'no sku' }],
      checkpoint: { seq: 3 },
    };
    expect(host.handle({ type: 'page', bytes: bytesOf(page) })).toBeUndefined();
    expect(host.size).toBe(2); // the malformed document is skipped
    expect(host.handle({ type: 'search', id: 7, text: 'kettle', limit: 10 })).toEqual({
      type: 'hits',
      id: 7,
      hits: [
        { id: 'p-1', match: 'token' },
        { id: 'p-2', match: 'token' },
      ],
    });
    host.handle({ type: 'documents', documents: [{ id: 'p-1', _deleted: true }] });
    host.handle({ type: 'remove', id: 'p-2' });
    expect(host.handle({ type: 'search', id: 8, text: 'kettle', limit: 10 })).toMatchObject({ hits: [] });
    host.handle({ type: 'documents', documents: [product(3, 'Mug')] });
    host.handle({ type: 'reset' });
    expect(host.size).toBe(0);
  });

  it('answers a page it cannot read, or an unknown request, with a failure instead of throwing', () => {
    const host = new CatalogSearchHost();
    const garbled = new TextEncoder().encode('{"documents": [').buffer;
    expect(host.handle({ type: 'page', bytes: garbled })).toMatchObject({ type: 'failed', id: undefined });
    expect(host.handle({ type: 'page', bytes: bytesOf({ rows: [] }) })).toMatchObject({
      type: 'failed',
      message: 'a page without documents',
    });
    expect(host.handle({ type: 'nonsense' } as unknown as CatalogSearchRequest)).toMatchObject({ type: 'failed' });
  });
});

/** A port that records what is posted and lets the test answer or fail. */
function recordingPort() {
  const posted: { message: CatalogSearchRequest; transfer?: Transferable[] }[] = [];
  const port: SearchWorkerPort & { posted: typeof posted; answer(reply: CatalogSearchReply): void; crash(): void } = {
    posted,
    onmessage: null,
    onerror: null,
    postMessage(message, transfer) {
      posted.push({ message, transfer });
    },
    terminate() {},
    answer(reply) {
      port.onmessage?.({ data: reply } as MessageEvent<CatalogSearchReply>);
    },
    crash() {
      port.onerror?.({ message: 'Uncaught RangeError' } as ErrorEvent);
    },
  };
  return port;
}

describe('search worker client (the main thread side)', () => {
  it('transfers a page’s bytes, posts plain documents without bytes, and resolves searches by id', async () => {
    const port = recordingPort();
    const search = new WorkerCatalogSearch(port);
    const bytes = bytesOf({ documents: [product(1, 'Kettle')] });
    search.page([product(1, 'Kettle')], bytes);
    search.page([{ ...product(2, 'Mug'), prices: [{ amount: 1 }] }, { id: 'p-1', _deleted: true }, { id: 'x' }]);
    expect(port.posted[0]).toEqual({ message: { type: 'page', bytes }, transfer: [bytes] });
    // Only what the index reads is cloned; malformed documents are not sent.
    expect(port.posted[1]!.message).toEqual({
      type: 'documents',
      documents: [product(2, 'Mug'), { id: 'p-1', _deleted: true }],
    });
    const first = search.search('kettle', 5);
    const second = search.search('mug', 5);
    port.answer({ type: 'hits', id: 2, hits: [{ id: 'p-2', match: 'prefix' }] });
    port.answer({ type: 'hits', id: 1, hits: [{ id: 'p-1', match: 'prefix' }] });
    expect(await first).toEqual([{ id: 'p-1', match: 'prefix' }]);
    expect(await second).toEqual([{ id: 'p-2', match: 'prefix' }]);
  });

  it('a stopped worker rejects waiting and later searches with a coded error and is reported once', async () => {
    const port = recordingPort();
    const failures: string[] = [];
    const search = new WorkerCatalogSearch(port, (error) => failures.push(error.code));
    const waiting = search.search('kettle', 5);
    port.crash();
    port.answer({ type: 'failed', id: undefined, message: 'again' });
    await expect(waiting).rejects.toMatchObject({ code: CatalogSearchError.WORKER_FAILED });
    await expect(search.search('mug', 5)).rejects.toMatchObject({ code: CatalogSearchError.WORKER_FAILED });
    expect(failures).toEqual([CatalogSearchError.WORKER_FAILED]);
  });

  it('without a Worker (Node, happy-dom) the index lives in the same thread', () => {
    const search = createCatalogSearch();
    expect(search.kind).toBe('same-thread');
    search.dispose();
  });
});

describe('catalog with a search worker that stops', () => {
  let db: Db;
  let catalog: Catalog | undefined;
  afterEach(async () => {
    catalog?.stop();
    await db.remove();
  });

  it('rebuilds its index in the main thread and keeps answering searches', async () => {
    db = await memoryDb();
    await db.products.bulkInsert([fixtures.products]);
    const inner = inProcessSearchWorker();
    const port: SearchWorkerPort = {
      onmessage: null,
      onerror: null,
      postMessage: (message, transfer) => inner.postMessage(message, transfer),
      terminate: () => inner.terminate(),
    };
    inner.onmessage = (event) => port.onmessage?.(event);
    const crash = () => port.onerror?.({ message: 'worker crashed' } as ErrorEvent);
    const errors: unknown[] = [];
    const logged = console.error;
    console.error = (...args: unknown[]) => errors.push(args[0]);
    try {
      catalog = new Catalog(
        db,
        () => FIXTURE_IDS.priceBook,
        () => FIXTURE_IDS.store,
        undefined,
        (onFailure) => new WorkerCatalogSearch(port, onFailure),
      );
      await catalog.warm();
      expect(catalog.searchKind).toBe('worker');
      expect(await catalog.search('mug', 10)).toMatchObject([{ sku: 'MUG-RED-12' }]);
      crash();
      expect(catalog.searchKind).toBe('same-thread');
      await catalog.warm();
      expect(await catalog.search('mug', 10)).toMatchObject([{ sku: 'MUG-RED-12' }]);
      expect(errors).toContain('catalog: the search worker stopped; rebuilding the index in the main thread');
    } finally {
      console.error = logged;
    }
  });
});
