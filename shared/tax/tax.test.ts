import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { money } from '../money';
import { type TaxJurisdiction, TaxError, computeTax, findJurisdiction, taxForReturnedUnits } from './index';
import { codeOf } from '../../test/support/error-code';

const nyc: TaxJurisdiction = {
  code: 'US-NY-NYC',
  mode: 'exclusive',
  rounding: 'line',
  roundingMode: 'half-up',
  rates: [
    { code: 'NY-STATE', name: 'NY State', percent: '4', categories: ['general'] },
    { code: 'NYC', name: 'New York City', percent: '4.5', categories: ['general'] },
    { code: 'MCTD', name: 'MCTD', percent: '0.375', categories: ['general'] },
  ],
};

const uk: TaxJurisdiction = {
  code: 'GB',
  mode: 'inclusive',
  rounding: 'line',
  roundingMode: 'half-up',
  rates: [
    { code: 'VAT-STD', name: 'VAT 20%', percent: '20', categories: ['general'] },
    { code: 'VAT-RED', name: 'VAT 5%', percent: '5', categories: ['reduced'] },
    { code: 'VAT-ZERO', name: 'VAT 0%', percent: '0', categories: ['food'] },
  ],
};

const usd = (n: number) => money(n, 'USD');
const gbp = (n: number) => money(n, 'GBP');

describe('US sales tax (exclusive)', () => {
  it('a 3-line receipt with state + city + district tax and a non-taxable grocery line', () => {
    const r = computeTax(
      [
        { key: 'soap x2', amount: usd(698), category: 'general' },
        { key: 'umbrella', amount: usd(1299), category: 'general' },
        { key: 'bread', amount: usd(350), category: 'grocery' },
      ],
      nyc,
      'USD',
    );
    // 698: 27.92→28, 31.41→31, 2.6175→3 ; 1299: 51.96→52, 58.455→58, 4.87125→5
    expect(r.lines.map((l) => l.components.map((c) => c.amount))).toEqual([[28, 31, 3], [52, 58, 5], []]);
    expect(r.lines.map((l) => l.tax.amount)).toEqual([62, 115, 0]);
    expect(r.byRate.map((b) => [b.code, b.taxable.amount, b.amount.amount])).toEqual([
      ['NY-STATE', 1997, 80],
      ['NYC', 1997, 89],
      ['MCTD', 1997, 8],
    ]);
    expect([r.net.amount, r.tax.amount, r.gross.amount]).toEqual([2347, 177, 2524]);
  });

  it('per-invoice rounding charges the cent that per-line rounding loses, on the first line', () => {
    const cheap = [1, 2, 3].map((i) => ({ key: `candy ${i}`, amount: usd(10), category: 'general' }));
    const single = { ...nyc, rates: [nyc.rates[1] as TaxJurisdiction['rates'][number]] };
    expect(computeTax(cheap, single, 'USD').tax.amount).toBe(0); // 0.45¢ each → 0
    const inv = computeTax(cheap, { ...single, rounding: 'invoice' }, 'USD'); // 1.35¢ → 1
    expect(inv.tax.amount).toBe(1);
    expect(inv.lines.map((l) => l.tax.amount)).toEqual([1, 0, 0]);
  });

  it('half-even rounding takes the even neighbour on an exact half', () => {
    const j: TaxJurisdiction = {
      ...nyc,
      roundingMode: 'half-even',
      rates: [{ code: 'X', name: 'X', percent: '5', categories: ['general'] }],
    };
    expect(computeTax([{ key: 'a', amount: usd(250), category: 'general' }], j, 'USD').tax.amount).toBe(12);
    expect(
      computeTax([{ key: 'a', amount: usd(250), category: 'general' }], { ...j, roundingMode: 'half-up' }, 'USD').tax
        .amount,
    ).toBe(13);
  });

  it('an exempt customer pays no tax, all categories or chosen ones', () => {
    const lines = [{ key: 'a', amount: usd(1000), category: 'general' }];
    const all = computeTax(lines, nyc, 'USD', { all: true, certificate: 'NY-ST-119' });
    expect([all.tax.amount, all.gross.amount, all.lines[0]?.exempt]).toEqual([0, 1000, true]);
    expect(computeTax(lines, nyc, 'USD', { categories: ['general'] }).tax.amount).toBe(0);
    expect(computeTax(lines, nyc, 'USD', { categories: ['food'] }).tax.amount).toBe(89);
  });
});

