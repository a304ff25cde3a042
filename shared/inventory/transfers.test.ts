import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { InventoryError } from './errors';
import { assertTransition, parseTransferLines, transferDiscrepancies } from './transfers';

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return isDomainError(e) ? e.code : 'crash';
  }
};

describe('transfers', () => {
  it('moves only forward, one step at a time', () => {
    expect(codeOf(() => assertTransition({ id: 't', status: 'requested' }, 'approved'))).toBe('ok');
    expect(codeOf(() => assertTransition({ id: 't', status: 'requested' }, 'shipped'))).toBe(
      InventoryError.TRANSFER_STATE,
    );
    expect(codeOf(() => assertTransition({ id: 't', status: 'received' }, 'received'))).toBe(
      InventoryError.TRANSFER_STATE,
    );
  });

  it('merges repeated SKUs and refuses bad lines', () => {
    expect(
      parseTransferLines(
        [
          { sku: 'A', quantity: 2 },
          { sku: 'A', quantity: 3 },
          { sku: 'B', quantity: 0 },
        ],
        'lines',
      ),
    ).toEqual([
      { sku: 'A', quantity: 5 },
      { sku: 'B', quantity: 0 },
    ]);
    for (const bad of [
      [],
      [{ sku: 'A', quantity: -1 }],
      [{ sku: 'A B', quantity: 1 }],
      [{ sku: 'A', quantity: 1.5 }],
      'x',
    ]) {
      expect(codeOf(() => parseTransferLines(bad, 'lines'))).toBe(InventoryError.BAD_TRANSFER);
    }
  });

  it('reports only SKUs whose received differs from shipped, including unexpected ones', () => {
    expect(
      transferDiscrepancies(
        [
          { sku: 'A', quantity: 10 },
          { sku: 'B', quantity: 2 },
        ],
        [
          { sku: 'A', quantity: 9 },
          { sku: 'B', quantity: 2 },
          { sku: 'C', quantity: 1 },
        ],
      ),
    ).toEqual([
      { sku: 'A', shipped: 10, received: 9, difference: -1 },
      { sku: 'C', shipped: 0, received: 1, difference: 1 },
    ]);
  });
});
