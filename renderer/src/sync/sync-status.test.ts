import { describe, expect, it } from 'vitest';
import { SyncStatusStore, type SyncStatus } from './sync-status';

describe('SyncStatusStore', () => {
  it('counts waiting documents and does not let an older push clear a newer write', () => {
    const store = new SyncStatusStore(() => new Date('2026-01-01T00:00:00Z'));
    const seen: SyncStatus[] = [];
    store.status$.subscribe((s) => seen.push(s));
    store.localWrite('orders', 'a');
    store.localWrite('orders', 'b');
    expect(store.current.pending).toBe(2);
    const snapshot = store.snapshot('orders', ['a', 'b']);
    store.localWrite('orders', 'a'); // edited again while the push was in flight
    store.acknowledged(snapshot);
    expect(store.current.pending).toBe(1);
    store.acknowledged(store.snapshot('orders', ['a']));
    expect(store.current.pending).toBe(0);
    expect(seen.length).toBeGreaterThan(3);
  });

  it('records refusals once per document, errors and going offline', () => {
    const store = new SyncStatusStore(() => new Date('2026-01-01T00:00:00Z'));
    store.succeeded();
    expect(store.current).toMatchObject({ online: true, lastSyncAt: '2026-01-01T00:00:00.000Z' });
    store.refused([
      { collection: 'orders', id: 'x', code: 'SYNC_INVALID_DOCUMENT', message: 'bad', field: 'lines.0.unitPrice' },
    ]);
    store.refused([
      {
        collection: 'orders',
        id: 'x',
        code: 'SYNC_INVALID_DOCUMENT',
        message: 'still bad',
        field: 'lines.0.unitPrice',
      },
    ]);
    expect(store.current.refused).toEqual([
      {
        collection: 'orders',
        id: 'x',
        code: 'SYNC_INVALID_DOCUMENT',
        message: 'still bad',
        field: 'lines.0.unitPrice',
        at: '2026-01-01T00:00:00.000Z',
      },
    ]);
    store.failed('SYNC_CLIENT_OFFLINE', 'down', true);
    expect(store.current.online).toBe(false);
    expect(store.current.lastError?.code).toBe('SYNC_CLIENT_OFFLINE');
  });
});
