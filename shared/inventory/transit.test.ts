import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LedgerMovement, levelKey, projectLevels } from './ledger';
import { MOVEMENT_RULES, MOVEMENT_TYPES } from './movement-types';
import { receiveMovements, shipMovements, transitLocationId } from './transit';

const STORES = [
  '00000000-0000-4000-8000-00000000000a',
  '00000000-0000-4000-8000-00000000000b',
  '00000000-0000-4000-8000-00000000000c',
];
const SKUS = ['MUG', 'SOCK'];

const plain: fc.Arbitrary<LedgerMovement> = fc
  .record({
    id: fc.uuid(),
    storeId: fc.constantFrom(...STORES),
    sku: fc.constantFrom(...SKUS),
    type: fc.constantFrom(...MOVEMENT_TYPES),
    n: fc.integer({ min: 1, max: 40 }),
    neg: fc.boolean(),
  })
  .map(({ n, neg, ...m }) => {
    const sign = MOVEMENT_RULES[m.type].sign;
    return { ...m, quantity: sign === 0 ? (neg ? -n : n) : sign * n };
  });

interface Transfer {
  id: string;
  from: string;
  to: string;
  sku: string;
  shipped: number;
  /** undefined = still in transit; otherwise units found on arrival (a discrepancy when ≠ shipped). */
  received: number | undefined;
}

const transferArb: fc.Arbitrary<Transfer> = fc
  .record({
    id: fc.uuid(),
    from: fc.constantFrom(...STORES),
    toOffset: fc.integer({ min: 1, max: STORES.length - 1 }),
    sku: fc.constantFrom(...SKUS),
    shipped: fc.integer({ min: 1, max: 30 }),
    arrived: fc.option(fc.integer({ min: 0, max: 35 }), { nil: undefined }),
  })
  .map(({ toOffset, arrived, ...t }) => ({
    ...t,
    to: STORES[(STORES.indexOf(t.from) + toOffset) % STORES.length]!,
    received: arrived,
  }));

function transferMovements(t: Transfer): LedgerMovement[] {
  const ship = shipMovements(t.id, t.from, t.to, [{ sku: t.sku, quantity: t.shipped }]);
  if (t.received === undefined) return ship;
  return [
    ...ship,
    ...receiveMovements(t.id, t.to, [{ sku: t.sku, quantity: t.shipped }], [{ sku: t.sku, quantity: t.received }]),
  ];
}

function shuffleWithDuplicates(items: LedgerMovement[], picks: number[], order: number[]): LedgerMovement[] {
  const out = [...items, ...(items.length ? picks.map((i) => ({ ...items[i % items.length]! })) : [])];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = (order[i % Math.max(order.length, 1)] ?? 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('ledger across every movement type, transfers included', () => {
  it('levels equal the sum of the unique movements per location, in any order and with duplicates', () => {
    fc.assert(
      fc.property(
        fc.array(plain, { maxLength: 40 }),
        fc.array(transferArb, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 50 }),
        (base, transfers, picks, order) => {
          const unique = [...base, ...transfers.flatMap(transferMovements)];
          const { levels } = projectLevels(shuffleWithDuplicates(unique, picks, order));
          const sums = new Map<string, { onHand: number; reserved: number }>();
          for (const m of unique) {
            const key = levelKey(m.storeId, m.sku);
            const s = sums.get(key) ?? { onHand: 0, reserved: 0 };
            s[MOVEMENT_RULES[m.type].bucket] += m.quantity;
            sums.set(key, s);
          }
          expect(levels.size).toBe(sums.size);
          for (const [key, s] of sums)
            expect(levels.get(key)).toMatchObject({
              onHand: s.onHand,
              reserved: s.reserved,
              available: s.onHand - s.reserved,
            });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('in-transit units are never on hand or available at either store; receiving moves what arrived', () => {
    fc.assert(
      fc.property(
        fc.array(plain, { maxLength: 30 }),
        fc.array(transferArb, { minLength: 1, maxLength: 8 }),
        (base, transfers) => {
          const { levels } = projectLevels([...base, ...transfers.flatMap(transferMovements)]);
          const baseLevels = projectLevels(base).levels;
          for (const store of STORES) {
            for (const sku of SKUS) {
              const mine = transfers.filter((t) => t.sku === sku);
              const shippedOut = mine.filter((t) => t.from === store).reduce((s, t) => s + t.shipped, 0);
              const arrived = mine.filter((t) => t.to === store).reduce((s, t) => s + (t.received ?? 0), 0);
              const pending = mine
                .filter((t) => t.to === store && t.received === undefined)
                .reduce((s, t) => s + t.shipped, 0);
              const before = baseLevels.get(levelKey(store, sku)) ?? { onHand: 0, available: 0 };
              const level = levels.get(levelKey(store, sku)) ?? { onHand: 0, available: 0 };
              // Units on the road count at neither end: only what left and what arrived move the shelves.
              expect(level.onHand).toBe(before.onHand - shippedOut + arrived);
              expect(level.available).toBe(before.available - shippedOut + arrived);
              expect(levels.get(levelKey(transitLocationId(store), sku))?.onHand ?? 0).toBe(pending);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a shipped-10, received-9 transfer leaves transit at zero and the receiver up 9', () => {
    const [a, b] = STORES as [string, string];
    const t: Transfer = { id: 't1', from: a, to: b, sku: 'MUG', shipped: 10, received: 9 };
    const { levels } = projectLevels([
      { id: 'r', storeId: a, sku: 'MUG', type: 'receipt', quantity: 12 },
      ...transferMovements(t),
      ...transferMovements(t),
    ]);
    expect(levels.get(levelKey(a, 'MUG'))).toMatchObject({ onHand: 2, available: 2 });
    expect(levels.get(levelKey(b, 'MUG'))).toMatchObject({ onHand: 9, available: 9 });
    expect(levels.get(levelKey(transitLocationId(b), 'MUG'))?.onHand).toBe(0);
    expect(transitLocationId(b)).not.toBe(b);
  });
});
