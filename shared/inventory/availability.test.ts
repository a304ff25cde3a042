import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { explainLedger, MAX_AVAILABILITY_SKUS, parseAvailabilityQuery } from './availability';
import { InventoryError } from './errors';
import { distanceKm } from './geo';

const S = '0193a000-0000-7000-8000-00000000000a';

function codeOf(body: unknown): string {
  try {
    parseAvailabilityQuery(body);
    return 'accepted';
  } catch (e) {
    return isDomainError(e) ? e.code : 'crash';
  }
}

describe('availability question', () => {
  it('accepts SKUs, store ids and an origin, and drops repeated SKUs', () => {
    expect(parseAvailabilityQuery({ skus: ['MUG', 'MUG', 'TEA'], storeIds: [S], fromStoreId: S })).toEqual({
      skus: ['MUG', 'TEA'],
      storeIds: [S],
      fromStoreId: S,
    });
  });

  it('refuses empty, oversized, malformed or unknown-field questions with a code', () => {
    const tooMany = Array.from({ length: MAX_AVAILABILITY_SKUS + 1 }, (_, i) => `SKU-${i}`);
    for (const body of [
      null,
      [],
      {},
      { skus: [] },
      { skus: tooMany },
      { skus: ['has space'] },
      { skus: ['A'], storeIds: ['S001'] },
      { skus: ['A'], fromStoreId: 3 },
      { skus: ['A'], store: S },
    ]) {
      expect(codeOf(body)).toBe(InventoryError.BAD_AVAILABILITY_QUERY);
    }
  });
});

describe('distance and ledger explanation', () => {
  it('measures Manhattan to Brooklyn in kilometres', () => {
    expect(distanceKm({ lat: 40.758, lng: -73.9855 }, { lat: 40.6782, lng: -73.9442 })).toBeCloseTo(9.6, 0);
    expect(distanceKm({ lat: 1, lng: 2 }, { lat: 1, lng: 2 })).toBe(0);
  });

  it('gives running totals in server order whatever order the rows come in', () => {
    const lines = explainLedger([
      { seq: 3, data: { id: 'c', type: 'reservation', quantity: 2 } },
      { seq: 1, data: { id: 'a', type: 'receipt', quantity: 10 } },
      { seq: 2, data: { id: 'b', type: 'sale', quantity: -1 } },
    ]);
    expect(lines.map((l) => [l.id, l.onHandAfter, l.reservedAfter])).toEqual([
      ['a', 10, 0],
      ['b', 9, 0],
      ['c', 9, 2],
    ]);
  });
});
