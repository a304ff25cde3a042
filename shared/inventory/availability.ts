// The batch availability question registers and HQ ask the server ("who has this, and how far
// away?") and the shape of the answer. Parsing lives here so the server refuses exactly what the
// register's client would never send, with a code and a sentence that says what to change.
import { DomainError } from '../errors';
import { InventoryError } from './errors';
import { MOVEMENT_RULES, type MovementType } from './movement-types';

export const INVENTORY_PATHS = {
  availability: '/api/inventory/availability',
  ledger: '/api/inventory/ledger',
} as const;

export const MAX_AVAILABILITY_SKUS = 100;
export const MAX_AVAILABILITY_STORES = 100;
export const MAX_LEDGER_ROWS = 1000;

export interface AvailabilityQuery {
  skus: string[];
  /** Stores to answer for; absent = the nearest MAX_AVAILABILITY_STORES to `fromStoreId` (or the first by code). */
  storeIds?: string[];
  /** Distances are measured from this store; a register's own store when it does not say. */
  fromStoreId?: string;
}

export interface StoreAvailability {
  storeId: string;
  storeCode: string;
  storeName: string;
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  /** Shipped to this store and not received yet: never part of on hand or available. */
  inTransit: number;
  /** From `fromStoreId`, rounded to 0.1 km; null when either store has no coordinates or no origin was given. */
  distanceKm: number | null;
}

export interface AvailabilityAnswer {
  /** Server time of the answer, so a register can show the age of a cached one. */
  at: string;
  fromStoreId: string | null;
  /** One row per SKU and store, SKUs in the order asked, stores nearest first. */
  rows: StoreAvailability[];
}

const SKU_RE = /^[\x21-\x7e]{1,64}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function bad(message: string, field: string): DomainError {
  return new DomainError(InventoryError.BAD_AVAILABILITY_QUERY, message, { field });
}

function stringList(value: unknown, field: string, max: number, re: RegExp, what: string): string[] {
  if (!Array.isArray(value) || value.length === 0) throw bad(`Give ${field} as a non-empty list of ${what}.`, field);
  if (value.length > max)
    throw bad(`Ask about at most ${max} ${what} per call (got ${value.length}); split the question.`, field);
  for (const v of value) {
    if (typeof v !== 'string' || !re.test(v))
      throw bad(`${JSON.stringify(v)} in ${field} is not a valid ${what.replace(/s$/, '')}.`, field);
  }
  return [...new Set(value as string[])];
}

export function parseAvailabilityQuery(body: unknown): AvailabilityQuery {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw bad('Send {"skus": [...], "storeIds"?: [...], "fromStoreId"?: "..."}.', '');
  const b = body as Record<string, unknown>;
  const known = new Set(['skus', 'storeIds', 'fromStoreId']);
  const extra = Object.keys(b).find((k) => !known.has(k));
  if (extra)
    throw bad(`"${extra}" is not part of an availability question; use skus, storeIds and fromStoreId.`, extra);
  const query: AvailabilityQuery = { skus: stringList(b.skus, 'skus', MAX_AVAILABILITY_SKUS, SKU_RE, 'SKUs') };
  if (b.storeIds !== undefined)
    query.storeIds = stringList(b.storeIds, 'storeIds', MAX_AVAILABILITY_STORES, UUID_RE, 'store ids');
  if (b.fromStoreId !== undefined) {
    if (typeof b.fromStoreId !== 'string' || !UUID_RE.test(b.fromStoreId))
      throw bad('fromStoreId must be a store id (a UUID).', 'fromStoreId');
    query.fromStoreId = b.fromStoreId;
  }
  return query;
}

/** One ledger row with the running on-hand and reserved figures after it: "explained line by line". */
export interface LedgerLine {
  seq: number;
  id: string;
  type: MovementType;
  quantity: number;
  referenceType: string;
  referenceId: string;
  reason?: string;
  createdAt: string;
  /** Who moved it: the staff member, when the movement names one, and the device that wrote it. */
  staffId?: string;
  deviceId?: string;
  onHandAfter: number;
  reservedAfter: number;
}

export interface LedgerMovementRow {
  seq: number;
  data: {
    id: string;
    type: MovementType;
    quantity: number;
    referenceType?: string;
    referenceId?: string;
    reason?: string;
    createdAt?: string;
    staffId?: string;
    deviceId?: string;
  };
}

/** Running totals over movements in server order; the last line's figures equal the projected level. */
export function explainLedger(rows: readonly LedgerMovementRow[]): LedgerLine[] {
  let onHand = 0;
  let reserved = 0;
  return [...rows]
    .sort((a, b) => a.seq - b.seq)
    .map(({ seq, data }) => {
      if (MOVEMENT_RULES[data.type].bucket === 'onHand') onHand += data.quantity;
      else reserved += data.quantity;
      return {
        seq,
        id: data.id,
        type: data.type,
        quantity: data.quantity,
        referenceType: data.referenceType ?? 'none',
        referenceId: data.referenceId ?? '',
        ...(data.reason ? { reason: data.reason } : {}),
        createdAt: data.createdAt ?? '',
        ...(data.staffId ? { staffId: data.staffId } : {}),
        ...(data.deviceId ? { deviceId: data.deviceId } : {}),
        onHandAfter: onHand,
        reservedAfter: reserved,
      };
    });
}
