import { describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  SYNC_ERROR_HTTP_STATUS,
  SYNC_PATHS,
  SyncErrorCode,
  isSupportedProtocolVersion,
  pullQuerySchema,
  pushBodySchema,
  pushResponseSchema,
  toRxStreamEvents,
  PUSH_MAX_ROWS,
} from './index';

describe('pull query', () => {
  it('defaults seq to 0 and limit to 200, and reads numbers from query strings', () => {
    expect(pullQuerySchema.parse({})).toEqual({ seq: 0, limit: 200 });
    expect(pullQuerySchema.parse({ seq: '41', limit: '50' })).toEqual({ seq: 41, limit: 50 });
  });
  it('refuses a negative checkpoint, a fractional one, and a limit over 1000', () => {
    expect(pullQuerySchema.safeParse({ seq: '-1' }).success).toBe(false);
    expect(pullQuerySchema.safeParse({ seq: '1.5' }).success).toBe(false);
    expect(pullQuerySchema.safeParse({ limit: '1001' }).success).toBe(false);
    expect(pullQuerySchema.safeParse({ seq: 'abc' }).success).toBe(false);
  });
});

describe('push envelope', () => {
  const doc = { id: 'a', _deleted: false, name: 'x' };
  it('accepts a new document without assumedMasterState and an update with it', () => {
    expect(
      pushBodySchema.parse([
        { newDocumentState: doc },
        { assumedMasterState: doc, newDocumentState: { ...doc, name: 'y' } },
      ]),
    ).toHaveLength(2);
  });
  it('refuses rows without _deleted, without id, or more rows than the batch limit', () => {
    expect(pushBodySchema.safeParse([{ newDocumentState: { id: 'a' } }]).success).toBe(false);
    expect(pushBodySchema.safeParse([{ newDocumentState: { _deleted: false } }]).success).toBe(false);
    const rows = Array.from({ length: PUSH_MAX_ROWS + 1 }, () => ({ newDocumentState: doc }));
    expect(pushBodySchema.safeParse(rows).success).toBe(false);
  });
  it('describes the answer as conflicts plus rejected documents', () => {
    expect(
      pushResponseSchema.parse({
        conflicts: [doc],
        rejected: [{ id: 'b', code: SyncErrorCode.INVALID_DOCUMENT, message: 'm', field: 'lines.0.quantity' }],
      }).conflicts,
    ).toEqual([doc]);
  });
});

describe('live stream', () => {
  const all = ['products', 'orders'];
  it('turns hello into a resync of every collection', () => {
    expect(toRxStreamEvents('hello', { seq: 5 }, all)).toEqual([
      { collection: 'products', event: 'RESYNC' },
      { collection: 'orders', event: 'RESYNC' },
    ]);
  });
  it('turns a change poke into a resync of the named collections only', () => {
    expect(toRxStreamEvents('change', { collections: ['orders', 'unknown'], seq: 9 }, all)).toEqual([
      { collection: 'orders', event: 'RESYNC' },
    ]);
  });
  it('throws on a malformed change event instead of guessing', () => {
    expect(() => toRxStreamEvents('change', { seq: 9 }, all)).toThrow();
  });
});

describe('errors and version', () => {
  it('gives every error code an HTTP status; client input is never a 5xx', () => {
    for (const code of Object.values(SyncErrorCode)) expect(SYNC_ERROR_HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
    const serverSide: string[] = [SyncErrorCode.UNAVAILABLE, SyncErrorCode.INTERNAL];
    for (const code of Object.values(SyncErrorCode)) {
      if (!serverSide.includes(code)) expect(SYNC_ERROR_HTTP_STATUS[code]).toBeLessThan(500);
    }
  });
  it('accepts the current version as number or header string and refuses others', () => {
    expect(isSupportedProtocolVersion(PROTOCOL_VERSION)).toBe(true);
    expect(isSupportedProtocolVersion(String(PROTOCOL_VERSION))).toBe(true);
    expect(isSupportedProtocolVersion('999')).toBe(false);
    expect(isSupportedProtocolVersion(undefined)).toBe(false);
  });
  it('encodes collection names in paths', () => {
    expect(SYNC_PATHS.pull('orders')).toBe('/sync/orders/pull');
    expect(SYNC_PATHS.push('a/b')).toBe('/sync/a%2Fb/push');
  });
});
