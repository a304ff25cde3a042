// Request JSON parsing that never crashes on hostile input: nesting deeper than any real
// document, `__proto__` / `constructor.prototype` keys, and malformed text all become coded 4xx.
import { DomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import { isUnstorableText } from '../../shared/schemas/text-rules';

// NUL and UTF-16 surrogates can only arrive as \u escapes (raw control bytes are invalid JSON and
// raw UTF-8 cannot encode a lone surrogate), so only a body with such an escape is walked.
const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;

export const MAX_JSON_DEPTH = 32;

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '')
    throw new DomainError(SyncError.INVALID_JSON, 'The request body is empty; send a JSON document.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError(SyncError.INVALID_JSON, 'The request body is not valid JSON; check the client that sent it.');
  }
  checkShape(value, SUSPECT_ESCAPE.test(text));
  return value;
}

function unstorable(path: string): DomainError {
  return new DomainError(
    SyncError.INVALID_CHARACTERS,
    `The text at "${path || '(body)'}" holds a NUL character or a broken surrogate, which cannot be stored; remove it and send again.`,
    { field: path },
  );
}

/** Iterative walk (no recursion, so no stack overflow on a million nested arrays). */
function checkShape(root: unknown, checkText: boolean): void {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: root, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop() as { value: unknown; depth: number; path: string };
    if (checkText && typeof value === 'string' && isUnstorableText(value)) throw unstorable(path);
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      throw new DomainError(
        SyncError.JSON_TOO_DEEP,
        `JSON nested deeper than ${MAX_JSON_DEPTH} levels is refused; no document is that deep.`,
        {
          limit: MAX_JSON_DEPTH,
        },
      );
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) =>
        stack.push({ value: item, depth: depth + 1, path: path ? `${path}.${i}` : String(i) }),
      );
      continue;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (
        key === '__proto__' ||
        (key === 'constructor' &&
          typeof record[key] === 'object' &&
          record[key] !== null &&
          'prototype' in (record[key] as object))
      ) {
        throw new DomainError(SyncError.INVALID_JSON, `The key "${key}" is not allowed in a request body.`, {
          field: key,
        });
      }
      const child = path ? `${path}.${key}` : key;
      if (checkText && isUnstorableText(key)) throw unstorable(child);
      stack.push({ value: record[key], depth: depth + 1, path: child });
    }
  }
}
