// Stock counts (full or cycle, by category or location), counted blind by scan. The register takes
// a snapshot of the store's on-hand figures when the count starts; sales and other movements keep
// happening while people count, so a SKU's expected figure is the snapshot plus the movements the
// snapshot did not hold that happened before the SKU was counted (its last scan). A sale after the
// shelf was counted then does not show up as a variance, and one before it does not either.
import { DomainError } from '../errors';
import { uuidv5 } from '../ids/uuidv5';
import type { InventoryMovement } from '../schemas/inventory';
import type { MovementContext } from './documents';
import { InventoryError } from './errors';
import { MOVEMENT_RULES, type MovementType } from './movement-types';

export type CountScope =
  /** Every SKU the store holds: an item nobody scanned was counted as zero. */
  | { kind: 'full' }
  /** A cycle count of some departments: their items nobody scanned were counted as zero. */
  | { kind: 'category'; departments: string[] }
  /** A cycle count of shelf locations: only the items scanned there are counted. */
  | { kind: 'location'; locations: string[] };

export interface CountSnapshot {
  /** On hand per SKU when the count started (the store's SKUs, or the scope's). */
  onHand: Readonly<Record<string, number>>;
  /** Ids of the movements already in `onHand`: every other movement came after the snapshot. */
  movementIds: readonly string[];
}

export interface CountScan {
  sku: string;
  /** Units counted with this scan (1 for a plain scan; a typed quantity for a case). */
  quantity: number;
  /** ISO time of the scan. */
  at: string;
  /** Shelf location, for location counts. */
  location?: string;
  /** 1 for the first count; a recount of the SKU starts round 2 and replaces round 1's scans. */
  round: number;
}

/** A movement as the count needs it: what it moved and when. */
export interface TimedMovement {
  id: string;
  sku: string;
  type: MovementType;
  quantity: number;
  createdAt: string;
}

export interface ItemFacts {
  department?: string;
  /** Value of one unit in minor units (cost when the catalog has it, else the price). */
  unitValue: number;
}

export interface RecountThreshold {
  /** A line whose variance is at least this many units (either way) is counted again. */
  units: number;
  /** …or whose variance is worth at least this much (minor units, either way). */
  value: number;
}

export const DEFAULT_RECOUNT: RecountThreshold = { units: 5, value: 5_000 };

export interface VarianceLine {
  sku: string;
  expected: number;
  counted: number;
  /** counted − expected: what the approval books as a count movement. */
  variance: number;
  /** variance × unit value, minor units. */
  value: number;
  /** The round the counted figure comes from. */
  round: number;
  /** Over the threshold and not yet recounted. */
  needsRecount: boolean;
}

export interface VarianceReport {
  lines: VarianceLine[];
  linesCounted: number;
  unitsOver: number;
  unitsShort: number;
  valueOver: number;
  valueShort: number;
  /** valueOver − valueShort. */
  netValue: number;
  recount: string[];
}

function bad(message: string): DomainError {
  return new DomainError(InventoryError.BAD_COUNT, message);
}

/** Checks a scan before it joins the count. */
export function assertScan(scan: CountScan): void {
  if (typeof scan.sku !== 'string' || scan.sku.trim() === '') throw bad('A count scan names no item. Scan it again.');
  if (!Number.isSafeInteger(scan.quantity) || scan.quantity < 0 || scan.quantity > 100_000)
    throw bad(`A count of ${String(scan.quantity)} units is not possible. Type a whole number from 0 to 100,000.`);
  if (!Number.isSafeInteger(scan.round) || scan.round < 1) throw bad('A count round starts at 1.');
  if (Number.isNaN(Date.parse(scan.at))) throw bad('A count scan has no valid time.');
}

/** Per SKU: units counted in its latest round and the time of that round's last scan. */
export function tallyScans(scans: readonly CountScan[]): Map<string, { counted: number; at: string; round: number }> {
  const out = new Map<string, { counted: number; at: string; round: number }>();
  for (const s of scans) {
    assertScan(s);
    const seen = out.get(s.sku);
    if (!seen || s.round > seen.round) out.set(s.sku, { counted: s.quantity, at: s.at, round: s.round });
    else if (s.round === seen.round)
      out.set(s.sku, { counted: seen.counted + s.quantity, at: s.at > seen.at ? s.at : seen.at, round: s.round });
  }
  return out;
}

