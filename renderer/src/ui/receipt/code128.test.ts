// The Code 128 table and checksum: every symbol is 11 modules wide (stop 13), all differ, and a
// known value encodes to its published checksum.
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../shared/errors';
import { code128Svg, code128Symbols, code128Widths, patternOf, STOP } from './code128';

describe('code 128', () => {
  it('has 106 distinct 11-module symbols and a 13-module stop', () => {
    const seen = new Set<string>();
    for (let s = 0; s < STOP; s++) {
      const p = patternOf(s);
      expect([...p].reduce((n, d) => n + Number(d), 0)).toBe(11);
      seen.add(p);
    }
    expect(seen.size).toBe(106);
    expect([...patternOf(STOP)].reduce((n, d) => n + Number(d), 0)).toBe(13);
  });

  it('computes the mod-103 checksum of set B', () => {
    // P=48 J=42 J=42 1=17 2=18 3=19 C=35: 104 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5 + 19·6 + 35·7 = 879; 879 mod 103 = 55.
    const symbols = code128Symbols('PJJ123C');
    expect(symbols.slice(1, -2)).toEqual([48, 42, 42, 17, 18, 19, 35]);
    expect(symbols.at(-2)).toBe(55);
    expect(symbols[0]).toBe(104);
  });

  it('draws bars for an order number and refuses characters it cannot encode', () => {
    const widths = code128Widths('S012-R03-000123-7');
    expect(widths.reduce((a, b) => a + b, 0)).toBe(11 * (17 + 2) + 13);
    expect(code128Svg('S012-R03-000123-7')).toMatch(/^<svg[^>]+>.*<rect x=/);
    try {
      code128Symbols('Zoë');
      throw new Error('expected a refusal');
    } catch (e) {
      expect(isDomainError(e, 'RECEIPT_BARCODE_UNSUPPORTED_CHARACTER')).toBe(true);
    }
  });
});
