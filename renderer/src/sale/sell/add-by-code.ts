// From a scanned or typed code to a line in the cart: a product barcode, or a prefix-2 label
// with a weight or a price for a PLU. A scan passes its journal id and the journal write
// (scan-journal.ts): the line is added once that write is on disk, which runs alongside the lookup.
// A product picked from the grid or the search results is journalled the same way (addPicked).
import type { Backend, ProductView } from '../../model/backend';
import { interpretScan } from './barcode';
import { useCart } from '../cart-store';
import type { CartLine } from '../../model/cart-types';
import type { ScanOrigin } from '../scan-journal';

export type AddResult =
  | { ok: true; line: CartLine }
  | { ok: false; message: string }
  /** An open-price product: the sell screen asks for its description and price (CustomItemDialog). */
  | { ok: false; message: string; custom: ProductView & { openPriceMax: number } };

/** The product when it is sold at a typed price (open-price), else undefined. */
export function openPriceProduct(product: ProductView): (ProductView & { openPriceMax: number }) | undefined {
  return product.openPriceMax === undefined ? undefined : { ...product, openPriceMax: product.openPriceMax };
}
export type { ScanOrigin };

/** Adds a picked product once its journal entry is on disk; throws what the cart refuses. */
export async function addPicked(product: ProductView, pick: ScanOrigin, weightGrams?: number): Promise<CartLine> {
  await pick.durable;
  return useCart
    .getState()
    .addProduct(product, weightGrams === undefined ? { scanId: pick.scanId } : { weightGrams, scanId: pick.scanId });
}

export async function addByCode(
  backend: Pick<Backend, 'findByBarcode' | 'findByPlu'>,
  code: string,
  scan?: ScanOrigin,
): Promise<AddResult> {
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
  const custom = openPriceProduct(product);
  if (custom) return { ok: false, message: `${product.name}: type what is sold and its price.`, custom };
  if (meaning.kind === 'product' && product.soldByWeight) {
    return { ok: false, message: `${product.name} is sold by weight: put it on the scale and scan the scale's label.` };
  }
  const origin = scan ? { scanId: scan.scanId } : {};
  await scan?.durable;
  const add = useCart.getState().addProduct;
  if (meaning.kind === 'weight')
    return { ok: true, line: add(product, { weightGrams: meaning.grams, barcode: code, ...origin }) };
  if (meaning.kind === 'price')
    return { ok: true, line: add(product, { embeddedPrice: meaning.price, barcode: code, ...origin }) };
  return { ok: true, line: add(product, { barcode: code, ...origin }) };
}
