// What a scan or a typed code means, as a discriminated union the register turns into one
// catalog lookup. Order: variable-measure label → GTIN (incl. UPC-E) → anything else is a SKU or
// alternate code.
import { DomainError } from '../errors';
import { BarcodeError } from './errors';
import { expandUpcE, isValidGtin } from './gtin';
import { DEFAULT_LAYOUTS, type VariableMeasureLayout, readVariableMeasure } from './variable-measure';

export type ScanLookup =
  | { kind: 'gtin'; gtin14: string; scanned: string; fromUpcE: boolean }
  | {
      kind: 'variable-price';
      lookupCode: string;
      itemReference: string;
      priceMinor: number;
      layout: string;
      scanned: string;
    }
  | {
      kind: 'variable-weight';
      lookupCode: string;
      itemReference: string;
      weightGrams: number;
      layout: string;
      scanned: string;
    }
  | { kind: 'code'; code: string; looksLikeGtin: boolean };

export interface ClassifyOptions {
  layouts?: readonly VariableMeasureLayout[];
  /** Treat valid 8-digit codes starting 0/1 as UPC-E when they are not valid EAN-8. */
  upcE?: boolean;
}

export function classifyScan(raw: string, options: ClassifyOptions = {}): ScanLookup {
  const code = typeof raw === 'string' ? raw.trim() : '';
  if (code === '')
    throw new DomainError(BarcodeError.EMPTY, 'Nothing was scanned. Scan the item again or type its code.');
  if (!/^\d+$/.test(code)) return { kind: 'code', code, looksLikeGtin: false };

  const layouts = options.layouts ?? DEFAULT_LAYOUTS;
  if (isValidGtin(code) && code.startsWith('2')) {
    const reading = readVariableMeasure(code, layouts);
    if (reading) {
      return reading.kind === 'price'
        ? {
            kind: 'variable-price',
            lookupCode: reading.lookupCode,
            itemReference: reading.itemReference,
            priceMinor: reading.value,
            layout: reading.layout,
            scanned: code,
          }
        : {
            kind: 'variable-weight',
            lookupCode: reading.lookupCode,
            itemReference: reading.itemReference,
            weightGrams: reading.value,
            layout: reading.layout,
            scanned: code,
          };
    }
  }
  if (isValidGtin(code)) return { kind: 'gtin', gtin14: code.padStart(14, '0'), scanned: code, fromUpcE: false };
  if (options.upcE !== false && code.length === 8 && (code[0] === '0' || code[0] === '1')) {
    try {
      return { kind: 'gtin', gtin14: expandUpcE(code).padStart(14, '0'), scanned: code, fromUpcE: true };
    } catch {
      // not a UPC-E either: fall through to a plain code lookup
    }
  }
  return { kind: 'code', code, looksLikeGtin: [8, 12, 13, 14].includes(code.length) };
}
