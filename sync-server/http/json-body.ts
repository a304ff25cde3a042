// Request JSON parsing that never crashes on hostile input: nesting deeper than any real
// document, `__proto__` / `constructor.prototype` keys, and malformed text all become coded 4xx.
import { DomainError } from '../../shared/errors';
import { SyncError } from '../errors';

export const MAX_JSON_DEPTH = 32;

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new DomainError(SyncError.INVALID_JSON, 'The request body is empty; send a JSON document.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError(SyncError.INVALID_JSON, 'The request body is not valid JSON; check the client that sent it.');
  }
  checkShape(value);
  return value;
}

/** Iterative walk (no recursion, so no stack overflow on a million nested arrays). */
function checkShape(root: unknown): void {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      throw new DomainError(SyncError.JSON_TOO_DEEP, `JSON nested deeper than ${MAX_JSON_DEPTH} levels is refused; no document is that deep.`, {
        limit: MAX_JSON_DEPTH,
      });
    }
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key === '__proto__' || (key === 'constructor' && typeof record[key] === 'object' && record[key] !== null && 'prototype' in (record[key] as object))) {
        throw new DomainError(SyncError.INVALID_JSON, `The key "${key}" is not allowed in a request body.`, { field: key });
      }
      stack.push({ value: record[key], depth: depth + 1 });
    }
  }
}
