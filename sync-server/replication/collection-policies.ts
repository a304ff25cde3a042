// Builds the push/pull policy of every collection from shared/schemas: the zod validators and
// the ownership table (domain-A's single source of truth), plus the few rules about changes
// that only make sense on the server (immutable orders, register-writable fields).
import { isDomainError } from '../../shared/errors';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schemas/collections';
import { OWNERSHIP, scopeStoreId, type CollectionOwnership } from '../../shared/schemas/ownership';
import { parseDocument } from '../../shared/schemas/validate';
import { canonicalJson } from './canonical';
import { RegisterAccess, type CollectionPolicy, type DocumentIssue, type PolicyMap } from './policy';

const FINAL_POS_STATUSES = new Set(['completed', 'voided']);

function validateWithSchema(collection: CollectionName, doc: Record<string, unknown>): DocumentIssue | null {
  try {
    parseDocument(collection, doc);
    return null;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const issues = error.details?.issues as { path: string; message: string }[] | undefined;
    return { field: issues?.[0]?.path ?? '', message: error.message };
  }
}

function registerAccessOf(name: CollectionName, ownership: CollectionOwnership): RegisterAccess {
  if (!(ownership.writers as readonly string[]).includes('register')) return RegisterAccess.READ_ONLY;
  if (ownership.scope.kind === 'global') return RegisterAccess.GLOBAL;
  // The server creates fulfillment orders; the assigned store only works on them.
  if (name === 'fulfillment_orders') return RegisterAccess.UPDATE_OWN_STORE;
  return RegisterAccess.OWN_STORE;
}

/** A register may change only `registerWritableFields` (and updatedAt) of an existing document. */
function fieldOwnershipIssue(ownership: CollectionOwnership, previous: Record<string, unknown>, next: Record<string, unknown>): DocumentIssue | null {
  if (!ownership.registerWritableFields) return null;
  const writable = new Set([...ownership.registerWritableFields, 'updatedAt']);
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    if (writable.has(key)) continue;
    if (canonicalJson(previous[key]) !== canonicalJson(next[key])) {
      return { field: key, message: `A register may not change "${key}" of this document; head office owns that field.` };
    }
  }
  return null;
}

export function buildPolicies(): PolicyMap {
  const policies = new Map<string, CollectionPolicy>();
  for (const name of COLLECTION_NAMES) {
    const ownership: CollectionOwnership = OWNERSHIP[name];
    policies.set(name, {
      name,
      appendOnly: ownership.appendOnly,
      registerAccess: registerAccessOf(name, ownership),
      ownerStoreOf: (doc) => scopeStoreId(name, doc) ?? null,
      pullScopeOf: (doc) => (ownership.registerPull === 'all' ? null : (scopeStoreId(name, doc) ?? null)),
      validate: (doc) => validateWithSchema(name, doc),
      validateChange: (previous, next, principal) => {
        if (principal.kind === 'hq') return null;
        if (name === 'orders' && FINAL_POS_STATUSES.has(String(previous.status))) {
          return { field: 'status', message: `This order is ${String(previous.status)} and can no longer change; record a return or a new order instead.` };
        }
        return fieldOwnershipIssue(ownership, previous, next);
      },
      validateCreate: (doc, principal) => {
        if (principal.kind === 'hq') return null;
        if (name === 'orders' && doc.channel !== 'pos') {
          return { field: 'channel', message: 'A register records only point-of-sale orders (channel "pos"); web and phone orders come from head office.' };
        }
        if (name === 'customers' && doc.storeCreditBalance !== 0) {
          return { field: 'storeCreditBalance', message: 'Store credit is issued by head office from returns; a new customer starts at 0.' };
        }
        return null;
      },
    });
  }
  return policies;
}
