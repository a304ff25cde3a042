// Builds the push/pull policy of every collection from its definition in shared/schemas: the zod
// validator and the `access` entry (who creates, changes and deletes; scope; register-writable
// fields; change rules; what a value-moving write must lean on), plus the server-side guards that
// need documents a register's rule cannot see (GUARDS).
import { isDomainError } from '../../shared/errors';
import { collections, COLLECTION_NAMES, type CollectionName } from '../../shared/schemas/collections';
import { Role, type CollectionAccess } from '../../shared/schemas/define';
import { scopeStoreId } from '../../shared/schemas/ownership';
import { parseDocument } from '../../shared/schemas/validate';
import { SyncError } from '../errors';
import { canonicalJson } from './canonical';
import { documentTextIssue } from './document-text';
import type { Principal } from '../auth/auth-service';
import type { CollectionPolicy, DocumentIssue, PolicyMap, PushGuard } from './policy';
import { refundGuard } from './refund-guard';
import { openPriceGuard } from './open-price-guard';
import { giftCardOfflineGuard } from '../gift-cards/offline-spend-guard';
import type { GiftCardKeys } from '../gift-cards/keys';

type Guards = Partial<Record<CollectionName, PushGuard>>;

/**
 * Limits checked against the store's policy, staff and running totals (see refund-guard.ts), the
 * open-price rules of order lines against the catalog and staff (open-price-guard.ts); with
 * the server's gift card keys, also the offline cap of sealed gift card spends (gift-cards/).
 */
function guardsOf(giftCardKeys: GiftCardKeys | undefined): Guards {
  return {
    returns: refundGuard,
    orders: openPriceGuard,
    ...(giftCardKeys ? { payments: giftCardOfflineGuard(giftCardKeys) } : {}),
  };
}

function roleOf(principal: Principal): Role {
  return principal.kind === 'hq' ? Role.HQ : Role.REGISTER;
}

function validateWithSchema(collection: CollectionName, doc: Record<string, unknown>): DocumentIssue | null {
  try {
    parseDocument(collection, doc);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const issues = error.details?.issues as { path: string; message: string }[] | undefined;
    return { field: issues?.[0]?.path ?? '', message: error.message };
  }
  return documentTextIssue(doc);
}

/**
 * A register may change only `registerWritableFields` (and updatedAt) of an existing document, and
 * never its `serverOwnedFields`.
 */
function fieldOwnershipIssue(
  access: CollectionAccess,
  previous: Record<string, unknown>,
  next: Record<string, unknown>,
): DocumentIssue | null {
  if (!access.registerWritableFields && !access.serverOwnedFields) return null;
  const writable = access.registerWritableFields ? new Set([...access.registerWritableFields, 'updatedAt']) : null;
  const serverOwned = new Set(access.serverOwnedFields ?? []);
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    if (!serverOwned.has(key) && (!writable || writable.has(key))) continue;
    if (canonicalJson(previous[key]) !== canonicalJson(next[key])) {
      return {
        field: key,
        message: `A register may not change "${key}" of this document; head office owns that field.`,
        code: SyncError.CHANGE_FORBIDDEN,
      };
    }
  }
  return null;
}

function policyOf(name: CollectionName, guards: Guards): CollectionPolicy {
  const access = collections[name].access;
  const both = access.serverOwnedFields?.filter((field) => access.registerWritableFields?.includes(field)) ?? [];
  if (both.length > 0) throw new Error(`${name}: ${both.join(', ')} cannot be both register-writable and server-owned`);
  const visibleToStore = access.visibleToStore;
  const justification = access.registerJustification;
  const guard = guards[name];
  return {
    name,
    ...(guard ? { guard } : {}),
    appendOnly: access.appendOnly,
    access,
    ownerStoreOf: (doc) => scopeStoreId(name, doc) ?? null,
    pullScopeOf: (doc) =>
      access.registerScopeOf
        ? access.registerScopeOf(doc)
        : access.registerPull === 'own_store'
          ? (scopeStoreId(name, doc) ?? null)
          : null,
    ...(visibleToStore ? { visibleToStore: (doc, storeId) => visibleToStore(doc, storeId) } : {}),
    lookupKeyOf: (doc) => access.lookupKey?.(doc) ?? null,
    validate: (doc) => validateWithSchema(name, doc),
    validateChange: (previous, next, principal) => {
      const role = roleOf(principal);
      const issue = access.checkChange?.(previous, next, role) ?? null;
      if (issue || role === Role.HQ) return issue;
      return fieldOwnershipIssue(access, previous, next);
    },
    validateCreate: (doc, principal) =>
      roleOf(principal) === Role.REGISTER ? (access.registerCreate?.(doc) ?? null) : null,
    ...(justification
      ? {
          justification: {
            reference: (doc, principal) => (principal.kind === 'device' ? justification.reference(doc) : null),
            justify: (doc, referenced, principal) =>
              principal.kind === 'device' ? justification.justify(doc, referenced, principal.storeId) : null,
          },
        }
      : {}),
  };
}

export function buildPolicies(options: { giftCardKeys?: GiftCardKeys } = {}): PolicyMap {
  const guards = guardsOf(options.giftCardKeys);
  return new Map(COLLECTION_NAMES.map((name) => [name, policyOf(name, guards)]));
}
