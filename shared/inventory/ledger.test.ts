import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { InventoryError } from './errors';
import {
  type LedgerMovement,
  type StockLevel,
  applyMovement,
  detectOversells,
  emptyLevel,
  levelWithPending,
  projectLevels,
} from './ledger';
import { MOVEMENT_RULES, MOVEMENT_TYPES, type MovementType } from './movement-types';

const STORES = ['store-a', 'store-b'];
const SKUS = ['MUG', 'SOCK', 'TEA'];

const movementArb: fc.Arbitrary<LedgerMovement> = fc
  .record({
    id: fc.uuid(),
    storeId: fc.constantFrom(...STORES),
    sku: fc.constantFrom(...SKUS),
    type: fc.constantFrom(...MOVEMENT_TYPES),
    magnitude: fc.integer({ min: 1, max: 50 }),
    negative: fc.boolean(),
  })
  .map(({ magnitude, negative, ...m }) => {
    const sign = MOVEMENT_RULES[m.type].sign;
    const quantity = sign === 0 ? (negative ? -magnitude : magnitude) : sign * magnitude;
    return { ...m, quantity };
  });

const asObject = (levels: Map<string, StockLevel>) =>
  Object.fromEntries([...levels].sort(([a], [b]) => a.localeCompare(b)));

describe('ledger projection', () => {
  it('gives the same levels for any order of delivery, with any duplicates', () => {
    fc.assert(
      fc.property(
        fc.array(movementArb, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.infiniteStream(fc.nat()),
        (ledger, dupPicks, shuffleSeed) => {
          const expected = asObject(projectLevels(ledger).levels);
          const duplicated = [
            ...ledger,
            ...(ledger.length ? dupPicks.map((i) => ({ ...ledger[i % ledger.length]! })) : []),
          ];
          // Fisher–Yates with the stream as the source of randomness, so fast-check can shrink it.
          const it = shuffleSeed[Symbol.iterator]();
          for (let i = duplicated.length - 1; i > 0; i -= 1) {
            const j = (it.next().value as number) % (i + 1);
            [duplicated[i], duplicated[j]] = [duplicated[j]!, duplicated[i]!];
          }
          expect(asObject(projectLevels(duplicated).levels)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps available = onHand − reserved and sums each bucket exactly', () => {
    fc.assert(
      fc.property(fc.array(movementArb, { maxLength: 60 }), (ledger) => {
        const { levels } = projectLevels(ledger);
        for (const level of levels.values()) {
          expect(level.available).toBe(level.onHand - level.reserved);
          const mine = ledger.filter((m) => m.storeId === level.storeId && m.sku === level.sku);
          const sum = (bucket: 'onHand' | 'reserved') =>
            mine.filter((m) => MOVEMENT_RULES[m.type].bucket === bucket).reduce((s, m) => s + m.quantity, 0);
          expect(level.onHand).toBe(sum('onHand'));
          expect(level.reserved).toBe(sum('reserved'));
        }
      }),
    );
  });

  it('resolves an id delivered with two contents the same way whatever the order, and reports it', () => {
    const a: LedgerMovement = { id: 'm1', storeId: 'store-a', sku: 'MUG', type: 'sale', quantity: -1 };
    const b: LedgerMovement = { ...a, quantity: -3 };
    const ab = projectLevels([a, b]);
    const ba = projectLevels([b, a]);
    expect(asObject(ab.levels)).toEqual(asObject(ba.levels));
    expect(ab.conflictingIds).toEqual(['m1']);
  });

  it('a real day: receipt, two sales, a BOPIS reservation then its pickup', () => {
    const day: LedgerMovement[] = [
      { id: '1', storeId: 's', sku: 'MUG', type: 'receipt', quantity: 12 },
      { id: '2', storeId: 's', sku: 'MUG', type: 'sale', quantity: -2 },
      { id: '3', storeId: 's', sku: 'MUG', type: 'reservation', quantity: 3 },
      { id: '4', storeId: 's', sku: 'MUG', type: 'count', quantity: -1 },
      { id: '5', storeId: 's', sku: 'MUG', type: 'release', quantity: -3 },
      { id: '6', storeId: 's', sku: 'MUG', type: 'sale', quantity: -3 },
    ];
    expect(projectLevels(day.slice(0, 4)).levels.get('s:MUG')).toEqual({
      storeId: 's',
      sku: 'MUG',
      onHand: 9,
      reserved: 3,
      available: 6,
    });
    expect(projectLevels(day).levels.get('s:MUG')).toEqual({
      storeId: 's',
      sku: 'MUG',
      onHand: 6,
      reserved: 0,
      available: 6,
    });
  });

  it('refuses movements with the wrong sign, a fraction, NaN or an unknown type', () => {
    const base = emptyLevel('s', 'MUG');
    const bad: LedgerMovement[] = [
      { id: 'x', storeId: 's', sku: 'MUG', type: 'sale', quantity: 1 },
      { id: 'x', storeId: 's', sku: 'MUG', type: 'receipt', quantity: 1.5 },
      { id: 'x', storeId: 's', sku: 'MUG', type: 'receipt', quantity: Number.NaN },
      { id: 'x', storeId: 's', sku: 'MUG', type: 'theft' as MovementType, quantity: -1 },
      { id: 'x', storeId: 's', sku: 'MUG', type: 'adjustment', quantity: 0 },
    ];
    for (const m of bad) {
      let code = 'none';
      try {
        applyMovement(base, m);
      } catch (e) {
        code = isDomainError(e) ? e.code : 'other';
      }
      expect(code).toBe(InventoryError.INVALID_MOVEMENT);
    }
  });
});

describe('register view and oversells', () => {
  it('adds unsynced local movements to the server level, once each', () => {
    const server = { storeId: 's', sku: 'MUG', onHand: 5, reserved: 1, available: 4 };
    const sale: LedgerMovement = { id: 'p1', storeId: 's', sku: 'MUG', type: 'sale', quantity: -2 };
    const other: LedgerMovement = { id: 'p2', storeId: 's', sku: 'TEA', type: 'sale', quantity: -1 };
    expect(levelWithPending(server, [sale, sale, other])).toEqual({ ...server, onHand: 3, available: 2 });
  });

  it('two stores selling the last unit offline keep both sales and raise one alert for the store that went negative', () => {
    const before = projectLevels([
      { id: 'r1', storeId: 'a', sku: 'MUG', type: 'receipt', quantity: 1 },
      { id: 'r2', storeId: 'b', sku: 'MUG', type: 'receipt', quantity: 1 },
      { id: 'h1', storeId: 'a', sku: 'MUG', type: 'reservation', quantity: 1 },
    ]);
    const after = projectLevels([
      { id: 'r1', storeId: 'a', sku: 'MUG', type: 'receipt', quantity: 1 },
      { id: 'r2', storeId: 'b', sku: 'MUG', type: 'receipt', quantity: 1 },
      { id: 'h1', storeId: 'a', sku: 'MUG', type: 'reservation', quantity: 1 },
      { id: 's1', storeId: 'a', sku: 'MUG', type: 'sale', quantity: -1 },
      { id: 's2', storeId: 'b', sku: 'MUG', type: 'sale', quantity: -1 },
    ]);
    expect(after.levels.get('a:MUG')?.onHand).toBe(0);
    expect(detectOversells(before.levels, after.levels)).toEqual([
      { storeId: 'a', sku: 'MUG', available: -1, previousAvailable: 0 },
    ]);
    // Re-running the merge with nothing new raises nothing: alerts fire on getting worse, not on staying negative.
    expect(detectOversells(after.levels, after.levels)).toEqual([]);
  });
});
