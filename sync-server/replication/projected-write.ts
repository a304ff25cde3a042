// The document write a push-time projection (inventory levels, balances, alert events) adds to
// the same transaction: a live document, scoped by its collection's policy like a pushed one.
import type { DocumentWrite } from '../storage/storage';
import { hashJson } from './canonical';
import type { PolicyMap } from './policy';

export function projectedWrite(policies: PolicyMap, collection: string, data: Record<string, unknown>): DocumentWrite {
  const state = { ...data, _deleted: false };
  const json = JSON.stringify(state);
  return {
    collection,
    id: String(data.id),
    scope: policies.get(collection)?.pullScopeOf(state) ?? null,
    previousScope: null,
    lookup: null,
    data: state,
    json,
    hash: hashJson(json),
    deleted: false,
  };
}
