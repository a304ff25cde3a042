import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../shared/errors';
import { SyncClientError, SyncHttp } from './sync-http';
import { fetchSyncTotals, initialSyncProgress } from './totals';

const answering = (body: unknown) =>
  new SyncHttp({
    baseUrl: 'http://sync.test',
    credential: 'c',
    fetch: () =>
      Promise.resolve(
        new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
      ),
  });

describe('sync totals', () => {
  it('reads the server totals', async () => {
    await expect(fetchSyncTotals(answering({ collections: { products: 3, staff: 0 }, seq: 9 }))).resolves.toEqual({
      collections: { products: 3, staff: 0 },
      seq: 9,
    });
  });

  it.each([
    [{ collections: { products: -1 }, seq: 1 }],
    [{ collections: { products: 1.5 }, seq: 1 }],
    [{ collections: [], seq: 1 }],
    [{ collections: {} }],
    [null],
  ])('refuses a malformed answer %j with a coded error', async (body) => {
    const error = await fetchSyncTotals(answering(body)).catch((e: unknown) => e);
    expect(isDomainError(error, SyncClientError.BAD_RESPONSE)).toBe(true);
  });

  it('computes the percent over every collection, and never shows 100 early', () => {
    const totals = { collections: { products: 1000, staff: 10 }, seq: 5 };
    expect(initialSyncProgress(totals, { products: 500, staff: 5 }).percent).toBe(50);
    expect(initialSyncProgress(totals, { products: 499, staff: 5 }).percent).toBe(49);
    expect(initialSyncProgress(totals, { products: 1000, staff: 9 }).percent).toBe(99);
    expect(initialSyncProgress(totals, { products: 1000, staff: 10 }).percent).toBe(100);
  });

  it('lets a count that passed its total (added since) raise the total, and treats nothing to pull as done', () => {
    const progress = initialSyncProgress({ collections: { products: 10 }, seq: 1 }, { products: 12, config: 0 });
    expect(progress.collections).toEqual([
      { collection: 'products', done: 12, total: 12 },
      { collection: 'config', done: 0, total: 0 },
    ]);
    expect(progress.percent).toBe(100);
    expect(initialSyncProgress({ collections: {}, seq: 0 }, {}).percent).toBe(100);
  });
});
