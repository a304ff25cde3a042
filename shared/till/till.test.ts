import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type ReportInput, TillError, cashSummary, countedTotal, denominationsFor, xReport, zReport } from './index';
import { codeOf } from '../../test/support/error-code';

const tax = (amount: number, taxable: number) => [
  { code: 'NY-STATE', name: 'NY State', taxable, amount: Math.round(amount / 2) },
  { code: 'NYC', name: 'New York City', taxable, amount: amount - Math.round(amount / 2) },
];

const day: ReportInput = {
  currency: 'USD',
  openingFloat: 20000,
  sales: [
    {
      orderId: 'A',
      voided: false,
      subtotal: 5200,
      discountTotal: 200,
      taxTotal: 413,
      total: 5413,
      taxLines: tax(413, 5000),
    },
    {
      orderId: 'B',
      voided: false,
      subtotal: 8036,
      discountTotal: 0,
      taxTotal: 707,
      total: 8743,
      taxLines: tax(707, 8036),
    },
    { orderId: 'C', voided: true, subtotal: 999, discountTotal: 0, taxTotal: 89, total: 1088, taxLines: tax(89, 999) },
    {
      orderId: 'D',
      voided: false,
      training: true,
      subtotal: 100000,
      discountTotal: 0,
      taxTotal: 0,
      total: 100000,
      taxLines: [],
    },
  ],
  returns: [{ returnId: 'R1', refundTotal: 1849, refundTax: 150, taxLines: tax(150, 1699) }],
  payments: [
    { kind: 'sale', method: 'cash', status: 'approved', amount: 5413 },
    { kind: 'sale', method: 'card', status: 'approved', amount: 5000 },
    { kind: 'sale', method: 'cash', status: 'approved', amount: 3743 },
    { kind: 'sale', method: 'card', status: 'declined', amount: 1088 },
    { kind: 'refund', method: 'cash', status: 'approved', amount: 1849 },
  ],
  cashMovements: [
    { kind: 'paid_out', amount: 1200 },
    { kind: 'paid_in', amount: 2000 },
    { kind: 'drop', amount: 10000 },
    { kind: 'no_sale', amount: 0 },
  ],
};

describe('till shift', () => {
  it('expected cash = float + cash sales − cash refunds + paid in − paid out − drops', () => {
    expect(cashSummary(day.openingFloat, day.payments, day.cashMovements)).toEqual({
      openingFloat: 20000,
      cashSales: 9156,
      cashRefunds: 1849,
      paidIn: 2000,
      paidOut: 1200,
      drops: 10000,
      noSales: 1,
      expected: 18107,
    });
  });

  it('a blind count per denomination gives the counted total and the shortage', () => {
    const count = [
      { denomination: 10000, count: 1 },
      { denomination: 2000, count: 3 },
      { denomination: 1000, count: 1 },
      { denomination: 500, count: 2 },
      { denomination: 100, count: 1 },
      { denomination: 1, count: 2 },
    ];
    const z = zReport(day, count);
    expect([z.counted, z.cash.expected, z.overShort]).toEqual([18102, 18107, -5]);
  });

  it('X/Z report figures: sales by tender, refunds, discounts, tax by rate, transactions, voids', () => {
    const x = xReport(day);
    expect(x).toMatchObject({
      transactions: 2,
      voids: 1,
      grossSales: 13236,
      discounts: 200,
      netSales: 13036,
      salesTotal: 14156,
      taxTotal: 1120 - 150,
    });
    expect(x.returns).toEqual({ count: 1, total: 1849, tax: 150 });
    expect(x.tenders).toEqual([
      { method: 'card', sales: 5000, refunds: 0, net: 5000 },
      { method: 'cash', sales: 9156, refunds: 1849, net: 7307 },
    ]);
    expect(x.taxByRate).toEqual([
      { code: 'NY-STATE', name: 'NY State', taxable: 13036 - 1699, amount: 207 + 354 - 75 },
      { code: 'NYC', name: 'New York City', taxable: 13036 - 1699, amount: 206 + 353 - 75 },
    ]);
    expect(x.taxByRate.reduce((s, t) => s + t.amount, 0)).toBe(x.taxTotal);
  });

  it('counts voids, line voids, discounts, refunds and no-sales (training sales and their events never count)', () => {
    const withEvents: ReportInput = {
      ...day,
      sales: [
        ...day.sales,
        { orderId: 'E', voided: false, subtotal: 1000, discountTotal: 100, taxTotal: 0, total: 900, taxLines: [] },
      ],
      cashMovements: [...day.cashMovements, { kind: 'no_sale', amount: 0 }],
      payments: [
        ...day.payments,
        { kind: 'refund', method: 'card', status: 'approved', amount: 100 },
        { kind: 'refund', method: 'card', status: 'declined', amount: 100 },
      ],
      events: [
        { orderId: 'A', type: 'approval', action: 'discount' },
        { orderId: 'B', type: 'approval', action: 'void' }, // a line taken off a sale that completed
        { orderId: 'C', type: 'approval', action: 'void' }, // the void of sale C itself
        { orderId: 'D', type: 'approval', action: 'void' }, // training
        { orderId: 'E', type: 'approval', action: 'price_override' },
        { orderId: 'E', type: 'note' },
      ],
    };
    expect(xReport(withEvents).counts).toEqual({
      voidedSales: 1,
      lineVoids: 1,
      discountedSales: 2,
      discountApprovals: 2,
      refunds: 1,
      refundPayments: 2,
      noSales: 2,
    });
    expect(zReport(withEvents, []).counts).toEqual(xReport(withEvents).counts);
    expect(xReport({ ...day, sales: [], returns: [], payments: [], cashMovements: [] }).counts).toEqual({
      voidedSales: 0,
      lineVoids: 0,
      discountedSales: 0,
      discountApprovals: 0,
      refunds: 0,
      refundPayments: 0,
      noSales: 0,
    });
  });

  it('refuses unknown denominations, duplicate or negative counts and bad amounts', () => {
    expect(codeOf(() => countedTotal('USD', [{ denomination: 300, count: 1 }]))).toBe(TillError.UNKNOWN_DENOMINATION);
    expect(
      codeOf(() =>
        countedTotal('USD', [
          { denomination: 100, count: 1 },
          { denomination: 100, count: 2 },
        ]),
      ),
    ).toBe(TillError.INVALID_COUNT);
    expect(codeOf(() => countedTotal('USD', [{ denomination: 100, count: -1 }]))).toBe(TillError.INVALID_COUNT);
    expect(codeOf(() => countedTotal('JPY', []))).toBe(TillError.NO_DENOMINATIONS);
    expect(codeOf(() => cashSummary(Number.NaN, [], []))).toBe(TillError.INVALID_AMOUNT);
    expect(codeOf(() => cashSummary(0, [], [{ kind: 'paid_out', amount: -5 }]))).toBe(TillError.INVALID_AMOUNT);
  });

  it('property: counting the coins and notes of any amount gives that amount back (EUR, GBP, USD)', () => {
    fc.assert(
      fc.property(fc.constantFrom('USD', 'EUR', 'GBP'), fc.integer({ min: 0, max: 5_000_000 }), (currency, amount) => {
        let left = amount;
        const count = denominationsFor(currency).map((d) => {
          const n = Math.floor(left / d.value);
          left -= n * d.value;
          return { denomination: d.value, count: n };
        });
        expect(left).toBe(0);
        expect(countedTotal(currency, count)).toBe(amount);
      }),
    );
  });
});