describe('VAT (inclusive)', () => {
  it('a UK receipt with standard, reduced and zero-rated lines', () => {
    const r = computeTax(
      [
        { key: 'mug', amount: gbp(499), category: 'general' },
        { key: 'kettle', amount: gbp(1200), category: 'general' },
        { key: 'car seat', amount: gbp(1050), category: 'reduced' },
        { key: 'apples', amount: gbp(250), category: 'food' },
      ],
      uk,
      'GBP',
    );
    expect(r.lines.map((l) => [l.net.amount, l.tax.amount, l.gross.amount])).toEqual([
      [416, 83, 499],
      [1000, 200, 1200],
      [1000, 50, 1050],
      [250, 0, 250],
    ]);
    expect([r.net.amount, r.tax.amount, r.gross.amount]).toEqual([2666, 333, 2999]);
    expect(r.byRate.map((b) => [b.code, b.taxable.amount, b.amount.amount])).toEqual([
      ['VAT-STD', 1416, 283],
      ['VAT-RED', 1000, 50],
      ['VAT-ZERO', 250, 0],
    ]);
  });

  it('an exempt buyer pays the shelf price without the VAT it contains', () => {
    const r = computeTax([{ key: 'kettle', amount: gbp(1200), category: 'general' }], uk, 'GBP', { all: true });
    expect([r.net.amount, r.tax.amount, r.gross.amount]).toEqual([1000, 0, 1000]);
  });

  it('net + tax always equals the shelf price, line and invoice rounding', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('line', 'invoice'),
        (prices, rounding) => {
          const r = computeTax(
            prices.map((p, i) => ({ key: String(i), amount: gbp(p), category: i % 2 ? 'general' : 'reduced' })),
            { ...uk, rounding: rounding as 'line' },
            'GBP',
          );
          r.lines.forEach((l, i) => expect(l.net.amount + l.tax.amount).toBe(prices[i]));
          expect(r.byRate.reduce((s, b) => s + b.amount.amount, 0)).toBe(r.tax.amount);
        },
      ),
    );
  });
});

describe('bad configuration and input', () => {
  it('refuses rates over 100% or negative, unknown jurisdictions and negative lines', () => {
    const bad = (percent: string) => ({ ...nyc, rates: [{ code: 'B', name: 'B', percent, categories: ['*'] }] });
    expect(codeOf(() => computeTax([], bad('100.01'), 'USD'))).toBe(TaxError.INVALID_RATE);
    expect(codeOf(() => computeTax([], bad('-1'), 'USD'))).toBe(TaxError.INVALID_RATE);
    expect(codeOf(() => computeTax([], bad('abc'), 'USD'))).toBe(TaxError.INVALID_RATE);
    expect(codeOf(() => findJurisdiction([nyc], 'US-CA'))).toBe(TaxError.UNKNOWN_JURISDICTION);
    expect(codeOf(() => computeTax([{ key: 'a', amount: usd(-5), category: 'general' }], nyc, 'USD'))).toBe(
      TaxError.NEGATIVE_BASE,
    );
    expect(
      codeOf(() =>
        computeTax([{ key: 'a', amount: { amount: Number.NaN, currency: 'USD' }, category: 'general' }], nyc, 'USD'),
      ),
    ).toBe('MONEY_INVALID_AMOUNT');
  });
});

describe('tax on returns mirrors the sale', () => {
  const lineArb = fc.record({ unit: fc.integer({ min: 1, max: 50_000 }), qty: fc.integer({ min: 1, max: 12 }) });

  it('property: returning everything refunds exactly the tax charged; partial returns never exceed it', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 5 }),
        fc.constantFrom<TaxJurisdiction>(nyc, { ...nyc, rounding: 'invoice' }, uk, { ...uk, rounding: 'invoice' }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 12 }),
        (lines, j, chunks) => {
          const currency = j.mode === 'inclusive' ? 'GBP' : 'USD';
          const sale = computeTax(
            lines.map((l, i) => ({ key: String(i), amount: money(l.unit * l.qty, currency), category: 'general' })),
            j,
            currency,
          );
          sale.lines.forEach((taxed, i) => {
            const qty = (lines[i] as { qty: number }).qty;
            let returned = 0;
            let refunded = 0;
            for (const c of chunks) {
              const k = Math.min(c, qty - returned);
              if (k === 0) break;
              refunded += taxForReturnedUnits(taxed.components, qty, returned, k).reduce((s, x) => s + x.amount, 0);
              returned += k;
              expect(refunded).toBeLessThanOrEqual(taxed.tax.amount);
            }
            const rest = taxForReturnedUnits(taxed.components, qty, returned, qty - returned).reduce(
              (s, x) => s + x.amount,
              0,
            );
            expect(refunded + rest).toBe(taxed.tax.amount);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses returning more than is left', () => {
    expect(codeOf(() => taxForReturnedUnits([], 3, 2, 2))).toBe(TaxError.INVALID_RETURN);
    expect(codeOf(() => taxForReturnedUnits([], 3, 0, -1))).toBe(TaxError.INVALID_RETURN);
  });
});
