import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsPan, findPan, luhnValid } from './pan';

describe('card number detection', () => {
  it('recognises test PANs of Visa, Mastercard and Amex, with or without separators', () => {
    for (const pan of ['4111111111111111', '4242-4242-4242-4242', '5555 5555 5555 4444', '378282246310005']) {
      expect(containsPan(`paid with ${pan} today`)).toBe(true);
    }
  });
  it('ignores UUIDs, timestamps, phone numbers, last-4 and long references', () => {
    for (const text of ['01937a00-0000-7000-8000-000000000001', '2026-11-27T09:00:00.000Z', '+1 555-123-4567', '4242', '12345678901234567890123']) {
      expect(containsPan(text)).toBe(false);
    }
  });
  it('does not flag a 16-digit run that fails the Luhn check', () => {
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(containsPan('4111111111111112')).toBe(false);
  });
  it('finds the path of a PAN nested in a document', () => {
    expect(findPan({ a: [{ b: 'x' }, { c: '4111 1111 1111 1111' }] })).toEqual(['a', 1, 'c']);
    expect(findPan({ a: 1, b: null, c: ['4242'] })).toBeUndefined();
  });
  it('catches any Luhn-valid 13–19 digit number however it is embedded', () => {
    const luhnNumber = fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 18 })
      .map((digits) => {
        const body = digits.join('');
        for (let check = 0; check <= 9; check += 1) if (luhnValid(body + String(check))) return body + String(check);
        throw new Error('unreachable: one check digit always fits');
      });
    fc.assert(
      fc.property(luhnNumber, fc.string({ maxLength: 5 }).filter((s) => !/[\d -]/.test(s.slice(-1))), (pan, prefix) => {
        expect(containsPan(`${prefix}${pan}`)).toBe(true);
      }),
    );
  });
});
