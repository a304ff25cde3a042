// Who may write each collection and how a document's store scope is found. The sync server
// enforces it on push (scope comes from the device credential, never from the body) and uses the
// pull rule to decide which documents a register receives.
import type { CollectionName } from './collections';

export type WriterRole = 'server' | 'register';

export type Scope =
  /** Chain-wide: every register receives every document (catalog, config, staff). */
  | { readonly kind: 'global' }
  /** The store named in this top-level field owns the document. */
  | { readonly kind: 'field'; readonly field: 'storeId' | 'assignedStoreId' };

export type RegisterPull =
  /** Everything in the collection. */
  | 'all'
  /** Only documents whose scope is the register's own store. */
  | 'own_store';

export type ConflictRule =
  /** Only one writer exists; a conflict is a bug or a replay and the master state wins. */
  | 'single_writer'
  /** Never updated; same id + same content is a no-op, different content is refused. */
  | 'append_only'
  /** Both sides may write; the server's state wins and the register shows the conflict. */
  | 'server_wins_visible'
  /** Server owns status and routing; the assigned store may change only `registerWritableFields`. */
  | 'field_ownership';

export interface CollectionOwnership {
  readonly writers: readonly WriterRole[];
  readonly appendOnly: boolean;
  readonly scope: Scope;
  readonly registerPull: RegisterPull;
  readonly conflict: ConflictRule;
  /** When set, a register's push may change only these top-level fields (plus `updatedAt`). */
  readonly registerWritableFields?: readonly string[];
  readonly note: string;
}

const GLOBAL: Scope = { kind: 'global' };
const STORE: Scope = { kind: 'field', field: 'storeId' };

export const OWNERSHIP = {
  products: { writers: ['server'], appendOnly: false, scope: GLOBAL, registerPull: 'all', conflict: 'single_writer', note: 'HQ catalog.' },
  config: { writers: ['server'], appendOnly: false, scope: GLOBAL, registerPull: 'all', conflict: 'single_writer', note: 'Stores, registers, tax rules, price books, promotions, policies.' },
  staff: { writers: ['server'], appendOnly: false, scope: GLOBAL, registerPull: 'all', conflict: 'single_writer', note: 'PIN hashes replicate so sign-in works offline.' },
  customers: {
    writers: ['server', 'register'],
    appendOnly: false,
    scope: GLOBAL,
    registerPull: 'all',
    conflict: 'server_wins_visible',
    registerWritableFields: ['displayName', 'firstName', 'lastName', 'searchName', 'email', 'phone', 'address', 'notes', 'marketingConsent', 'taxExempt', 'taxExemptId', 'homeStoreId'],
    note: 'Registers never write storeCreditBalance: the server projects it from returns and payments.',
  },
  orders: {
    writers: ['server', 'register'],
    appendOnly: false,
    scope: STORE,
    registerPull: 'own_store',
    conflict: 'single_writer',
    note: "A register writes only channel 'pos' orders of its own store; web/mobile/phone orders are the server's. Completed or voided orders are immutable.",
  },
  order_events: { writers: ['server', 'register'], appendOnly: true, scope: STORE, registerPull: 'own_store', conflict: 'append_only', note: 'Status history, notes, approvals, alerts.' },
  payments: { writers: ['server', 'register'], appendOnly: false, scope: STORE, registerPull: 'own_store', conflict: 'single_writer', note: 'Written by whoever took the tender; an offline card payment is updated by the same register when forwarded.' },
  returns: { writers: ['register'], appendOnly: false, scope: STORE, registerPull: 'own_store', conflict: 'single_writer', note: 'The server also needs every return of an order (any store) to compute returnable quantities.' },
  fulfillment_orders: {
    writers: ['server', 'register'],
    appendOnly: false,
    scope: { kind: 'field', field: 'assignedStoreId' },
    registerPull: 'own_store',
    conflict: 'field_ownership',
    registerWritableFields: ['status', 'lines', 'shipment', 'history', 'staging', 'handover'],
    note: 'Server creates and routes (and sets the pickup code the customer is sent); the assigned store picks, marks ready, hands over or ships. The server validates every status transition.',
  },
  inventory_movements: { writers: ['server', 'register'], appendOnly: true, scope: STORE, registerPull: 'own_store', conflict: 'append_only', note: 'Idempotent by id; a register only records movements of its own store.' },
  inventory_levels: {
    writers: ['server'],
    appendOnly: false,
    scope: STORE,
    registerPull: 'own_store',
    conflict: 'single_writer',
    note: "Projection; a register pulls its own store's levels (demo chain: 14,270 rows → 2,865 for S001, measured); other stores' come from the availability API.",
  },
  till_shifts: { writers: ['register'], appendOnly: false, scope: STORE, registerPull: 'own_store', conflict: 'single_writer', note: 'Only the register owning the drawer writes its shifts.' },
} as const satisfies { readonly [K in CollectionName]: CollectionOwnership };

export function ownershipOf(collection: CollectionName): CollectionOwnership {
  return OWNERSHIP[collection];
}

/** The store that owns `doc` under `scope`, or undefined for chain-wide documents. */
export function scopeStoreId(collection: CollectionName, doc: Readonly<Record<string, unknown>>): string | undefined {
  const scope = OWNERSHIP[collection].scope;
  if (scope.kind === 'global') return undefined;
  const value = doc[scope.field];
  return typeof value === 'string' ? value : undefined;
}
