// A scanner's burst (digits + Enter a few ms apart) is told from a person typing an amount.
import { describe, expect, it } from 'vitest';
import { isScannerBurst } from './scan-burst';

describe('scanner burst', () => {
  it('recognises digits and Enter typed within a few milliseconds', () => {
    expect(isScannerBurst([0, 8, 16, 24, 32, 40, 48])).toBe(true);
  });
  it('lets a person type an amount and press Enter', () => {
    expect(isScannerBurst([0, 140, 260, 420, 610, 900])).toBe(false);
    expect(isScannerBurst([0, 10, 20])).toBe(false); // too short to be a code
    expect(isScannerBurst([0, 10, 20, 30, 400])).toBe(false); // paused before Enter
  });
});
