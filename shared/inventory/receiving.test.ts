import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { InventoryError } from './errors';
import { projectLevels } from './ledger';
import { parsePurchaseOrder, receiptMovements, receivingOutcome } from './receiving';

const id = '0193a000-0000-7000-8000-0000000000a1';
const asn = {
  id,
  kind: 'asn',
  number: 'ASN-1001',
  storeId: 'S001',
  supplier: 'Mugs Inc',
  lines: [
    { sku: 'MUG', quantity: 24 },
    { sku: 'TEA', quantity: 10 },
  ],
  cartons: [
    { code: 'C-0001', lines: [{ sku: 'MUG', quantity: 12 }] },
    { code: 'C-0002', lines: [{ sku: 'MUG', quantity: 12 }] },
    { code: 'C-0003', lines: [{ sku: 'TEA', quantity: 10 }] },
  ],
};

function code(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    return isDomainError(e) ? e.code : 'crash';
  }
}

describe('receiving against an ASN', () => {
  it('one carton short, one damaged mug, one unannounced item: over/short/damaged and sellable units only', () => {
    const po = parsePurchaseOrder(asn);
    const outcome = receivingOutcome(po, [
      { sku: 'MUG', received: 12, damaged: 1 },
      { sku: 'TEA', received: 10, damaged: 0 },
      { sku: 'SOCK', received: 2, damaged: 0 },
    ]);
    expect(outcome).toEqual([
      { sku: 'MUG', expected: 24, received: 12, damaged: 1, over: 0, short: 12 },
      { sku: 'TEA', expected: 10, received: 10, damaged: 0, over: 0, short: 0 },
      { sku: 'SOCK', expected: 0, received: 2, damaged: 0, over: 2, short: 0 },
    ]);
    const moves = receiptMovements(id, 'store', outcome);
    expect(moves).toEqual(receiptMovements(id, 'store', outcome)); // same ids on a retried close
    const { levels } = projectLevels(moves);
    expect([...levels.values()].map((l) => [l.sku, l.onHand])).toEqual([
      ['MUG', 11],
      ['TEA', 10],
      ['SOCK', 2],
    ]);
  });

  it('refuses documents that do not add up, with a code', () => {
    expect(code(() => parsePurchaseOrder({ ...asn, lines: [] }))).toBe(InventoryError.BAD_RECEIVING_DOCUMENT);
    expect(
      code(() =>
        parsePurchaseOrder({
          ...asn,
          cartons: [...asn.cartons, { code: 'C-0009', lines: [{ sku: 'TEA', quantity: 1 }] }],
        }),
      ),
    ).toBe(InventoryError.BAD_RECEIVING_DOCUMENT);
    expect(code(() => parsePurchaseOrder({ ...asn, cartons: [asn.cartons[0], asn.cartons[0]] }))).toBe(
      InventoryError.BAD_RECEIVING_DOCUMENT,
    );
    expect(code(() => parsePurchaseOrder({ ...asn, id: 'x' }))).toBe(InventoryError.BAD_RECEIVING_DOCUMENT);
    expect(code(() => receivingOutcome(parsePurchaseOrder(asn), [{ sku: 'MUG', received: 1, damaged: 2 }]))).toBe(
      InventoryError.BAD_RECEIVING_DOCUMENT,
    );
  });
});
