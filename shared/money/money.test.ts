import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MoneyError,
  add,
  allocate,
  allocateInteger,
  cumulativeShare,
  fromPpm,
  percentToPpm,
  ppmToPercentString,
  decimal,
  divideRounded,
  formatMoney,
  minorUnitExponent,
  money,
  multiplyByQuantity,
  multiplyByRatio,
  parseMoney,
  percent,
  priceForWeight,
  subtract,
  sum,
  toDecimalString,
} from './index';
import { codeOf } from '../../test/support/error-code';

describe('money basics', () => {
  it('knows minor-unit exponents and refuses unknown currencies', () => {
    expect(minorUnitExponent('USD')).toBe(2);
    expect(minorUnitExponent('JPY')).toBe(0);
    expect(minorUnitExponent('KWD')).toBe(3);
    expect(codeOf(() => money(100, 'XYZ'))).toBe(MoneyError.UNKNOWN_CURRENCY);
    expect(codeOf(() => money(100, 'usd'))).toBe(MoneyError.UNKNOWN_CURRENCY);
  });

  it('adds and subtracts in one currency only', () => {
    expect(add(money(1999, 'USD'), money(1, 'USD'))).toEqual(money(2000, 'USD'));
    expect(subtract(money(500, 'EUR'), money(750, 'EUR'))).toEqual(money(-250, 'EUR'));
    expect(codeOf(() => add(money(1, 'USD'), money(1, 'EUR')))).toBe(MoneyError.CURRENCY_MISMATCH);
    expect(sum([], 'GBP')).toEqual(money(0, 'GBP'));
    expect(codeOf(() => sum([]))).toBe(MoneyError.EMPTY_SUM);
  });

  it('rejects NaN, Infinity, fractions and unsafe integers', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity, 12.5, 2 ** 53]) {
      expect(codeOf(() => money(bad, 'USD'))).toBe(MoneyError.INVALID_AMOUNT);
    }
    expect(codeOf(() => add(money(Number.MAX_SAFE_INTEGER, 'USD'), money(1, 'USD')))).toBe(MoneyError.OVERFLOW);
    expect(codeOf(() => multiplyByQuantity(money(100, 'USD'), -1))).toBe(MoneyError.INVALID_QUANTITY);
    expect(codeOf(() => multiplyByQuantity(money(100, 'USD'), 1.5))).toBe(MoneyError.INVALID_QUANTITY);
  });

  it('property: invalid amounts are always refused with a code', () => {
    const bad = fc.oneof(
      fc.double().filter((d) => !Number.isSafeInteger(d)),
      fc.constantFrom(Number.NaN, Infinity, -Infinity),
    );
    fc.assert(fc.property(bad, (amount) => codeOf(() => money(amount, 'USD')) === MoneyError.INVALID_AMOUNT));
  });
});

describe('rates and rounding', () => {
  it('reads decimals exactly', () => {
    expect(decimal('0.08875')).toEqual({ num: 71n, den: 800n });
    expect(percent('8.875')).toEqual(decimal('0.08875'));
    expect(decimal(0.1)).toEqual({ num: 1n, den: 10n });
    expect(codeOf(() => decimal('8,5'))).toBe(MoneyError.INVALID_RATE);
    expect(codeOf(() => decimal(Number.NaN))).toBe(MoneyError.INVALID_RATE);
  });

  it('rounds half-up away from zero and half-even to the even neighbour', () => {
    expect(divideRounded(5n, 2n, 'half-up')).toBe(3n);
    expect(divideRounded(-5n, 2n, 'half-up')).toBe(-3n);
    expect(divideRounded(5n, 2n, 'half-even')).toBe(2n);
    expect(divideRounded(7n, 2n, 'half-even')).toBe(4n);
    expect(divideRounded(-7n, 2n, 'half-even')).toBe(-4n);
    expect(divideRounded(7n, 3n, 'up')).toBe(3n);
    expect(divideRounded(-7n, 3n, 'down')).toBe(-2n);
  });

  it('multiplies by a rate without float drift', () => {
    // 1.15 * 100 in floats is 114.99999999999999; the exact rate gives 115.
    expect(multiplyByRatio(money(100, 'USD'), decimal('1.15'))).toEqual(money(115, 'USD'));
    // 8.875% of $10.00 = 88.75 cents
    expect(multiplyByRatio(money(1000, 'USD'), percent('8.875'), 'half-up').amount).toBe(89);
    expect(multiplyByRatio(money(1000, 'USD'), percent('8.875'), 'half-even').amount).toBe(89);
    expect(multiplyByRatio(money(250, 'USD'), percent('5'), 'half-even').amount).toBe(12);
    expect(multiplyByRatio(money(250, 'USD'), percent('5'), 'half-up').amount).toBe(13);
  });

  it('prices a weighed item from grams', () => {
    // 0.734 kg of cheese at $12.99/kg = $9.53466 → $9.53
    expect(priceForWeight(money(1299, 'USD'), 734)).toEqual(money(953, 'USD'));
  });
});

