// From a scanned or typed code to a line in the cart: a product barcode, or a prefix-2 label
// with a weight or a price for a PLU.
import type { Backend, ProductView } from '../../model/backend';
import { interpretScan } from './barcode';
import { useCart } from '../cart-store';
import type { CartLine } from '../../model/cart-types';

export type AddResult = { ok: true; line: CartLine } | { ok: false; message: string };

export async function addByCode(backend: Backend, code: string): Promise<AddResult> {
  const meaning = interpretScan(code);
  if (meaning.kind === 'invalid') return { ok: false, message: meaning.message };
  let product: ProductView | undefined;
  if (meaning.kind === 'product') {
    for (const candidate of meaning.candidates) {
      product = await backend.findByBarcode(candidate);
      if (product) break;
    }
  } else {
    for (const plu of meaning.plus) {
      product = await backend.findByPlu(plu);
      if (product) break;
    }
  }
  if (!product) {
    // A garbled scan can be very long: quote only its start so the message never pushes Pay away.
    const shown = code.length > 24 ? `${code.slice(0, 20)}… (${code.length} digits)` : code;
    return {
      ok: false,
      message: `No product has the code ${shown}. Check the label, scan again, or press F2 to search by name.`,
    };
  }
  const add = useCart.getState().addProduct;
  if (meaning.kind === 'weight') return { ok: true, line: add(product, { weightGrams: meaning.grams, barcode: code }) };
  if (meaning.kind === 'price')
    return { ok: true, line: add(product, { embeddedPrice: meaning.price, barcode: code }) };
  if (product.soldByWeight) {
    return { ok: false, message: `${product.name} is sold by weight: put it on the scale and scan the scale's label.` };
  }
  return { ok: true, line: add(product, { barcode: code }) };
}
