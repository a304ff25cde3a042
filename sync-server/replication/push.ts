// The push engine: one transaction per batch. Authorisation is all-or-nothing (a register writing
// outside its role or store gets 403 and nothing is stored); validation is per document (a bad
// document is reported and skipped, the rest is stored); conflicts follow RxDB's rules.
import { DomainError } from '../../shared/errors';
import type { Principal } from '../auth/auth-service';
import { SyncError } from '../errors';
import type { DocumentWrite, Storage, StoredDocument, WriteTx } from '../storage/storage';
import { canonicalJson, hashJson, replicatedState, sameDocument } from './canonical';
import type { CollectionPolicy, DocumentIssue } from './policy';
import { Role, type Reference } from '../../shared/schemas/define';
import { PUSH_MAX_ROWS, pushRowSchema } from '../../shared/protocol/replication';
import { BULK_CHUNK, bulkLane } from '../storage/bulk-lane';

const MAX_ID_LENGTH = 128;

export interface PushRow {
  assumedMasterState?: Record<string, unknown> | undefined;
  newDocumentState: Record<string, unknown>;
}

export interface RejectedDocument {
  id: string;
  code: string;
  message: string;
  field: string;
}

export interface PushResult {
  conflicts: Record<string, unknown>[];
  rejected: RejectedDocument[];
  /** Includes merged documents as stored (registers pull them, so their replicas converge). */
  written: StoredDocument[];
  /** Ids of register pushes merged over a server change of server-owned fields (see rebaseOnServerFields). */
  merged: string[];
}

/** Runs after the batch's own writes, in the same transaction (the inventory projection). */
export type AfterWrite = (tx: WriteTx, collection: string, written: StoredDocument[]) => Promise<void>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the envelope (not the documents): a malformed envelope is a client bug, refused whole. */
export function parsePushRows(body: unknown): PushRow[] {
  const bad = (message: string) => new DomainError(SyncError.BAD_REQUEST, message);
  if (!Array.isArray(body)) throw bad('A push body is a JSON array of { assumedMasterState?, newDocumentState } rows.');
  if (body.length > PUSH_MAX_ROWS) {
    throw new DomainError(
      SyncError.BATCH_TOO_LARGE,
      `A push carries at most ${PUSH_MAX_ROWS} documents; split the batch.`,
      { limit: PUSH_MAX_ROWS },
    );
  }
  return body.map((row, index) => {
    // Check the raw row (zod's record copies objects; we keep the originals).
    const parsed = pushRowSchema.safeParse(row);
    if (!parsed.success || !isRecord(row)) {
      const issue = parsed.success ? undefined : parsed.error.issues[0];
      throw bad(
        `Row ${index}${issue?.path.length ? ` at "${issue.path.join('.')}"` : ''}: ${issue?.message ?? 'expected an object'}`,
      );
    }
    const state = row.newDocumentState as Record<string, unknown>;
    const id = state.id as string;
    if (id.length === 0 || id.length > MAX_ID_LENGTH) {
      throw bad(`Row ${index}: newDocumentState.id must be a non-empty string of at most ${MAX_ID_LENGTH} characters.`);
    }
    return {
      newDocumentState: state,
      assumedMasterState: isRecord(row.assumedMasterState) ? row.assumedMasterState : undefined,
    };
  });
}

function withoutDeletedFlag(state: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...state };
  delete copy._deleted;
  return copy;
}

function roleOf(principal: Principal): Role {
  return principal.kind === 'hq' ? Role.HQ : Role.REGISTER;
}

