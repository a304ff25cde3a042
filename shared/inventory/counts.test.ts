import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { parseDocument } from '../schemas/validate';
import {
  countMovements,
  type CountScan,
  type ItemFacts,
  type TimedMovement,
  varianceReport,
  type CountSnapshot,
} from './counts';
import { InventoryError } from './errors';
import { projectLevels } from './ledger';

const STORE = '00000000-0000-4000-8000-00000000000a';
const BASE = Date.parse('2026-12-03T08:00:00.000Z');
const at = (n: number) => new Date(BASE + n * 1000).toISOString();
const SKUS = ['MUG', 'SOCK', 'TEE', 'CAP'];
const facts = new Map<string, ItemFacts>(
  SKUS.map((sku, i) => [sku, { department: i < 2 ? 'HOME' : 'WEAR', unitValue: 250 * (i + 1) }]),
);

interface Story {
  start: Record<string, number>;
  /** Movements after the snapshot: sku, signed quantity, even time slot. */
  moves: { sku: string; quantity: number; slot: number }[];
  /** Per SKU: the odd time slot it is counted at and the units missing that no movement explains. */
  counts: { sku: string; slot: number; shrink: number }[];
}

const story: fc.Arbitrary<Story> = fc.record({
  start: fc.record(Object.fromEntries(SKUS.map((s) => [s, fc.integer({ min: 0, max: 50 })]))) as fc.Arbitrary<
    Record<string, number>
  >,
  moves: fc.array(
    fc.record({
      sku: fc.constantFrom(...SKUS),
      quantity: fc.integer({ min: -5, max: 5 }).filter((q) => q !== 0),
      slot: fc.integer({ min: 0, max: 50 }).map((n) => n * 2),
    }),
    { maxLength: 40 },
  ),
  counts: fc.constant(SKUS).chain((skus) =>
    fc.tuple(
      ...skus.map((sku) =>
        fc.record({
          sku: fc.constant(sku),
          slot: fc.integer({ min: 0, max: 50 }).map((n) => n * 2 + 1),
          shrink: fc.integer({ min: 0, max: 3 }),
        }),
      ),
    ),
  ),
});

function play(s: Story, chunk: number) {
  const snapshotIds = SKUS.map((sku) => `opening-${sku}`);
  const snapshot: CountSnapshot = { onHand: s.start, movementIds: snapshotIds };
  const movements: TimedMovement[] = s.moves.map((m, i) => ({
    id: `m${i}`,
    sku: m.sku,
    type: m.quantity < 0 ? 'sale' : 'return',
    quantity: m.quantity,
    createdAt: at(m.slot),
  }));
  const scans: CountScan[] = [];
  const truthAt = (sku: string, slot: number) =>
    (s.start[sku] ?? 0) + s.moves.filter((m) => m.sku === sku && m.slot < slot).reduce((a, m) => a + m.quantity, 0);
  for (const c of s.counts) {
    // What is really on the shelf when the counter gets there (never below zero).
    let left = Math.max(0, truthAt(c.sku, c.slot) - c.shrink);
    if (left === 0) scans.push({ sku: c.sku, quantity: 0, at: at(c.slot), round: 1 });
    while (left > 0) {
      const q = Math.min(chunk, left);
      scans.push({ sku: c.sku, quantity: q, at: at(c.slot), round: 1 });
      left -= q;
    }
  }
  // The register also holds the opening movements (already in the snapshot) and duplicates.
  const known = [
    ...SKUS.map((sku, i) => ({ id: snapshotIds[i]!, sku, type: 'receipt' as const, quantity: 99, createdAt: at(0) })),
    ...movements,
    ...movements.slice(0, 3),
  ];
  return { snapshot, scans, known, truthAt };
}

