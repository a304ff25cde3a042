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

/**
 * Depth-first walk. Recursion is safe: it stops at MAX_JSON_DEPTH levels, whatever the input. The
 * path is one array pushed and popped on the way (joined only for an error), so a 500-document
 * push does not build a path string for each of its ~50,000 values.
 */
function checkShape(root: unknown, checkText: boolean): void {
  const path: string[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (checkText && typeof value === 'string' && isUnstorableText(value)) throw unstorable(path.join('.'));
    if (value === null || typeof value !== 'object') return;
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
      for (let i = 0; i < value.length; i++) {
        path.push(String(i));
        walk(value[i], depth + 1);
        path.pop();
      }
      return;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const child = record[key];
      if (
        key === '__proto__' ||
        (key === 'constructor' && typeof child === 'object' && child !== null && 'prototype' in child)
      ) {
        throw new DomainError(SyncError.INVALID_JSON, `The key "${key}" is not allowed in a request body.`, {
          field: key,
        });
      }
      path.push(key);
      if (checkText && isUnstorableText(key)) throw unstorable(path.join('.'));
      walk(child, depth + 1);
      path.pop();
    }
  };
  walk(root, 0);
}
