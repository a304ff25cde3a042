// The one interface the server talks to; SQLite (embedded default) and PostgreSQL implement it.
// Documents are opaque JSON here: validation, scoping and conflict rules live above this layer.

/** A replicated document as the server stores it. `seq` is assigned by the server on every write. */
export interface StoredDocument {
  collection: string;
  id: string;
  seq: number;
  /** storeId the document belongs to, or null when every register may read it. */
  scope: string | null;
  /** The scope it had before its last write (a re-routed fulfillment order), so the old store hears about it. */
  previousScope: string | null;
  /** The document as replicated, including `_deleted`. */
  data: Record<string, unknown>;
  /** Indexed natural key for lookups across stores (an order's number, a return's original order). */
  lookup: string | null;
  /** sha-256 of the stored JSON text of `data` (compare with sameDocument, which falls back to canonical form). */
  hash: string;
  deleted: boolean;
}

export type DocumentWrite = Omit<StoredDocument, 'seq'> & {
  /** `data` already serialised (the push path has it); the backend stringifies when absent. */
  json?: string;
};

export interface RawDocument {
  seq: number;
  /** The stored JSON text of the document (including `_deleted`). */
  json: string;
}

/** What a committed write changed, for the live stream (local listeners and other instances). */
export interface CommitNotice {
  seq: number;
  /** Epoch milliseconds at commit, for the replication-lag metric. */
  committedAt: number;
  changes: { collection: string; scope: string | null; previousScope: string | null }[];
}

/**
 * A statement on a table outside `documents` (orchestration's jobs, exceptions, channel keys).
 * Placeholders are `?`; PostgreSQL gets them numbered. Give `{ sqlite, postgres }` where the
 * dialects differ (FOR UPDATE SKIP LOCKED).
 */
export type SqlText = string | { sqlite: string; postgres: string };

export interface WriteTx {
  getDocuments(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument>>;
  /** Inserts or replaces; every write gets a new, strictly higher sequence number. */
  putDocuments(writes: readonly DocumentWrite[]): Promise<StoredDocument[]>;
  /** Runs a statement inside this transaction (rows written here commit or roll back with the documents). */
  query<R = Record<string, unknown>>(sql: SqlText, params?: readonly unknown[]): Promise<R[]>;
}

export interface ScopeTotals {
  seq: number;
  counts: Record<string, number>;
}

export interface PullQuery {
  collection: string;
  afterSeq: number;
  limit: number;
  /** `null` = everything (HQ); otherwise global documents plus this store's. */
  storeId: string | null;
}

export interface EnrollmentCodeRow {
  codeHash: string;
  storeId: string;
  role: string;
  createdAt: string;
  expiresAt: string;
}

export interface DeviceRow {
  id: string;
  storeId: string;
  role: string;
  name: string;
  credentialHash: string;
  createdAt: string;
  revokedAt: string | null;
  /** Register number within its store and the name HQ shows and receipts print (S001-R01). */
  registerNo?: number | null;
  registerName?: string | null;
}

/** A refused write HQ should look at (shared/protocol SECURITY alert codes). */
export interface SecurityAlert {
  at: string;
  deviceId: string;
  storeId: string | null;
  collection: string;
  documentId: string;
  code: string;
  message: string;
}

export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data lives, for /health and logs (never includes a password). */
  readonly location: string;

  /**
   * Runs `fn` in one transaction; writers are serialised so sequence order equals commit order.
   * `weight`: the documents it writes (default 1); above BULK_CHUNK it queues behind smaller writes.
   */
  write<T>(fn: (tx: WriteTx) => Promise<T>, weight?: number): Promise<T>;
  pull(query: PullQuery): Promise<StoredDocument[]>;
  /** Like pull, but the documents stay the JSON text they are stored as (the pull endpoint's fast path). */
  pullRaw(query: PullQuery): Promise<RawDocument[]>;
  getDocuments(collection: string, ids: readonly string[]): Promise<Map<string, StoredDocument>>;
  /** Live (not deleted) documents of `collection` whose lookup key is `key`, any store. */
  findByLookup(collection: string, key: string, limit: number): Promise<StoredDocument[]>;
  latestSeq(): Promise<number>;
  countDocuments(collection: string): Promise<number>;
  /**
   * Live (not deleted) documents per collection that `storeId` pulls (null = all), and the latest
   * seq read before counting. Collections with none are absent.
   */
  totals(storeId: string | null): Promise<ScopeTotals>;
  /** Called after every commit that wrote documents (on PostgreSQL: from any instance). */
  onCommit(listener: (notice: CommitNotice) => void): () => void;

  insertEnrollmentCode(row: EnrollmentCodeRow): Promise<void>;
  /** Marks the code used if it exists, is unused and unexpired; returns it, else null. Atomic. */
  consumeEnrollmentCode(codeHash: string, now: string): Promise<EnrollmentCodeRow | null>;
  /** Makes a used code usable again (the device insert after it failed). */
  releaseEnrollmentCode(codeHash: string): Promise<void>;
  /**
   * Inserts the device with the next register number of its store (1 + the highest used there),
   * named by `nameOf(registerNo)`. Atomic: enrollments of one store racing each other get distinct
   * numbers on every backend and every server instance.
   */
  insertNumberedDevice(row: DeviceRow, nameOf: (registerNo: number) => string): Promise<DeviceRow>;
  findDeviceByCredentialHash(hash: string): Promise<DeviceRow | null>;
  revokeDevice(id: string, at: string): Promise<boolean>;
  listDevices(): Promise<DeviceRow[]>;
  /** Renames a device's register; false when there is no such device. */
  renameRegister(id: string, registerName: string): Promise<boolean>;

  /** Runs one statement on its own (autocommit); see SqlText. */
  query<R = Record<string, unknown>>(sql: SqlText, params?: readonly unknown[]): Promise<R[]>;

  insertSecurityAlerts(alerts: readonly SecurityAlert[]): Promise<void>;
  /** Newest first, at most `limit`, with the row id HQ can page by (ids below `beforeId`). */
  listSecurityAlerts(limit: number, beforeId?: number): Promise<(SecurityAlert & { id: number })[]>;

  getSetting(key: string): Promise<string | null>;
  /** Stores the value, replacing any earlier one. */
  putSetting(key: string, value: string): Promise<void>;
  /** Stores the value unless the key exists; returns the value that is stored afterwards. */
  putSettingIfAbsent(key: string, value: string): Promise<string>;

  close(): Promise<void>;
}
