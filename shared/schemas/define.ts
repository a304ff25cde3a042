// One definition per collection: the zod schema is the source of truth; the TypeScript type and
// the RxDB JSON schema are derived from it, and the same entry says who may create, change and
// delete its documents, which store owns them and what a register's write must prove. The sync
// server builds its push/pull policies from these entries alone (no per-collection code there).
import type { z } from 'zod';
import { type IndexSpec, type RxSchemaShape, toRxSchema } from './rxdb-json';

/** Who writes: head office (and the server acting for it) or an enrolled register. The one role type of the sync protocol. */
export const Role = { HQ: 'hq', REGISTER: 'register' } as const;
export type Role = (typeof Role)[keyof typeof Role];

/** The stored scope of a document no register pulls or hears about (never a store id: those are UUIDs). */
export const SERVER_ONLY_SCOPE = 'server';

export type Scope =
  /** Chain-wide: no store owns the document. */
  | { readonly kind: 'global' }
  /** The store named in this top-level field owns the document. */
  | { readonly kind: 'field'; readonly field: 'storeId' | 'assignedStoreId' };

export type RegisterPull =
  /** Everything in the collection. */
  | 'all'
  /** Only documents whose scope is the register's own store. */
  | 'own_store'
  /** Only documents `visibleToStore` accepts (staff of the store). */
  | 'filtered';

export type ConflictRule =
  /** Only one writer exists; a conflict is a bug or a replay and the master state wins. */
  | 'single_writer'
  /** Never updated; same id + same content is a no-op, different content is refused. */
  | 'append_only'
  /** Both sides may write; the server's state wins and the register shows the conflict. */
  | 'server_wins_visible'
  /** Server owns status and routing; the assigned store may change only `registerWritableFields`. */
  | 'field_ownership';

/** Why a write is refused: the field it is about, a sentence to act on and a code (shared/protocol/errors). */
export interface RuleIssue {
  field: string;
  message: string;
  code?: string;
}

/** A document another one leans on, looked up by the server inside the push transaction. */
export interface Reference {
  collection: string;
  id: string;
}

export interface CollectionAccess<D = Record<string, unknown>> {
  /** Who may create, change and tombstone (`_deleted: true`) documents. */
  readonly create: readonly Role[];
  readonly change: readonly Role[];
  readonly delete: readonly Role[];
  readonly scope: Scope;
  readonly registerPull: RegisterPull;
  readonly appendOnly: boolean;
  readonly conflict: ConflictRule;
  /** When set, a register's change may touch only these top-level fields (plus `updatedAt`). */
  readonly registerWritableFields?: readonly string[];
  /**
   * Top-level fields only the server writes (a register may never change them). A register's push
   * whose assumed master differs from the stored master only in these fields is not a conflict: the
   * server keeps its values of them and applies the register's change to the rest.
   */
  readonly serverOwnedFields?: readonly string[];
  /** The natural key other stores look the document up by (order number, original order). */
  lookupKey?(doc: D): string | null;
  /** For registerPull 'filtered': whether a register of `storeId` receives the document. */
  visibleToStore?(doc: D, storeId: string): boolean;
  /**
   * The store whose registers pull a document and are told when it changes (the `scope` the server
   * stores it under); SERVER_ONLY_SCOPE: no register's; null: every register's. When absent the
   * collection's `registerPull` decides. A document no register sees moves no register's checkpoint.
   */
  registerScopeOf?(doc: D): string | null;
  /** Rules on a new document that only a register must follow. */
  registerCreate?(doc: D): RuleIssue | null;
  /** Rules on a change from the stored document, for every writer (status machines, immutability). */
  checkChange?(previous: D, next: D, writer: Role): RuleIssue | null;
  /**
   * A register's document that moves value (store credit, gift card balance) must lean on another
   * document of its store that justifies it: `reference` names it (null: none needed) and `justify`
   * judges the pair. The server refuses the write when the reference is missing or not enough.
   */
  registerJustification?: {
    reference(doc: D): Reference | null;
    justify(doc: D, referenced: Record<string, unknown> | undefined, storeId: string): RuleIssue | null;
  };
  readonly note: string;
}

export interface CollectionDefinition<Name extends string = string, S extends z.ZodType = z.ZodType> {
  readonly name: Name;
  /** Runtime validation (server push, seed import). Strict: unknown keys are refused. */
  readonly validator: S;
  readonly rxSchema: RxSchemaShape;
  /** The object shape the JSON schema was made from (the validator itself when it is one object). */
  readonly storageShape: z.ZodType;
  readonly access: CollectionAccess;
}

interface DefineOptions<S extends z.ZodType> {
  description: string;
  schema: S;
  indexes: readonly IndexSpec[];
  /**
   * Object shape used only to produce the JSON schema, for collections whose runtime schema is a
   * discriminated union (RxDB wants one object at the top). It must accept every valid document;
   * the schema tests parse each fixture with both.
   */
  storageShape?: z.ZodType;
  /**
   * The register's stored (RxDB) schema version, 0 at first. Raise it by one whenever the stored
   * shape changes (a field or an index added): a register then migrates its stored documents on
   * start instead of refusing to open its database (RxDB's DB6), so unsent sales are never stranded
   * by an update. schema-versions.test.ts fails when the shape changes and the version does not.
   */
  version?: number;
  access: CollectionAccess<z.output<S>>;
}

export function defineCollection<Name extends string, S extends z.ZodType<{ id: string; updatedAt: string }>>(
  name: Name,
  options: DefineOptions<S>,
): CollectionDefinition<Name, S> {
  return {
    name,
    validator: options.schema,
    storageShape: options.storageShape ?? options.schema,
    rxSchema: toRxSchema(
      name,
      options.description,
      options.storageShape ?? options.schema,
      options.indexes,
      options.version ?? 0,
    ),
    // The rules see schema-valid documents (the server validates first), typed as this collection's.
    access: options.access as unknown as CollectionAccess,
  };
}

/** The document type of a collection definition. */
export type DocOf<D extends CollectionDefinition> = z.output<D['validator']>;

export const HQ_ONLY = [Role.HQ] as const;
export const HQ_AND_REGISTERS = [Role.HQ, Role.REGISTER] as const;
export const NOBODY = [] as const;
export const GLOBAL: Scope = { kind: 'global' };
export const STORE: Scope = { kind: 'field', field: 'storeId' };
