// What the push engine needs to know about a collection: who may write it, which store a
// document belongs to, whether it is append-only, and how to validate a document or a change.
// collection-policies.ts builds these from shared/schemas (the single source of truth).
import type { Principal } from '../auth/auth-service';

export interface DocumentIssue {
  /** Dotted path of the offending field, '' for the document as a whole. */
  field: string;
  message: string;
}

export const RegisterAccess = {
  /** Registers only read (catalog, configuration, projections). */
  READ_ONLY: 'read-only',
  /** Registers create and update documents of their own store. */
  OWN_STORE: 'own-store',
  /** Registers update documents the server created for their store, never create them. */
  UPDATE_OWN_STORE: 'update-own-store',
  /** Chain-wide documents registers may create and update (customers). */
  GLOBAL: 'global',
} as const;
export type RegisterAccess = (typeof RegisterAccess)[keyof typeof RegisterAccess];

export interface CollectionPolicy {
  readonly name: string;
  readonly appendOnly: boolean;
  readonly registerAccess: RegisterAccess;
  /** The store that owns a document (decides who may write it), or null for chain-wide documents. */
  ownerStoreOf(doc: Record<string, unknown>): string | null;
  /** The store whose registers pull it, or null when every register does (stored as the scope). */
  pullScopeOf(doc: Record<string, unknown>): string | null;
  /** The natural key other stores look the document up by (order number, original order), if any. */
  lookupKeyOf(doc: Record<string, unknown>): string | null;
  /** Schema and document-level invariants; the document has no `_deleted` key. */
  validate(doc: Record<string, unknown>): DocumentIssue | null;
  /** Rules about a change from the stored master to a new state (status transitions, immutability). */
  validateChange?(previous: Record<string, unknown>, next: Record<string, unknown>, principal: Principal): DocumentIssue | null;
  /** Rules about a new document that depend on who writes it. */
  validateCreate?(doc: Record<string, unknown>, principal: Principal): DocumentIssue | null;
}

export type PolicyMap = ReadonlyMap<string, CollectionPolicy>;
