// What a scanned code means for the register, from shared/barcode's classifier: a product
// barcode (looked up under every form it may be stored in), or a prefix-2 scale label carrying a
// weight or a price for a PLU.
import { classifyScan } from '../../../../shared/barcode';
import { errorMessage } from '../../ui/error-message';

export type ScanMeaning =
  | { kind: 'product'; candidates: string[] }
  | { kind: 'weight'; plus: string[]; grams: number }
  | { kind: 'price'; plus: string[]; price: number }
  | { kind: 'invalid'; message: string };

/** Forms a GTIN may be stored in: as scanned, GTIN-14, EAN-13 and UPC-A (leading zeros dropped). */
export function gtinForms(scanned: string, gtin14: string): string[] {
  const forms = [scanned, gtin14, gtin14.slice(1), gtin14.slice(2)];
  if (gtin14.startsWith('000000')) forms.push(gtin14.slice(6));
  return [...new Set(forms.filter((f) => f.length >= 8))];
}

/** A scale label's item reference may be stored as the PLU with or without leading zeros. */
export function pluForms(itemReference: string, lookupCode: string): string[] {
  const trimmed = itemReference.replace(/^0+/, '');
  return [...new Set([itemReference, trimmed.padStart(4, '0'), lookupCode].filter((p) => /^\d{4,6}$/.test(p)))];
}

export function interpretScan(code: string): ScanMeaning {
  try {
    const lookup = classifyScan(code);
    switch (lookup.kind) {
      case 'gtin':
        return { kind: 'product', candidates: gtinForms(lookup.scanned, lookup.gtin14) };
      case 'variable-weight':
        return { kind: 'weight', plus: pluForms(lookup.itemReference, lookup.lookupCode), grams: lookup.weightGrams };
      case 'variable-price':
        return { kind: 'price', plus: pluForms(lookup.itemReference, lookup.lookupCode), price: lookup.priceMinor };
      case 'code':
        return { kind: 'product', candidates: [lookup.code] };
    }
  } catch (error) {
    return { kind: 'invalid', message: errorMessage(error) };
  }
}
