// The register's local replica: one RxDB database with the twelve collections of
// shared/schemas on Dexie (IndexedDB). Chrome makes IndexedDB commits "relaxed" by default (a
// power cut can lose the last writes); sales must survive one, so transactions are strict.
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import {
  COLLECTION_NAMES,
  collections,
  type CollectionName,
  type DocumentOf,
} from '../../../shared/schemas/collections';
import { markLocalDocuments } from '../sync/checkpoint-store';

export type PosCollections = { [N in CollectionName]: RxCollection<DocumentOf<N>> };
export type PosDatabase = RxDatabase<PosCollections>;
/** Any RxDB storage (Dexie in the app, memory or fake-indexeddb Dexie in tests). */
export type PosStorage = Parameters<typeof createRxDatabase>[0]['storage'];

export interface PosDatabaseOptions {
  /** IndexedDB database name; one per enrolled register and server. */
  name: string;
  /** Defaults to Dexie on the page's IndexedDB with strict durability. */
  storage?: PosStorage;
  /**
   * Open only these collections (tools and tests: the free RxDB edition allows 13 open
   * collections per process, so three full registers cannot share one Node process).
   */
  only?: readonly CollectionName[];
}

/** Dexie storage with strict durability; pass fake-indexeddb's globals in Node. */
export function posStorage(indexedDB?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }): PosStorage {
  return getRxStorageDexie({ chromeTransactionDurability: 'strict', ...(indexedDB ?? {}) });
}

// Local documents hold the pull-only replication's checkpoints (sync/checkpoint-store.ts).
addRxPlugin(RxDBLocalDocumentsPlugin);
// A collection whose stored shape changed carries a higher version (shared/schemas/define.ts);
// RxDB migrates the stored documents when the collection opens, before replication starts.
addRxPlugin(RxDBMigrationSchemaPlugin);

type MigrationStep = (doc: Record<string, unknown>) => Record<string, unknown> | null;

/**
 * Steps that rewrite or drop stored documents, by collection and version. A step returning null
 * drops the document from the local replica only: the migration runs before replication starts and
 * writes no change it would push.
 * config 3: a register enrolled before gift cards were kept on the server (tokens keyed with a
 * server secret, looked up online) still holds the chain's gift card documents with the old
 * unkeyed tokens; they go (nothing on the register reads them; its payments keep their tokens).
 */
const REWRITING_STEPS: Partial<Record<CollectionName, Record<number, MigrationStep>>> = {
  config: { 3: (doc) => (doc.kind === 'gift_card' ? null : doc) },
};

/**
 * Every other version only added optional fields or indexes, so a stored document is valid as it
 * is under the next version: those steps keep it unchanged.
 */
export function migrationStrategies(name: CollectionName, version: number): Record<number, MigrationStep> {
  const steps: Record<number, MigrationStep> = {};
  for (let v = 1; v <= version; v++) steps[v] = REWRITING_STEPS[name]?.[v] ?? ((doc) => doc);
  return steps;
}

export async function createPosDatabase(options: PosDatabaseOptions): Promise<PosDatabase> {
  const db = await createRxDatabase<PosCollections>({
    name: options.name,
    storage: options.storage ?? posStorage(),
    // One window per register; replication runs in it, no cross-tab leader election needed.
    multiInstance: false,
    eventReduce: true,
    localDocuments: true,
  });
  markLocalDocuments(db);
  const names = options.only ?? COLLECTION_NAMES;
  const definitions = Object.fromEntries(
    names.map((name) => [
      name,
      {
        schema: collections[name].rxSchema as unknown as RxJsonSchema<DocumentOf<typeof name>>,
        migrationStrategies: migrationStrategies(name, collections[name].rxSchema.version),
      },
    ]),
  );
  try {
    await db.addCollections(definitions as Parameters<PosDatabase['addCollections']>[0]);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
