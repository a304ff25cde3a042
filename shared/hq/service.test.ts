import { describe, expect, it } from 'vitest';
import { APPEASEMENT_LIMIT, appeasementLimit, formatRaNumber, normalizeRaNumber } from './service';

describe('return authorisation numbers', () => {
  it('formats 40 random bits as RA- and 8 Crockford characters that normalise back to themselves', () => {
    expect(formatRaNumber(new Uint8Array([0, 0, 0, 0, 0]))).toBe('RA-00000000');
    expect(formatRaNumber(new Uint8Array([255, 255, 255, 255, 255]))).toBe('RA-ZZZZZZZZ');
    expect(formatRaNumber(new Uint8Array([0, 0, 0, 0, 31]))).toBe('RA-0000000Z');
    for (let i = 0; i < 200; i++) {
      const bytes = new Uint8Array(5).map(() => Math.floor(Math.random() * 256));
      const ra = formatRaNumber(bytes);
      expect(normalizeRaNumber(ra.toLowerCase())).toBe(ra);
    }
  });

  it('refuses anything that cannot be an RA number (letters I, L, O, U; wrong length)', () => {
    for (const bad of ['', 'RA-', 'RA-1234567', 'RA-123456789', 'RA-ILOU0000', 'XX-12345678', 'RA-1234 678'])
      expect(normalizeRaNumber(bad), bad).toBeUndefined();
    expect(normalizeRaNumber('  ra-7k2m9q4t ')).toBe('RA-7K2M9Q4T');
  });
});

describe('appeasement limits', () => {
  it('rise with the role and a viewer may give nothing', () => {
    expect(appeasementLimit('viewer')).toBe(0);
    expect(appeasementLimit('operations')).toBeLessThan(appeasementLimit('admin'));
    expect(APPEASEMENT_LIMIT.operations).toBe(5_000);
  });
});
