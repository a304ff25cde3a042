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
    for (const text of [
      '01937a00-0000-7000-8000-000000000001',
      '2026-11-27T09:00:00.000Z',
      '+1 555-123-4567',
      '4242',
      '12345678901234567890123',
    ]) {
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
    const luhnNumber = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 18 }).map((digits) => {
      const body = digits.join('');
      for (let check = 0; check <= 9; check += 1) if (luhnValid(body + String(check))) return body + String(check);
      throw new Error('unreachable: one check digit always fits');
    });
    fc.assert(
      fc.property(
        luhnNumber,
        fc.string({ maxLength: 5 }).filter((s) => !/[\d -]/.test(s.slice(-1))),
        (pan, prefix) => {
          expect(containsPan(`${prefix}${pan}`)).toBe(true);
        },
      ),
    );
  });
});

describe('identifiers are not card numbers', () => {
  it('never flags a UUID whose dash-joined digit groups pass Luhn', () => {
    // "8000-123456789018" joins to 16 digits that pass Luhn, so the old scan refused the id.
    const id = '019ac6f2-b1c4-7abc-8000-123456789018';
    expect(luhnValid('8000123456789018')).toBe(true);
    expect(containsPan(id)).toBe(false);
    expect(containsPan(`order ${id} paid`)).toBe(false);
    expect(findPan({ id, orderId: id })).toBeUndefined();
  });

  it('never flags any UUID (property)', () => {
    const hex = fc.constantFrom(...'0123456789abcdef'.split(''));
    const group = (n: number) => fc.array(hex, { minLength: n, maxLength: n }).map((cs) => cs.join(''));
    const uuidText = fc.tuple(group(8), group(4), group(4), group(4), group(12)).map((g) => g.join('-'));
    fc.assert(
      fc.property(uuidText, (id) => !containsPan(id)),
      { numRuns: 5_000 },
    );
  });

  it('still finds a card number written next to an id', () => {
    expect(containsPan('019ac6f2-b1c4-7abc-8000-123456789018 4111 1111 1111 1111')).toBe(true);
  });
});