describe('allocate', () => {
  it('splits 100 cents three ways with the extra cent to the first line', () => {
    expect(allocateInteger(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateInteger(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(money(1000, 'USD'), [333, 333, 334]).map((m) => m.amount)).toEqual([333, 333, 334]);
    expect(allocateInteger(5, [0, 0, 3])).toEqual([0, 0, 5]);
    expect(allocateInteger(0, [0, 0])).toEqual([0, 0]);
  });

  it('refuses bad weights with a code', () => {
    expect(codeOf(() => allocateInteger(10, []))).toBe(MoneyError.INVALID_WEIGHTS);
    expect(codeOf(() => allocateInteger(10, [0, 0]))).toBe(MoneyError.INVALID_WEIGHTS);
    expect(codeOf(() => allocateInteger(10, [1, -1]))).toBe(MoneyError.INVALID_WEIGHTS);
    expect(codeOf(() => allocateInteger(10, [Number.NaN]))).toBe(MoneyError.INVALID_WEIGHTS);
    expect(codeOf(() => allocateInteger(10.5, [1]))).toBe(MoneyError.INVALID_AMOUNT);
  });

  it('property: parts always sum to the total, are deterministic and within one unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocateInteger(total, weights);
          const again = allocateInteger(total, [...weights]);
          const ws = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          expect(again).toEqual(parts);
          parts.forEach((p, i) => {
            const exact = (total * (weights[i] as number)) / ws;
            expect(Math.abs(p - exact)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('format and parse', () => {
  it('formats through Intl with the currency exponent', () => {
    expect(formatMoney(money(123456, 'USD'))).toBe('$1,234.56');
    expect(formatMoney(money(1200, 'JPY'), 'en-US')).toBe('¥1,200');
    expect(formatMoney(money(-1205, 'EUR'), 'de-DE')).toBe('-12,05\u00a0€');
    expect(toDecimalString(money(5, 'KWD'))).toBe('0.005');
    expect(toDecimalString(money(-5, 'USD'))).toBe('-0.05');
  });

  it('parses what a clerk types', () => {
    expect(parseMoney('12.5', 'USD').amount).toBe(1250);
    expect(parseMoney(' 1,234.00 ', 'USD').amount).toBe(123400);
    expect(parseMoney('.99', 'USD').amount).toBe(99);
    expect(parseMoney('7', 'USD').amount).toBe(700);
    expect(parseMoney('1200', 'JPY').amount).toBe(1200);
    expect(parseMoney('1.234', 'KWD').amount).toBe(1234);
    expect(parseMoney('-3.10', 'USD', { allowNegative: true }).amount).toBe(-310);
  });

  it('refuses ambiguous or malformed input with a code', () => {
    for (const bad of ['', 'abc', '12.345', '1.2.3', '1,23', '12e3', '-5', '$5']) {
      expect(codeOf(() => parseMoney(bad, 'USD'))).toBe(MoneyError.PARSE_FAILED);
    }
    expect(codeOf(() => parseMoney('12.5', 'JPY'))).toBe(MoneyError.PARSE_FAILED);
    expect(codeOf(() => parseMoney('1', 'ABC'))).toBe(MoneyError.UNKNOWN_CURRENCY);
  });

  it('property: formatting to a decimal string and parsing back round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom('USD', 'JPY', 'KWD'), (amount, currency) => {
        expect(parseMoney(toDecimalString(money(amount, currency)), currency).amount).toBe(amount);
      }),
    );
  });
});

describe('cumulativeShare', () => {
  it('gives back exactly the total when all units come back, in any split', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }),
        (total, chunks) => {
          const whole = chunks.reduce((a, b) => a + b, 0);
          let at = 0;
          let refunded = 0;
          for (const c of chunks) {
            const part = cumulativeShare(total, whole, at, at + c);
            refunded += part;
            at += c;
            expect(Math.abs(refunded)).toBeLessThanOrEqual(Math.abs(total));
          }
          expect(refunded).toBe(total);
        },
      ),
    );
  });

  it('refuses impossible ranges', () => {
    expect(codeOf(() => cumulativeShare(100, 3, 2, 4))).toBe(MoneyError.INVALID_QUANTITY);
    expect(codeOf(() => cumulativeShare(100, 3, -1, 1))).toBe(MoneyError.INVALID_QUANTITY);
  });
});

describe('ppm rates', () => {
  it('converts between percent strings and parts per million exactly', () => {
    expect(ppmToPercentString(88_750)).toBe('8.875');
    expect(ppmToPercentString(200_000)).toBe('20');
    expect(ppmToPercentString(3_750)).toBe('0.375');
    expect(percentToPpm('8.875')).toBe(88_750);
    expect(percentToPpm('0.0001')).toBe(1);
    expect(codeOf(() => percentToPpm('0.00001'))).toBe(MoneyError.INVALID_RATE);
    expect(codeOf(() => fromPpm(1.5))).toBe(MoneyError.INVALID_RATE);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (ppm) => percentToPpm(ppmToPercentString(ppm)) === ppm),
    );
  });
});
