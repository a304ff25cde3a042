import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, hashDocument, replicatedState } from './canonical';

function shuffleKeys(value: unknown, seed: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item, i) => shuffleKeys(item, seed + i));
  const entries = Object.entries(value as Record<string, unknown>);
  entries.sort(
    (a, b) =>
      ((a[0].length * 31 + seed) % 7) - ((b[0].length * 31 + seed) % 7) ||
      (seed % 2 ? a[0].localeCompare(b[0]) : b[0].localeCompare(a[0])),
  );
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, seed + 1)]));
}

describe('canonical JSON', () => {
  it('gives the same hash whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 1000 }), (value, seed) => {
        expect(hashDocument(shuffleKeys(value, seed))).toBe(hashDocument(value));
      }),
    );
  });

  it('tells different documents apart', () => {
    expect(hashDocument({ a: 1, b: [1, 2] })).not.toBe(hashDocument({ a: 1, b: [2, 1] }));
    expect(hashDocument({ a: '1' })).not.toBe(hashDocument({ a: 1 }));
    expect(canonicalJson({ b: 1, a: { d: null, c: 'x' } })).toBe('{"a":{"c":"x","d":null},"b":1}');
  });

  it('drops RxDB bookkeeping and always carries _deleted', () => {
    expect(replicatedState({ id: 'x', _rev: '1-a', _meta: { lwt: 1 }, _attachments: {} })).toEqual({
      id: 'x',
      _deleted: false,
    });
    expect(replicatedState({ id: 'x', _deleted: true })).toEqual({ id: 'x', _deleted: true });
  });
});

describe('sameDocument', () => {
  it('matches by stored hash, or by content when only the key order differs', async () => {
    const { hashJson, sameDocument } = await import('./canonical');
    const a = { id: 'x', n: 1, _deleted: false };
    const b = { _deleted: false, n: 1, id: 'x' };
    const stored = { hash: hashJson(JSON.stringify(a)), data: a };
    expect(sameDocument(stored, { hash: hashJson(JSON.stringify(a)), data: a })).toBe(true);
    expect(sameDocument(stored, { hash: hashJson(JSON.stringify(b)), data: b })).toBe(true);
    const c = { ...a, n: 2 };
    expect(sameDocument(stored, { hash: hashJson(JSON.stringify(c)), data: c })).toBe(false);
  });
});
