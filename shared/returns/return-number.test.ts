import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatOrderNumber, isValidOrderNumber } from '../ids';
import { returnSchema } from '../schemas/returns';
import { fixtures } from '../../test/support/fixtures/documents';
import { codeOf } from '../../test/support/error-code';
import { ReturnError, formatReturnNumber, isValidReturnNumber, nextReturnSequence, parseReturnNumber } from './index';

describe('return numbers', () => {
  it('round-trips and is never read as an order number', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{1,10}$/),
        fc.stringMatching(/^[A-Z0-9]{1,10}$/),
        fc.integer({ min: 1, max: 9_999_999_999 }),
        (storeCode, registerCode, sequence) => {
          const n = formatReturnNumber({ storeCode, registerCode, sequence });
          expect(n.startsWith('RT-')).toBe(true);
          expect(parseReturnNumber(n.toLowerCase())).toEqual({ storeCode, registerCode, sequence });
          expect(isValidOrderNumber(n)).toBe(false);
        },
      ),
    );
  });

  it('catches a mistyped character and refuses text that is no return number', () => {
    const n = formatReturnNumber({ storeCode: 'S001', registerCode: 'R01', sequence: 12 });
    const typo = n.replace('000012', '000013');
    expect(codeOf(() => parseReturnNumber(typo))).toBe(ReturnError.INVALID_RETURN_NUMBER);
    expect(isValidReturnNumber(typo)).toBe(false);
    expect(
      codeOf(() => parseReturnNumber(formatOrderNumber({ storeCode: 'S001', registerCode: 'R01', sequence: 12 }))),
    ).toBe(ReturnError.INVALID_RETURN_NUMBER);
    for (const bad of ['', 'RT-', 'RT-S001-R01-12-K', '\u0000', 'x'.repeat(500)])
      expect(codeOf(() => parseReturnNumber(bad))).toBe(ReturnError.INVALID_RETURN_NUMBER);
  });

  it('continues above the highest number this register wrote, ignoring other registers', () => {
    const mine = (sequence: number) => formatReturnNumber({ storeCode: 'S001', registerCode: 'R01', sequence });
    const other = formatReturnNumber({ storeCode: 'S001', registerCode: 'R02', sequence: 99 });
    expect(nextReturnSequence('S001', 'R01', 0, [])).toBe(1);
    expect(nextReturnSequence('S001', 'R01', 3, [mine(7), other, undefined, 'junk'])).toBe(8);
    expect(nextReturnSequence('S001', 'R01', 10, [mine(7)])).toBe(11);
    expect(nextReturnSequence('S001', 'R01', Number.NaN, [])).toBe(1);
  });

  it('is checked on the return document', () => {
    const ret = fixtures.returns as Record<string, unknown>;
    const good = formatReturnNumber({ storeCode: 'S001', registerCode: 'R01', sequence: 5 });
    expect(returnSchema.safeParse({ ...ret, returnNumber: good }).success).toBe(true);
    expect(returnSchema.safeParse({ ...ret, returnNumber: good.replace('000005', '000006') }).success).toBe(false);
    expect(returnSchema.safeParse({ ...ret, returnNumber: good.toLowerCase() }).success).toBe(false);
    expect(returnSchema.safeParse(ret).success).toBe(true);
  });
});