/** Role and store: a register writing outside them is refused for the whole batch (403). */
function forbiddenReason(
  policy: CollectionPolicy,
  principal: Principal,
  next: Record<string, unknown>,
  master: StoredDocument | undefined,
): string | null {
  const role = roleOf(principal);
  const { create, change } = policy.access;
  if (!create.includes(role) && !change.includes(role))
    return `${role === Role.HQ ? 'head office' : 'registers'} cannot write ${policy.name}`;
  if (!master && !create.includes(role))
    return `${role === Role.HQ ? 'head office' : 'registers'} cannot create ${policy.name}`;
  // An append-only resend is a no-op and a different one a conflict: decided per document below.
  if (master && !change.includes(role) && !policy.appendOnly)
    return `${role === Role.HQ ? 'head office' : 'registers'} cannot change ${policy.name}`;
  if (principal.kind === 'hq') return null;
  const store = principal.storeId;
  // Chain-wide documents (customers) have no owning store; store-owned ones stay with their store.
  const masterOwner = master ? policy.ownerStoreOf(master.data) : null;
  if (masterOwner !== null && masterOwner !== store) return 'the stored document belongs to another store';
  // No store at all is a malformed document, refused by validation with the field named.
  const owner = policy.ownerStoreOf(next);
  if (owner !== null && owner !== store) return 'the document belongs to another store';
  return null;
}

/** Tombstones: nobody creates a document already deleted; only the roles the collection names delete. */
function deletionIssue(
  policy: CollectionPolicy,
  principal: Principal,
  next: Record<string, unknown>,
  master: { deleted: boolean } | undefined,
): DocumentIssue | null {
  if (next._deleted !== true) return null;
  if (!master)
    return {
      field: '_deleted',
      message: `A ${policy.name} document cannot be created already deleted.`,
      code: SyncError.DELETE_FORBIDDEN,
    };
  if (master.deleted) return null;
  if (!policy.access.delete.includes(roleOf(principal))) {
    return {
      field: '_deleted',
      message: `A register may not delete ${policy.name} documents (see docs/SYNC-API.md); void or correct them with a new document instead.`,
      code: SyncError.DELETE_FORBIDDEN,
    };
  }
  return null;
}

