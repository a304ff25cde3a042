import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BarcodeError,
  assertGtin,
  classifyScan,
  expandUpcE,
  fourDigitVerifier,
  gtinCheckDigit,
  isValidGtin,
  toGtin14,
  withCheckDigit,
} from './index';
import { codeOf } from '../../test/support/error-code';

describe('GTIN check digits', () => {
  it('validates real codes of every length', () => {
    expect(isValidGtin('036000241457')).toBe(true); // UPC-A, tissues
    expect(isValidGtin('4006381333931')).toBe(true); // EAN-13
    expect(isValidGtin('96385074')).toBe(true); // EAN-8
    expect(isValidGtin('04006381333931')).toBe(true); // GTIN-14 form of the EAN-13
    expect(isValidGtin('036000241458')).toBe(false);
    expect(isValidGtin('12345')).toBe(false);
    expect(gtinCheckDigit('03600024145')).toBe(7);
    expect(toGtin14('036000241457')).toBe('00036000241457');
  });

  it('coded errors for letters, wrong length and wrong check digit', () => {
    expect(codeOf(() => assertGtin('03600024145X'))).toBe(BarcodeError.NOT_DIGITS);
    expect(codeOf(() => assertGtin('0360002414'))).toBe(BarcodeError.BAD_LENGTH);
    expect(codeOf(() => assertGtin('036000241458'))).toBe(BarcodeError.BAD_CHECK_DIGIT);
  });

  it('property: any single-digit change breaks the check digit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(7, 11, 12, 13),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (len, seed, pos, delta) => {
          const body = String(seed).padStart(len, '0').slice(-len);
          const code = withCheckDigit(body);
          const i = pos % code.length;
          const changed = `${code.slice(0, i)}${(Number(code[i]) + delta) % 10}${code.slice(i + 1)}`;
          expect(isValidGtin(code)).toBe(true);
          expect(isValidGtin(changed)).toBe(false);
        },
      ),
    );
  });
});

describe('UPC-E', () => {
  it('expands each of the four UPC-E patterns to UPC-A', () => {
    expect(expandUpcE('01234565')).toBe('012345000065'); // last digit 5–9
    expect(expandUpcE('04252614')).toBe('042100005264'); // last digit 0–2
    expect(expandUpcE('123453')).toBe(withCheckDigit('01230000045')); // last digit 3
    expect(expandUpcE('123454')).toBe(withCheckDigit('01234000005')); // last digit 4
  });

  it('refuses a wrong check digit or number system', () => {
    expect(codeOf(() => expandUpcE('01234566'))).toBe(BarcodeError.BAD_CHECK_DIGIT);
    expect(codeOf(() => expandUpcE('21234565'))).toBe(BarcodeError.BAD_UPC_E);
    expect(codeOf(() => expandUpcE('12345'))).toBe(BarcodeError.BAD_UPC_E);
  });
});

describe('classifyScan', () => {
  it('reads a US price-embedded label with its price verifier digit', () => {
    expect(fourDigitVerifier('2875')).toBe(9); // GS1 worked example
    const code = withCheckDigit(`2${'12345'}${fourDigitVerifier('0599')}0599`);
    expect(classifyScan(code)).toEqual({
      kind: 'variable-price',
      lookupCode: '212345',
      itemReference: '12345',
      priceMinor: 599,
      layout: 'upc-a-price',
      scanned: code,
    });
    const tampered = withCheckDigit(
      `2123450${'0599'}`.replace(/^(.{6})./, `$1${(fourDigitVerifier('0599') + 1) % 10}`),
    );
    expect(codeOf(() => classifyScan(tampered))).toBe(BarcodeError.BAD_CHECK_DIGIT);
  });

  it('reads a weight label in grams', () => {
    const code = withCheckDigit('211234500734');
    expect(classifyScan(code)).toEqual({
      kind: 'variable-weight',
      lookupCode: '2112345',
      itemReference: '12345',
      weightGrams: 734,
      layout: 'ean13-weight-grams',
      scanned: code,
    });
    const decagrams = [
      {
        name: 'dag',
        length: 13 as const,
        prefixes: ['21'],
        item: { start: 2, length: 5 },
        value: { start: 7, length: 5 },
        kind: 'weight' as const,
        gramsPerUnit: 10,
      },
    ];
    expect(classifyScan(code, { layouts: decagrams })).toMatchObject({ weightGrams: 7340 });
  });

  it('returns a GTIN-14 for ordinary barcodes and UPC-E, and a plain code for everything else', () => {
    expect(classifyScan(' 4006381333931 ')).toEqual({
      kind: 'gtin',
      gtin14: '04006381333931',
      scanned: '4006381333931',
      fromUpcE: false,
    });
    expect(classifyScan('04252614')).toEqual({
      kind: 'gtin',
      gtin14: '00042100005264',
      scanned: '04252614',
      fromUpcE: true,
    });
    expect(classifyScan('SKU-1001')).toEqual({ kind: 'code', code: 'SKU-1001', looksLikeGtin: false });
    expect(classifyScan('4006381333932')).toEqual({ kind: 'code', code: '4006381333932', looksLikeGtin: true });
    expect(classifyScan('1001')).toEqual({ kind: 'code', code: '1001', looksLikeGtin: false });
    expect(codeOf(() => classifyScan('   '))).toBe(BarcodeError.EMPTY);
  });
});
