// Who may write each collection and how a document's store scope is found: a read-only view of
// the `access` part of every collection definition (shared/schemas/<collection>.ts), for code
// that only needs the summary (the register's sync picks pull-only collections from it).
import { collections, type CollectionName } from './collections';
import { Role, type CollectionAccess } from './define';

export type { ConflictRule, RegisterPull, Scope } from './define';

/** 'server' is head office and the sync server acting for it; 'register' an enrolled till. */
export type WriterRole = 'server' | 'register';

export interface CollectionOwnership extends CollectionAccess {
  /** Everyone who may create or change documents of the collection. */
  readonly writers: readonly WriterRole[];
}

function ownership(access: CollectionAccess): CollectionOwnership {
  const roles = new Set([...access.create, ...access.change]);
  const writers: WriterRole[] = [];
  if (roles.has(Role.HQ)) writers.push('server');
  if (roles.has(Role.REGISTER)) writers.push('register');
  return { ...access, writers };
}

export const OWNERSHIP = Object.fromEntries(
  Object.entries(collections).map(([name, definition]) => [name, ownership(definition.access)]),
) as { readonly [K in CollectionName]: CollectionOwnership };

/** The store that owns `doc` under `scope`, or undefined for chain-wide documents. */
export function scopeStoreId(collection: CollectionName, doc: Readonly<Record<string, unknown>>): string | undefined {
  const scope = collections[collection].access.scope;
  if (scope.kind === 'global') return undefined;
  const value = doc[scope.field];
  return typeof value === 'string' ? value : undefined;
}
