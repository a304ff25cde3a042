import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { IdError } from './errors';
import { formatOrderNumber, isCode128Printable, isValidOrderNumber, parseOrderNumber } from './order-number';
import { pickupCode, pickupCodeMatches } from './pickup-code';
import { POS_NAMESPACE, URL_NAMESPACE, uuidv5 } from './uuidv5';
import { assertUuidV7, createUuidV7Generator, isUuidV7, uuidV7Timestamp, uuidv7 } from './uuidv7';

describe('UUIDv7', () => {
  it('creates valid, lowercase version-7 ids carrying the creation time', () => {
    const before = Date.now();
    const id = uuidv7();
    expect(isUuidV7(id)).toBe(true);
    expect(uuidV7Timestamp(id)).toBeGreaterThanOrEqual(before);
    expect(uuidV7Timestamp(id)).toBeLessThanOrEqual(Date.now());
  });

  it('stays strictly increasing within a millisecond and when the clock steps back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2_000_000_000_000 }), { minLength: 2, maxLength: 200 }),
        (clock) => {
          let i = 0;
          const next = createUuidV7Generator({ now: () => clock[Math.min(i++, clock.length - 1)] ?? 0 });
          const ids = clock.map(() => next());
          for (const id of ids) expect(isUuidV7(id)).toBe(true);
          for (let k = 1; k < ids.length; k += 1) expect((ids[k] as string) > (ids[k - 1] as string)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('owes uniqueness to the counter, not to luck: a constant random source still gives distinct ids', () => {
    const next = createUuidV7Generator({ now: () => 1_000, random: (b) => b.fill(0xff) });
    const ids = Array.from({ length: 1_000 }, () => next());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => uuidV7Timestamp(id) === 1_000)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  it('is unique across many ids from the default generator', () => {
    const ids = Array.from({ length: 10_000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('refuses a v4 UUID, upper case and garbage with a coded error', () => {
    for (const bad of ['9b2f3c1e-5d4a-4f6b-8c7d-0e1f2a3b4c5d', '01937A00-0000-7000-8000-000000000001', 'nope', 42]) {
      expect(isUuidV7(bad)).toBe(false);
      expect(() => assertUuidV7(bad)).toThrow(expect.objectContaining({ code: IdError.INVALID_UUID }));
    }
  });

  it('refuses an impossible clock instead of writing a wrong id', () => {
    expect(() => createUuidV7Generator({ now: () => Number.NaN })()).toThrow(
      expect.objectContaining({ code: IdError.INVALID_UUID }),
    );
    expect(() => createUuidV7Generator({ now: () => -1 })()).toThrow(
      expect.objectContaining({ code: IdError.INVALID_UUID }),
    );
  });
});

describe('order numbers', () => {
  it('formats store, register and a zero-padded sequence with a check character', () => {
    const n = formatOrderNumber({ storeCode: 'S012', registerCode: 'R03', sequence: 123 });
    expect(n).toMatch(/^S012-R03-000123-[0-9A-Z]$/);
    expect(parseOrderNumber(n)).toEqual({ storeCode: 'S012', registerCode: 'R03', sequence: 123 });
    expect(parseOrderNumber(` ${n.toLowerCase()} `)).toEqual({ storeCode: 'S012', registerCode: 'R03', sequence: 123 });
    expect(isCode128Printable(n)).toBe(true);
  });

  const partsArb = fc.record({
    storeCode: fc.stringMatching(/^[A-Z0-9]{1,10}$/),
    registerCode: fc.stringMatching(/^[A-Z0-9]{1,10}$/),
    sequence: fc.integer({ min: 1, max: 9_999_999_999 }),
  });

  it('round-trips, and numbers of different registers never collide', () => {
    fc.assert(
      fc.property(partsArb, partsArb, (a, b) => {
        expect(parseOrderNumber(formatOrderNumber(a))).toEqual(a);
        const same = a.storeCode === b.storeCode && a.registerCode === b.registerCode && a.sequence === b.sequence;
        if (!same) expect(formatOrderNumber(a)).not.toBe(formatOrderNumber(b));
      }),
    );
  });

  it('catches every single mistyped character', () => {
    fc.assert(
      fc.property(
        partsArb,
        fc.nat(),
        fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        (parts, pos, replacement) => {
          const n = formatOrderNumber(parts);
          const positions = [...n].map((c, i) => (c === '-' ? -1 : i)).filter((i) => i >= 0);
          const at = positions[pos % positions.length] as number;
          if (n.charAt(at) === replacement) return;
          const typo = n.slice(0, at) + replacement + n.slice(at + 1);
          expect(isValidOrderNumber(typo)).toBe(false);
        },
      ),
    );
  });

  it('refuses malformed numbers and bad parts with coded errors', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isDomainError(e) ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => parseOrderNumber('S012-R03-123'))).toBe(IdError.INVALID_ORDER_NUMBER);
    expect(code(() => parseOrderNumber('S012-R03-0000123-0'))).toBe(IdError.INVALID_ORDER_NUMBER);
    expect(code(() => formatOrderNumber({ storeCode: 'S-1', registerCode: 'R03', sequence: 1 }))).toBe(
      IdError.INVALID_ORDER_NUMBER,
    );
    expect(code(() => formatOrderNumber({ storeCode: 'S012', registerCode: 'R03', sequence: 0 }))).toBe(
      IdError.INVALID_ORDER_NUMBER,
    );
    expect(code(() => formatOrderNumber({ storeCode: 'S012', registerCode: 'R03', sequence: 1.5 }))).toBe(
      IdError.INVALID_ORDER_NUMBER,
    );
    expect(code(() => formatOrderNumber({ storeCode: 'S012', registerCode: 'R03', sequence: 10_000_000_000 }))).toBe(
      IdError.SEQUENCE_EXHAUSTED,
    );
  });
});

describe('name-based ids (UUIDv5)', () => {
  it('matches RFC 9562 reference values (computed with Python uuid)', () => {
    expect(uuidv5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidv5('https://example.com/ünïcode', '6ba7b811-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '81b932f9-64c2-5911-bcce-4e95188eebaa',
    );
  });
  it('derives its own namespace the documented way', () => {
    expect(uuidv5('urn:store-pos:derived-ids', URL_NAMESPACE)).toBe(POS_NAMESPACE);
  });
  it('gives the same id for the same name and different ids for different names', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(uuidv5(a)).toBe(uuidv5(a));
        if (a !== b) expect(uuidv5(a)).not.toBe(uuidv5(b));
      }),
    );
  });
});

describe('pickup codes', () => {
  it('uses only unambiguous capitals and digits and fits the fulfillment schema', () => {
    for (let i = 0; i < 200; i += 1) expect(pickupCode()).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  });
  it('forgives case, spaces and 0/O, 1/I when the customer reads it out, but not a wrong code', () => {
    expect(pickupCodeMatches('k7q 2m9', 'K7Q2M9')).toBe(true);
    expect(pickupCodeMatches('ABC1O0', 'ABCIOO')).toBe(true);
    expect(pickupCodeMatches('K7Q2M8', 'K7Q2M9')).toBe(false);
    expect(pickupCodeMatches('', '')).toBe(false);
  });
});
