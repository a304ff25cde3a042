// What the push engine needs to know about a collection: who may create, change and delete it,
// which store a document belongs to, and how to validate a document, a change or the value it
// moves. collection-policies.ts builds these from shared/schemas (the single source of truth).
import type { Principal } from '../auth/auth-service';
import type { CollectionAccess, Reference } from '../../shared/schemas/define';
import type { DocumentWrite, Storage, WriteTx } from '../storage/storage';

/**
 * Server-side limits that read other documents (the store's policy, the approver) and keep running
 * totals (refunds per offline spell) — rules a register cannot be trusted to apply to itself.
 */
export interface PushGuard {
  /** Before the write lock: reads what changes rarely. Null when nothing in the batch needs checking. */
  prepare(storage: Storage, principal: Principal, docs: readonly Record<string, unknown>[]): Promise<GuardRun | null>;
}

export interface GuardRun {
  /** Inside the transaction (again on a retry): reads the running totals. */
  begin(tx: WriteTx): Promise<void>;
  /** Per new document that passed every other check, in batch order. */
  check(doc: Record<string, unknown>): DocumentIssue | null;
  /** Server-only documents (running totals) written with the batch. */
  writes(): DocumentWrite[];
}

export interface DocumentIssue {
  /** Dotted path of the offending field, '' for the document as a whole. */
  field: string;
  message: string;
  /** shared/protocol SyncErrorCode; INVALID_DOCUMENT when absent. */
  code?: string | undefined;
}

export interface CollectionPolicy {
  readonly name: string;
  readonly appendOnly: boolean;
  /** Who may create, change and delete, and the other declared rules of the collection. */
  readonly access: CollectionAccess;
  /** The store that owns a document (decides who may write it), or null for chain-wide documents. */
  ownerStoreOf(doc: Record<string, unknown>): string | null;
  /** The store whose registers pull it, or null when every register does (stored as the scope). */
  pullScopeOf(doc: Record<string, unknown>): string | null;
  /** For collections pulled through a filter (staff): whether a register of the store receives it. */
  visibleToStore?(doc: Record<string, unknown>, storeId: string): boolean;
  /** The natural key other stores look the document up by (order number, original order), if any. */
  lookupKeyOf(doc: Record<string, unknown>): string | null;
  /** Schema, document-level invariants and the card-number check; the document has no `_deleted` key. */
  validate(doc: Record<string, unknown>): DocumentIssue | null;
  /** Rules about a change from the stored master to a new state (status transitions, immutability). */
  validateChange?(
    previous: Record<string, unknown>,
    next: Record<string, unknown>,
    principal: Principal,
  ): DocumentIssue | null;
  /** Rules about a new document that depend on who writes it. */
  validateCreate?(doc: Record<string, unknown>, principal: Principal): DocumentIssue | null;
  /** Limits checked against other documents and running totals (see PushGuard). */
  guard?: PushGuard;
  /** The document a register's write leans on (a refund's return), checked inside the transaction. */
  justification?: {
    reference(doc: Record<string, unknown>, principal: Principal): Reference | null;
    justify(
      doc: Record<string, unknown>,
      referenced: Record<string, unknown> | undefined,
      principal: Principal,
    ): DocumentIssue | null;
  };
}

export type PolicyMap = ReadonlyMap<string, CollectionPolicy>;
