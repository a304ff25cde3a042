import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/support/error-code';
import { SyncError } from '../errors';
import { MAX_JSON_DEPTH, parseJsonBody } from './json-body';

describe('parseJsonBody', () => {
  it('parses ordinary documents', () => {
    expect(parseJsonBody('[{"newDocumentState":{"id":"a","n":[1,2,{"x":null}]}}]')).toEqual([
      { newDocumentState: { id: 'a', n: [1, 2, { x: null }] } },
    ]);
  });

  it('refuses malformed and empty JSON with a code', () => {
    expect(codeOf(() => parseJsonBody('{"a":'))).toBe(SyncError.INVALID_JSON);
    expect(codeOf(() => parseJsonBody('  '))).toBe(SyncError.INVALID_JSON);
  });

  it('refuses deep nesting without overflowing the stack', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(codeOf(() => parseJsonBody(deep))).toBe(SyncError.JSON_TOO_DEEP);
    const ok = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(codeOf(() => parseJsonBody(ok))).toBeUndefined();
  });

  it('refuses prototype keys, also when escaped', () => {
    expect(codeOf(() => parseJsonBody('{"__proto__":{"admin":true}}'))).toBe(SyncError.INVALID_JSON);
    expect(codeOf(() => parseJsonBody('[{"a":{"\\u005f_proto__":1}}]'))).toBe(SyncError.INVALID_JSON);
    expect(codeOf(() => parseJsonBody('{"constructor":{"prototype":{"x":1}}}'))).toBe(SyncError.INVALID_JSON);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