/** `doc` with the `fields` of `source` (a field `source` lacks is left out). */
function withFieldsOf(
  doc: Record<string, unknown>,
  source: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> {
  const copy = { ...doc };
  for (const field of fields) {
    if (source[field] === undefined) delete copy[field];
    else copy[field] = source[field];
  }
  return copy;
}

const sameContent = (a: Record<string, unknown>, b: Record<string, unknown>) => canonicalJson(a) === canonicalJson(b);

type Rebase =
  | { kind: 'forbidden'; issue: DocumentIssue }
  | { kind: 'applied' }
  | { kind: 'rebased'; next: Record<string, unknown> };

/**
 * A register's change to a document with `serverOwnedFields` (e.g. a fulfillment order's
 * settlement), made on a master the server may have changed since: 'forbidden' when the register
 * itself changed one of those fields (refused and alerted even when it would also conflict);
 * 'applied' when the change is already stored (a retry of a merged push); 'rebased' (the change on
 * top of the server's values of those fields) when the master differs from the register's
 * assumption only in them. Null: decided as before (stored, or a conflict on any other difference).
 */
function rebaseOnServerFields(
  policy: CollectionPolicy,
  principal: Principal,
  master: { hash: string; data: Record<string, unknown> },
  assumed: { hash: string; data: Record<string, unknown> },
  next: Record<string, unknown>,
): Rebase | null {
  const fields = policy.access.serverOwnedFields;
  if (!fields?.length || principal.kind !== 'device' || policy.appendOnly || next._deleted === true) return null;
  const changed = fields.find((field) => canonicalJson(next[field]) !== canonicalJson(assumed.data[field]));
  if (changed !== undefined)
    return {
      kind: 'forbidden',
      issue: {
        field: changed,
        message: `A register may not change "${changed}" of this document; the server keeps that field.`,
        code: SyncError.CHANGE_FORBIDDEN,
      },
    };
  const rebased = withFieldsOf(next, master.data, fields);
  if (sameContent(rebased, master.data)) return { kind: 'applied' };
  if (sameDocument(master, assumed)) return null;
  if (!sameContent(withFieldsOf(assumed.data, master.data, fields), master.data)) return null;
  return { kind: 'rebased', next: rebased };
}

interface PreparedRow {
  id: string;
  next: Record<string, unknown>;
  json: string;
  hash: string;
  assumed: { hash: string; data: Record<string, unknown> } | undefined;
  /** Schema issue of the document on its own; change rules need the master and run later. */
  schemaIssue: DocumentIssue | null;
}

/**
 * Hashing and schema validation need no database, so they run before the transaction: the
 * write lock (and, on PostgreSQL, every other instance) never waits for CPU-bound checks. A bulk
 * push is prepared BULK_CHUNK rows per event-loop turn (bulk-lane.ts), so small pushes that arrive
 * meanwhile are not held behind it.
 */
async function prepare(policy: CollectionPolicy, rows: readonly PushRow[]): Promise<PreparedRow[]> {
  if (rows.length <= BULK_CHUNK) return prepareRows(policy, rows);
  const prepared: PreparedRow[] = [];
  for (let i = 0; i < rows.length; i += BULK_CHUNK) {
    await bulkLane.turn();
    prepared.push(...prepareRows(policy, rows.slice(i, i + BULK_CHUNK)));
  }
  return prepared;
}

function prepareRows(policy: CollectionPolicy, rows: readonly PushRow[]): PreparedRow[] {
  return rows.map((row) => {
    const next = replicatedState(row.newDocumentState);
    const json = JSON.stringify(next);
    const assumed = row.assumedMasterState ? replicatedState(row.assumedMasterState) : undefined;
    return {
      id: next.id as string,
      next,
      json,
      hash: hashJson(json),
      assumed: assumed ? { hash: hashJson(JSON.stringify(assumed)), data: assumed } : undefined,
      schemaIssue: policy.validate(withoutDeletedFlag(next)),
    };
  });
}

export async function pushBatch(
  storage: Storage,
  policy: CollectionPolicy,
  principal: Principal,
  rows: readonly PushRow[],
  afterWrite?: AfterWrite,
): Promise<PushResult> {
  const prepared = await prepare(policy, rows);
  const guard =
    policy.guard && principal.kind === 'device'
      ? await policy.guard.prepare(
          storage,
          principal,
          prepared.filter((row) => !row.schemaIssue && row.next._deleted !== true).map((row) => row.next),
        )
      : null;
  return storage.write(async (tx) => {
    await guard?.begin(tx);
    const masters = await tx.getDocuments(policy.name, [...new Set(prepared.map((row) => row.id))]);
    const forbidden: string[] = [];
    const reasons = new Set<string>();
    for (const row of prepared) {
      const reason = forbiddenReason(policy, principal, row.next, masters.get(row.id));
      if (reason) {
        forbidden.push(row.id);
        reasons.add(reason);
      }
    }
    if (forbidden.length > 0) {
      throw new DomainError(
        SyncError.FORBIDDEN,
        `This register may not write these ${policy.name} documents (${[...reasons].join('; ')}); nothing in the batch was stored.`,
        { ids: forbidden, collection: policy.name },
      );
    }

    const referenced = await loadReferences(tx, policy, principal, prepared);
    const conflicts: Record<string, unknown>[] = [];
    const rejected: RejectedDocument[] = [];
    // Later rows of the same batch see earlier ones, so a duplicated row is a no-op, not a conflict.
    const pending = new Map<string, DocumentWrite>();
    const merged: string[] = [];
    for (const row of prepared) {
      const { id, assumed } = row;
      let { next, json, hash, schemaIssue } = row;
      const master = pending.get(id) ?? masters.get(id);
      if (master && sameDocument(master, { hash, data: next })) continue;
      const rebase = master && assumed ? rebaseOnServerFields(policy, principal, master, assumed, next) : null;
      if (rebase?.kind === 'applied') continue;
      if (rebase?.kind === 'forbidden') {
        rejected.push({
          id,
          code: SyncError.CHANGE_FORBIDDEN,
          message: rebase.issue.message,
          field: rebase.issue.field,
        });
        continue;
      }
      if (rebase) {
        next = rebase.next;
        json = JSON.stringify(next);
        hash = hashJson(json);
        schemaIssue = policy.validate(withoutDeletedFlag(next));
      }
      // A forbidden tombstone is refused (and alerted) even when it would also conflict.
      const deletion = deletionIssue(policy, principal, next, master);
      if (deletion) {
        rejected.push({
          id,
          code: deletion.code ?? SyncError.DELETE_FORBIDDEN,
          message: deletion.message,
          field: deletion.field,
        });
        continue;
      }
      if (master && !rebase && (policy.appendOnly || !assumed || !sameDocument(master, assumed))) {
        conflicts.push(master.data);
        continue;
      }
      const issue =
        next._deleted === true
          ? null
          : (schemaIssue ??
            changeIssue(policy, master?.data, next, principal) ??
            justificationIssue(policy, principal, next, referenced) ??
            (master ? null : (guard?.check(next) ?? null)));
      if (issue) {
        rejected.push({
          id,
          code: issue.code ?? SyncError.INVALID_DOCUMENT,
          message: issue.message,
          field: issue.field,
        });
        continue;
      }
      const scope = policy.pullScopeOf(next);
      const previousScope = master && master.scope !== scope ? master.scope : (master?.previousScope ?? null);
      if (rebase) merged.push(id);
      pending.set(id, {
        collection: policy.name,
        id,
        scope,
        previousScope,
        lookup: policy.lookupKeyOf(next),
        data: next,
        json,
        hash,
        deleted: next._deleted === true,
      });
    }
    const written = await tx.putDocuments([...pending.values()]);
    const guardWrites = guard?.writes() ?? [];
    if (guardWrites.length > 0) await tx.putDocuments(guardWrites);
    if (afterWrite && written.length > 0) await afterWrite(tx, policy.name, written);
    return { conflicts, rejected, written, merged };
  }, rows.length);
}

const refKey = (ref: Reference) => `${ref.collection}\u0001${ref.id}`;

/** Loads every document the batch's value-moving writes lean on, in one read per collection. */
async function loadReferences(
  tx: WriteTx,
  policy: CollectionPolicy,
  principal: Principal,
  rows: readonly PreparedRow[],
): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  if (!policy.justification) return found;
  const byCollection = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.schemaIssue || row.next._deleted === true) continue;
    const ref = policy.justification.reference(row.next, principal);
    if (!ref) continue;
    const ids = byCollection.get(ref.collection) ?? new Set<string>();
    ids.add(ref.id);
    byCollection.set(ref.collection, ids);
  }
  for (const [collection, ids] of byCollection) {
    for (const [id, doc] of await tx.getDocuments(collection, [...ids]))
      found.set(refKey({ collection, id }), doc.data);
  }
  return found;
}

function justificationIssue(
  policy: CollectionPolicy,
  principal: Principal,
  next: Record<string, unknown>,
  referenced: Map<string, Record<string, unknown>>,
): DocumentIssue | null {
  const ref = policy.justification?.reference(next, principal);
  if (!ref || !policy.justification) return null;
  return policy.justification.justify(next, referenced.get(refKey(ref)), principal);
}

function changeIssue(
  policy: CollectionPolicy,
  previous: Record<string, unknown> | undefined,
  next: Record<string, unknown>,
  principal: Principal,
): DocumentIssue | null {
  const body = withoutDeletedFlag(next);
  if (previous) return policy.validateChange?.(withoutDeletedFlag(previous), body, principal) ?? null;
  return policy.validateCreate?.(body, principal) ?? null;
}
