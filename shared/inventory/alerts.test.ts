import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlertKind, parseReorderPoint, reorderSuggestion, stockAlerts } from './alerts';
import { InventoryError } from './errors';

const S = '00000000-0000-4000-8000-00000000000a';
const level = (sku: string, onHand: number, reserved = 0) => ({
  storeId: S,
  sku,
  onHand,
  reserved,
  available: onHand - reserved,
});
const point = (sku: string, reorderPoint: number, reorderQuantity = reorderPoint) => ({
  storeId: S,
  sku,
  reorderPoint,
  reorderQuantity,
});

describe('stock alerts', () => {
  it('raises negative, oversold and below-reorder alerts with a suggestion that counts stock in transit', () => {
    const alerts = stockAlerts(
      [level('A', -2), level('B', 1, 3), level('C', 4), level('D', 20), level('E', 5)],
      [point('C', 5, 10), point('D', 5), point('E', 5, 10), point('F', 3)],
      new Map([['E', 8]]),
    );
    expect(alerts.map((a) => [a.sku, a.kind, a.suggestedQuantity])).toEqual([
      ['A', AlertKind.NEGATIVE, undefined],
      ['B', AlertKind.OVERSOLD, undefined],
      ['C', AlertKind.BELOW_REORDER, 11],
      ['E', AlertKind.BELOW_REORDER, 2],
      // No level at all: nothing on hand, below its point of 3.
      ['F', AlertKind.BELOW_REORDER, 6],
    ]);
  });

  it('a suggestion brings available + in transit up to point + quantity, and is never negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 100 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (available, transit, rp, rq) => {
          const n = reorderSuggestion({ available }, transit, point('X', rp, rq));
          expect(n).toBeGreaterThanOrEqual(0);
          if (available > rp) expect(n).toBe(0);
          else if (n > 0) expect(available + transit + n).toBe(rp + rq);
          else expect(available + transit).toBeGreaterThanOrEqual(rp + rq);
        },
      ),
    );
  });

  it('refuses reorder points that are not whole units', () => {
    for (const bad of [
      { reorderPoint: -1 },
      { reorderPoint: 1.5 },
      { reorderPoint: '3' },
      { reorderPoint: 2, reorderQuantity: -4 },
      { sku: '' },
    ]) {
      expect(() => parseReorderPoint({ storeId: S, sku: 'A', reorderPoint: 1, ...bad })).toThrow(
        expect.objectContaining({ code: InventoryError.BAD_REORDER_POINT }),
      );
    }
    expect(parseReorderPoint({ storeId: S, sku: 'A', reorderPoint: 4 })).toEqual(point('A', 4, 4));
  });
});
