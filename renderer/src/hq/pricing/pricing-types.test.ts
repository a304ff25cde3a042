// Exact text ↔ integer conversions of the pricing forms, and the promotion state shown.
import { describe, expect, it } from 'vitest';
import { decimalToInt, intToDecimal, percentToPpm, ppmToPercent, promotionStatus } from './pricing-types';

describe('pricing form conversions', () => {
  it('reads decimal text exactly and refuses anything else', () => {
    expect(decimalToInt('4.99', 2)).toBe(499);
    expect(decimalToInt('0.1', 2)).toBe(10);
    expect(decimalToInt('12', 2)).toBe(1200);
    expect(percentToPpm('12.5')).toBe(125_000);
    expect(percentToPpm('100')).toBe(1_000_000);
    for (const bad of ['', '4.999', '-1', '1,50', 'abc', '1e3']) expect(decimalToInt(bad, 2)).toBeNaN();
  });

  it('writes integers back as text', () => {
    expect(intToDecimal(499, 2, true)).toBe('4.99');
    expect(intToDecimal(1200, 2, true)).toBe('12.00');
    expect(intToDecimal(5, 2, true)).toBe('0.05');
    expect(ppmToPercent(125_000)).toBe('12.5');
    expect(ppmToPercent(1_000_000)).toBe('100');
  });

  it('says whether a promotion is scheduled, running, ended or off', () => {
    const base = { active: true, startsAt: '2026-01-01T00:00:00.000Z' };
    const now = '2026-06-01T00:00:00.000Z';
    expect(promotionStatus({ ...base } as never, now)).toBe('Running');
    expect(promotionStatus({ ...base, startsAt: '2026-07-01T00:00:00.000Z' } as never, now)).toBe('Scheduled');
    expect(promotionStatus({ ...base, endsAt: '2026-05-01T00:00:00.000Z' } as never, now)).toBe('Ended');
    expect(promotionStatus({ ...base, active: false } as never, now)).toBe('Off');
  });
});