/** The SKUs the count covers: the snapshot's within scope, plus everything scanned. */
export function skusInScope(
  scope: CountScope,
  snapshot: CountSnapshot,
  scanned: Iterable<string>,
  facts: ReadonlyMap<string, ItemFacts>,
): string[] {
  const out = new Set<string>();
  if (scope.kind === 'full') for (const sku of Object.keys(snapshot.onHand)) out.add(sku);
  if (scope.kind === 'category') {
    const departments = new Set(scope.departments);
    for (const sku of Object.keys(snapshot.onHand)) {
      const d = facts.get(sku)?.department;
      if (d !== undefined && departments.has(d)) out.add(sku);
    }
  }
  for (const sku of scanned) out.add(sku);
  return [...out].sort();
}

/**
 * The variance report. `movements` may hold anything the register knows of the store's ledger
 * (duplicates and movements already in the snapshot are skipped); an uncounted SKU in a full or
 * category count was counted as zero at the time of the last scan of the whole count.
 */
export function varianceReport(input: {
  scope: CountScope;
  snapshot: CountSnapshot;
  scans: readonly CountScan[];
  movements: Iterable<TimedMovement>;
  facts: ReadonlyMap<string, ItemFacts>;
  threshold?: RecountThreshold;
}): VarianceReport {
  const threshold = input.threshold ?? DEFAULT_RECOUNT;
  const tally = tallyScans(input.scans);
  const skus = skusInScope(input.scope, input.snapshot, tally.keys(), input.facts);
  let end = '';
  for (const t of tally.values()) if (t.at > end) end = t.at;
  const inSnapshot = new Set(input.snapshot.movementIds);
  const seen = new Set<string>();
  const after = new Map<string, TimedMovement[]>();
  for (const m of input.movements) {
    if (inSnapshot.has(m.id) || seen.has(m.id) || MOVEMENT_RULES[m.type].bucket !== 'onHand') continue;
    seen.add(m.id);
    const list = after.get(m.sku);
    if (list) list.push(m);
    else after.set(m.sku, [m]);
  }
  const report: VarianceReport = {
    lines: [],
    linesCounted: tally.size,
    unitsOver: 0,
    unitsShort: 0,
    valueOver: 0,
    valueShort: 0,
    netValue: 0,
    recount: [],
  };
  for (const sku of skus) {
    const t = tally.get(sku);
    const countedAt = t?.at ?? end;
    let expected = input.snapshot.onHand[sku] ?? 0;
    for (const m of after.get(sku) ?? []) if (m.createdAt <= countedAt) expected += m.quantity;
    const counted = t?.counted ?? 0;
    const variance = counted - expected;
    const value = variance * (input.facts.get(sku)?.unitValue ?? 0);
    const round = t?.round ?? 1;
    const over = Math.abs(variance) >= threshold.units || Math.abs(value) >= threshold.value;
    const needsRecount = variance !== 0 && over && round === 1;
    report.lines.push({ sku, expected, counted, variance, value, round, needsRecount });
    if (variance > 0) {
      report.unitsOver += variance;
      report.valueOver += value;
    } else {
      report.unitsShort -= variance;
      report.valueShort -= value;
    }
    if (needsRecount) report.recount.push(sku);
  }
  report.netValue = report.valueOver - report.valueShort;
  return report;
}

export interface CountApproval {
  countId: string;
  storeId: string;
  /** Role of the person approving: only a manager or an admin books a count. */
  approverRole: string;
  approverId: string;
  /** Book lines still waiting for a recount as they are (the manager saw them). */
  acceptRecounts?: boolean;
}

/**
 * Books an approved count: one `count` movement per line (counted − expected, with the counted
 * figure), named after the count and SKU so approving twice writes the same documents.
 */
export function countMovements(
  report: VarianceReport,
  approval: CountApproval,
  ctx: MovementContext,
): InventoryMovement[] {
  if (approval.approverRole !== 'manager' && approval.approverRole !== 'admin')
    throw new DomainError(
      InventoryError.APPROVAL_REQUIRED,
      'A stock count is booked by a manager. Ask a manager to approve it with their PIN.',
    );
  if (report.recount.length > 0 && !approval.acceptRecounts)
    throw bad(
      `${report.recount.length} item${report.recount.length === 1 ? '' : 's'} must be counted again first (${report.recount.slice(0, 3).join(', ')}${report.recount.length > 3 ? ', …' : ''}).`,
    );
  return report.lines.map((l) => ({
    id: uuidv5(`count:${approval.countId}:${l.sku}`),
    storeId: approval.storeId,
    sku: l.sku,
    type: 'count' as const,
    quantity: l.variance,
    countedQuantity: l.counted,
    referenceType: 'count' as const,
    referenceId: approval.countId,
    deviceId: ctx.deviceId,
    staffId: approval.approverId,
    reason: `Count: expected ${l.expected}, counted ${l.counted}`,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  }));
}
