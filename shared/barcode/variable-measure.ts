// Variable-measure barcodes (GS1 prefix 2, in-store numbering): the scale prints a label whose
// digits carry an item reference and either the price or the weight. Layouts differ by country
// and by chain, so they are configuration, not code.
import { DomainError } from '../errors';
import { BarcodeError } from './errors';

export interface VariableMeasureLayout {
  name: string;
  length: 12 | 13; // UPC-A or EAN-13
  prefixes: readonly string[]; // leading digits that select this layout, e.g. ["2"] or ["21", "22"]
  item: { start: number; length: number }; // 0-based positions in the code
  value: { start: number; length: number };
  kind: 'price' | 'weight';
  /** Position of the GS1 price/weight verifier digit, for 4-digit values. */
  verifierAt?: number;
  /** Weight layouts: grams per unit of the printed value (1 = grams, 10 = decagrams). */
  gramsPerUnit?: number;
}

/** Common layouts: the US UPC-A price label `2 IIIII V PPPP C` and EAN-13 `2X IIIII VVVVV C`. */
export const DEFAULT_LAYOUTS: readonly VariableMeasureLayout[] = [
  {
    name: 'upc-a-price',
    length: 12,
    prefixes: ['2'],
    item: { start: 1, length: 5 },
    verifierAt: 6,
    value: { start: 7, length: 4 },
    kind: 'price',
  },
  {
    name: 'ean13-weight-grams',
    length: 13,
    prefixes: ['21', '22', '23'],
    item: { start: 2, length: 5 },
    value: { start: 7, length: 5 },
    kind: 'weight',
    gramsPerUnit: 1,
  },
  {
    name: 'ean13-price',
    length: 13,
    prefixes: ['20', '24', '25', '26', '27', '28', '29'],
    item: { start: 2, length: 5 },
    value: { start: 7, length: 5 },
    kind: 'price',
  },
];

// GS1 General Specifications §7.9: digit transforms for the weighting factors 2-, 3 and 5-.
const TIMES_2_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7] as const;
const TIMES_3 = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7] as const;
const TIMES_5_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1] as const;

/** Verifier digit for a 4-digit price or weight (factors 2-, 2-, 3, 5-; units digit of 3 × sum). */
export function fourDigitVerifier(value: string): number {
  if (!/^\d{4}$/.test(value))
    throw new DomainError(BarcodeError.NOT_DIGITS, `A 4-digit price is needed for the verifier, got "${value}".`);
  const d = value.split('').map(Number) as [number, number, number, number];
  const sum = TIMES_2_MINUS[d[0] as 0] + TIMES_2_MINUS[d[1] as 0] + TIMES_3[d[2] as 0] + TIMES_5_MINUS[d[3] as 0];
  return (sum * 3) % 10;
}

function validateLayout(l: VariableMeasureLayout): void {
  const fits = (f: { start: number; length: number }): boolean =>
    Number.isInteger(f.start) &&
    Number.isInteger(f.length) &&
    f.start >= 0 &&
    f.length > 0 &&
    f.start + f.length <= l.length - 1;
  if (
    !fits(l.item) ||
    !fits(l.value) ||
    l.prefixes.length === 0 ||
    (l.verifierAt !== undefined && l.value.length !== 4)
  ) {
    throw new DomainError(
      BarcodeError.BAD_LAYOUT,
      `Barcode layout "${l.name}" does not fit a ${l.length}-digit code. Fix the barcode settings.`,
      { layout: l.name },
    );
  }
}

export interface VariableMeasureReading {
  layout: string;
  kind: 'price' | 'weight';
  itemReference: string;
  /** Catalog lookup key: the prefix and item reference, e.g. "2" + "12345". */
  lookupCode: string;
  value: number; // minor units for price, grams for weight
}

/** Reads a code against the layouts; undefined when no layout's prefix and length match. */
export function readVariableMeasure(
  code: string,
  layouts: readonly VariableMeasureLayout[],
): VariableMeasureReading | undefined {
  for (const l of layouts) {
    const prefix = l.prefixes.find((p) => code.startsWith(p));
    if (code.length !== l.length || prefix === undefined) continue;
    validateLayout(l);
    const valueText = code.slice(l.value.start, l.value.start + l.value.length);
    if (l.verifierAt !== undefined && Number(code[l.verifierAt]) !== fourDigitVerifier(valueText)) {
      throw new DomainError(
        BarcodeError.BAD_CHECK_DIGIT,
        `The price on label ${code} does not match its check digit. Reprint the label at the scale.`,
        { code },
      );
    }
    const itemReference = code.slice(l.item.start, l.item.start + l.item.length);
    const value = Number(valueText) * (l.kind === 'weight' ? (l.gramsPerUnit ?? 1) : 1);
    return { layout: l.name, kind: l.kind, itemReference, lookupCode: `${prefix}${itemReference}`, value };
  }
  return undefined;
}
