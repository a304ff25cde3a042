// Builds the push/pull policy of every collection from shared/schemas: the zod validators and
// the ownership table (domain-A's single source of truth), plus the few rules about changes
// that only make sense on the server (immutable orders, register-writable fields).
import { isDomainError } from '../../shared/errors';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schemas/collections';
import { OWNERSHIP, scopeStoreId, type CollectionOwnership } from '../../shared/schemas/ownership';
import { parseDocument } from '../../shared/schemas/validate';
import { canonicalJson } from './canonical';
import { checkOrderUpdate } from '../../shared/orders/order-lifecycle';
import { checkFulfillmentUpdate } from '../../shared/orders/fulfillment';
import { OrderError } from '../../shared/orders/errors';
import type { Order } from '../../shared/schemas/orders';
import type { FulfillmentOrder } from '../../shared/schemas/fulfillment-orders';
import type { Principal } from '../auth/auth-service';
import { RegisterAccess, type CollectionPolicy, type DocumentIssue, type PolicyMap } from './policy';

// Which field a domain rule's refusal is about, so the register can point at it.
const FIELD_OF_ORDER_ERROR: Readonly<Record<string, string>> = {
  [OrderError.CHANNEL_CHANGED]: 'channel',
  [OrderError.LINES_CHANGED]: 'lines',
  [OrderError.PICK_DECREASED]: 'lines',
  [OrderError.PICK_INCOMPLETE]: 'lines',
};

/** Runs a shared/ rule that throws a DomainError and turns a refusal into an issue. */
function issueFrom(rule: () => void): DocumentIssue | null {
  try {
    rule();
    return null;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { field: FIELD_OF_ORDER_ERROR[error.code] ?? 'status', message: error.message };
  }
}

/** Status machines and immutability (shared/orders), for HQ and registers alike. */
function domainChangeIssue(name: CollectionName, previous: Record<string, unknown>, next: Record<string, unknown>, principal: Principal): DocumentIssue | null {
  if (name === 'orders') return issueFrom(() => checkOrderUpdate(previous as unknown as Order, next as unknown as Order));
  if (name === 'fulfillment_orders') {
    const actor = principal.kind === 'hq' ? 'server' : 'register';
    return issueFrom(() => checkFulfillmentUpdate(previous as unknown as FulfillmentOrder, next as unknown as FulfillmentOrder, actor));
  }
  return null;
}

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

function lookupKey(name: CollectionName, doc: Record<string, unknown>): string | null {
  // Stock movements are looked up by `${storeId}:${sku}` for a SKU's ledger (sync-server/inventory).
  if (name === 'inventory_movements') return typeof doc.storeId === 'string' && typeof doc.sku === 'string' ? `${doc.storeId}:${doc.sku}` : null;
  const value = name === 'orders' ? doc.orderNumber : name === 'returns' ? doc.originalOrderId : name === 'payments' ? doc.orderId : undefined;
  return typeof value === 'string' && value !== '' ? value : null;
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
      lookupKeyOf: (doc) => lookupKey(name, doc),
      validate: (doc) => validateWithSchema(name, doc),
      validateChange: (previous, next, principal) => {
        const issue = domainChangeIssue(name, previous, next, principal);
        if (issue || principal.kind === 'hq') return issue;
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
