import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { COLLECTION_NAMES } from './collections';
import { fixtures } from '../../test/support/fixtures/documents';
import { SchemaError, parseReplicatedDocument } from './validate';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every leaf path of a JSON value. */
function leaves(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.length ? value.flatMap((v, i) => leaves(v, [...path, i])) : [path];
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length ? keys.flatMap((k) => leaves(value[k] as Json, [...path, k])) : [path];
  }
  return [path];
}

function setAt(root: Json, path: (string | number)[], next: Json): Json {
  if (path.length === 0) return next;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path[path.length - 1] as string | number] = next;
  return copy as Json;
}

const hostile: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(-1, 1.5, 1e308, '', 'x'.repeat(5000), '4111 1111 1111 1111', null, [], {}),
  fc.constant(Number.NaN as unknown as Json),
);

describe('hostile input never crashes validation', () => {
  it('any JSON body yields a document or a coded error', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COLLECTION_NAMES), fc.jsonValue(), (collection, body) => {
        try {
          parseReplicatedDocument(collection, body);
        } catch (error) {
          expect(isDomainError(error, SchemaError.INVALID_DOCUMENT)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a fixture with one field replaced by junk is accepted or refused with the path of a field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COLLECTION_NAMES), fc.nat(), hostile, (collection, pick, junk) => {
        const doc = fixtures[collection] as unknown as Json;
        const paths = leaves(doc);
        const path = paths[pick % paths.length] as (string | number)[];
        const mutated = setAt(doc, path, junk);
        try {
          parseReplicatedDocument(collection, { ...(mutated as object), _deleted: false });
        } catch (error) {
          expect(isDomainError(error, SchemaError.INVALID_DOCUMENT)).toBe(true);
          if (isDomainError(error)) {
            const issues = error.details?.['issues'] as { path: string; message: string }[];
            expect(issues.length).toBeGreaterThan(0);
            expect(issues.every((i) => typeof i.message === 'string' && i.message.length > 0)).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