describe('stock counts', () => {
  it('variance is exactly the unexplained loss, whatever sales happen while counting, in any order, with duplicates', () => {
    fc.assert(
      fc.property(story, fc.integer({ min: 1, max: 7 }), fc.integer(), (s, chunk, seed) => {
        const { snapshot, scans, known, truthAt } = play(s, chunk);
        const shuffled = fc.sample(fc.shuffledSubarray(known, { minLength: known.length }), { seed, numRuns: 1 })[0]!;
        const report = varianceReport({
          scope: { kind: 'full' },
          snapshot,
          scans,
          movements: shuffled,
          facts,
          threshold: { units: 1_000, value: 1_000_000 },
        });
        for (const c of s.counts) {
          const line = report.lines.find((l) => l.sku === c.sku)!;
          const truth = truthAt(c.sku, c.slot);
          expect(line.expected).toBe(truth);
          expect(line.variance).toBe(Math.max(0, truth - c.shrink) - truth);
          expect(line.value).toBe(line.variance * facts.get(c.sku)!.unitValue);
        }
        expect(report.netValue).toBe(report.lines.reduce((a, l) => a + l.value, 0));
      }),
    );
  });

  it('after approval the ledger says what was counted plus what moved after the count', () => {
    fc.assert(
      fc.property(story, (s) => {
        const { snapshot, scans, known, truthAt } = play(s, 3);
        const report = varianceReport({
          scope: { kind: 'full' },
          snapshot,
          scans,
          movements: known,
          facts,
          threshold: { units: 1_000, value: 1_000_000 },
        });
        const booked = countMovements(
          report,
          { countId: 'c1', storeId: STORE, approverRole: 'manager', approverId: STORE },
          { deviceId: 'dev', at: at(200) },
        );
        const ledger = [
          ...SKUS.map((sku) => ({
            id: `opening-${sku}`,
            storeId: STORE,
            sku,
            type: 'receipt' as const,
            quantity: s.start[sku]!,
          })).filter((m) => m.quantity > 0),
          ...known.filter((m) => !m.id.startsWith('opening')).map((m) => ({ ...m, storeId: STORE })),
          ...booked,
        ];
        const levels = projectLevels(ledger).levels;
        for (const c of s.counts) {
          const counted = Math.max(0, truthAt(c.sku, c.slot) - c.shrink);
          const afterwards = s.moves
            .filter((m) => m.sku === c.sku && m.slot > c.slot)
            .reduce((a, m) => a + m.quantity, 0);
          expect(levels.get(`${STORE}:${c.sku}`)?.onHand ?? 0).toBe(counted + afterwards);
        }
      }),
    );
  });

  it('a full count counts unscanned items as zero; a category count only its departments; a location count only what was scanned', () => {
    const snapshot: CountSnapshot = { onHand: { MUG: 4, SOCK: 2, TEE: 3 }, movementIds: [] };
    const scans: CountScan[] = [{ sku: 'MUG', quantity: 4, at: at(1), round: 1, location: 'A1' }];
    const full = varianceReport({ scope: { kind: 'full' }, snapshot, scans, movements: [], facts });
    expect(full.lines.map((l) => [l.sku, l.variance])).toEqual([
      ['MUG', 0],
      ['SOCK', -2],
      ['TEE', -3],
    ]);
    const home = varianceReport({
      scope: { kind: 'category', departments: ['HOME'] },
      snapshot,
      scans,
      movements: [],
      facts,
    });
    expect(home.lines.map((l) => l.sku)).toEqual(['MUG', 'SOCK']);
    const shelf = varianceReport({
      scope: { kind: 'location', locations: ['A1'] },
      snapshot,
      scans,
      movements: [],
      facts,
    });
    expect(shelf.lines.map((l) => l.sku)).toEqual(['MUG']);
  });

  it('flags big variances for a recount; the recount replaces the first count; booking waits for it', () => {
    const snapshot: CountSnapshot = { onHand: { MUG: 10, SOCK: 1 }, movementIds: [] };
    const first: CountScan[] = [
      { sku: 'MUG', quantity: 2, at: at(1), round: 1 },
      { sku: 'SOCK', quantity: 1, at: at(2), round: 1 },
    ];
    const report = varianceReport({ scope: { kind: 'full' }, snapshot, scans: first, movements: [], facts });
    expect(report.recount).toEqual(['MUG']);
    expect(report.valueShort).toBe(8 * 250);
    const approval = {
      countId: '00000000-0000-4000-8000-0000000000c2',
      storeId: STORE,
      approverRole: 'manager',
      approverId: STORE,
    };
    expect(() => countMovements(report, approval, { deviceId: 'd', at: at(3) })).toThrow(/counted again/);
    const again = varianceReport({
      scope: { kind: 'full' },
      snapshot,
      scans: [...first, { sku: 'MUG', quantity: 9, at: at(4), round: 2 }],
      movements: [],
      facts,
    });
    expect(again.recount).toEqual([]);
    expect(again.lines.find((l) => l.sku === 'MUG')).toMatchObject({ counted: 9, variance: -1, round: 2 });
    const docs = countMovements(again, approval, { deviceId: 'd', at: at(5) });
    for (const doc of docs) parseDocument('inventory_movements', doc);
    expect(docs.map((d) => [d.sku, d.quantity, d.countedQuantity])).toEqual([
      ['MUG', -1, 9],
      ['SOCK', 0, 1],
    ]);
    // Approving twice gives the same documents (the push is then a no-op).
    expect(countMovements(again, approval, { deviceId: 'd', at: at(5) })).toEqual(docs);
  });

  it('only a manager books a count, and bad scans are refused with a sentence', () => {
    const report = varianceReport({
      scope: { kind: 'location', locations: [] },
      snapshot: { onHand: {}, movementIds: [] },
      scans: [],
      movements: [],
      facts,
    });
    try {
      countMovements(
        report,
        { countId: 'c', storeId: STORE, approverRole: 'clerk', approverId: STORE },
        { deviceId: 'd', at: at(0) },
      );
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, InventoryError.APPROVAL_REQUIRED)).toBe(true);
    }
    for (const scan of [
      { sku: '', quantity: 1, at: at(0), round: 1 },
      { sku: 'MUG', quantity: -1, at: at(0), round: 1 },
      { sku: 'MUG', quantity: 1.5, at: at(0), round: 1 },
      { sku: 'MUG', quantity: 1, at: 'yesterday', round: 1 },
    ]) {
      expect(() =>
        varianceReport({
          scope: { kind: 'full' },
          snapshot: { onHand: {}, movementIds: [] },
          scans: [scan],
          movements: [],
          facts,
        }),
      ).toThrow(expect.objectContaining({ code: InventoryError.BAD_COUNT }));
    }
  });
});
