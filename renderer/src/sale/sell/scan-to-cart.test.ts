// From the scanner to the cart: digits and Enter typed anywhere add the product; a prefix-2
// scale label adds the weighed item with its weight; an unknown code says what to do.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../../../shared/barcode';
import type { Backend, ProductView } from '../../model/backend';
import { installGlobalKeys } from '../../keys/global-keys';
import { pushLayer, resetLayers } from '../../keys/key-layers';
import { emptyCart, useCart } from '../cart-store';
import { addByCode, type AddResult } from './add-by-code';

const soap: ProductView = {
  id: 'p1',
  sku: 'SOAP',
  name: 'Soap',
  barcodes: ['4006381333931'],
  price: 250,
  soldByWeight: false,
  taxCategory: 'GENERAL',
  category: 'home',
  department: 'HOME',
};
const apples: ProductView = {
  id: 'p2',
  sku: 'APPLE',
  name: 'Apples',
  barcodes: [],
  price: 399,
  soldByWeight: true,
  taxCategory: 'GROCERY',
  category: 'produce',
  department: 'FRESH',
};
const backend = {
  findByBarcode: (code: string) => Promise.resolve(code === '4006381333931' ? soap : undefined),
  findByPlu: (plu: string) => Promise.resolve(plu === '12345' ? apples : undefined),
} as unknown as Backend;

function type(keys: string[]): void {
  for (const key of keys)
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
}

describe('scan to cart', () => {
  let uninstall: () => void;
  let results: Promise<AddResult>[];
  beforeEach(() => {
    localStorage.clear();
    resetLayers();
    useCart.setState({ cart: emptyCart('USD', false), suspended: [] });
    results = [];
    pushLayer({ modal: false, onScan: (code) => results.push(addByCode(backend, code)) });
    uninstall = installGlobalKeys(window, { onHelp: () => undefined });
  });
  afterEach(() => uninstall());

  it('adds the item when a barcode is typed with nothing focused', async () => {
    type([...'4006381333931', 'Enter']);
    await Promise.all(results);
    expect(useCart.getState().cart.lines.map((l) => [l.name, l.quantity, l.barcode])).toEqual([
      ['Soap', 1, '4006381333931'],
    ]);
  });

  it('reads weight from a scale label (prefix 2) and prices the line by it', async () => {
    const label = withCheckDigit(`21${'12345'}${'01250'}`); // item 12345, 1,250 g
    type([...label, 'Enter']);
    await Promise.all(results);
    expect(useCart.getState().cart.lines.map((l) => [l.name, l.weightGrams])).toEqual([['Apples', 1250]]);
  });

  it('tells the clerk what to do with an unknown code and adds nothing', async () => {
    type([...'4006381333948', 'Enter']);
    const [result] = await Promise.all(results);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('F2 to search') });
    expect(useCart.getState().cart.lines).toHaveLength(0);
  });
});
