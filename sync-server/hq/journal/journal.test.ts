// The journal balances for any day: random sales (any discount, tax split, status), returns,
// tenders that may or may not cover them, and shift over/short.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildJournal } from './journal';
import { moneyCell } from '../import/cells';

const amount = fc.integer({ min: 0, max: 1_000_000 });
const jurisdiction = fc.constantFrom('US-NY', 'US-NY-NYC', 'US-NJ');

const order = fc.record({
  status: fc.constantFrom('completed', 'voided', 'open', 'fulfilled', 'cancelled'),
  taxJurisdiction: jurisdiction,
  totals: fc.record({ total: amount, taxTotal: amount, discountTotal: amount }),
  lines: fc.array(fc.record({ taxes: fc.array(fc.record({ jurisdiction, amount })) }), { maxLength: 4 }),
});
const ret = fc.record({
  refundTotal: amount,
  refundTax: amount,
  taxJurisdiction: jurisdiction,
  lines: fc.array(fc.record({ taxes: fc.array(fc.record({ jurisdiction, amount })) }), { maxLength: 3 }),
});
const payment = fc.record({
  kind: fc.constantFrom('sale', 'refund'),
  method: fc.constantFrom('cash', 'card', 'gift_card', 'store_credit'),
  status: fc.constantFrom('approved', 'pending_offline', 'declined', 'refunded', 'voided'),
  amount,
});
const shift = fc.record({
  status: fc.constant('closed'),
  overShort: fc.integer({ min: -50_000, max: 50_000 }),
  cashMovements: fc.array(fc.record({ kind: fc.constantFrom('paid_in', 'paid_out', 'drop', 'no_sale'), amount }), {
    maxLength: 4,
  }),
});

describe('daily journal', () => {
  it('always balances, and every line is a debit or a credit, never negative', () => {
    fc.assert(
      fc.property(
        fc.array(order, { maxLength: 20 }),
        fc.array(ret, { maxLength: 5 }),
        fc.array(payment, { maxLength: 25 }),
        fc.array(shift, { maxLength: 3 }),
        (orders, returns, payments, shifts) => {
          const j = buildJournal({
            storeId: 's',
            storeCode: 'S001',
            businessDay: '2026-12-02',
            currency: 'USD',
            orders,
            returns,
            payments,
            shifts,
          });
          expect(j.balanced).toBe(true);
          expect(j.totals.debit).toBe(j.totals.credit);
          for (const l of j.lines) expect(l.debit >= 0 && l.credit >= 0).toBe(true);
          // Tax per jurisdiction in the figures is what the tax payable lines say.
          const net = (jur: string) =>
            j.lines
              .filter((l) => l.account === 'tax_payable' && l.detail === jur)
              .reduce((n, l) => n + l.credit - l.debit, 0);
          for (const [jur, value] of Object.entries(j.figures.taxByJurisdiction)) expect(net(jur)).toBe(value);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('puts a sale nobody paid for on unsettled sales instead of losing it', () => {
    const j = buildJournal({
      storeId: 's',
      storeCode: 'S001',
      businessDay: '2026-12-02',
      currency: 'USD',
      returns: [],
      payments: [],
      shifts: [],
      orders: [
        {
          status: 'created',
          taxJurisdiction: 'US-NY',
          totals: { total: 1080, taxTotal: 80, discountTotal: 0 },
          lines: [{ taxes: [{ jurisdiction: 'US-NY', amount: 80 }] }],
        },
      ],
    });
    expect(j.lines).toEqual([
      { account: 'sales_revenue', detail: '', debit: 0, credit: 1000 },
      { account: 'tax_payable', detail: 'US-NY', debit: 0, credit: 80 },
      { account: 'unsettled_sales', detail: '', debit: 1080, credit: 0 },
    ]);
  });
});

describe('CSV amounts', () => {
  it('reads decimal text into minor units without floating point', () => {
    expect(moneyCell('4.99')).toEqual({ ok: true, value: 499 });
    expect(moneyCell('3.1')).toEqual({ ok: true, value: 310 });
    expect(moneyCell('0.07')).toEqual({ ok: true, value: 7 });
    expect(moneyCell('1.005').ok).toBe(false);
    expect(moneyCell('$4').ok).toBe(false);
    expect(moneyCell('').ok).toBe(false);
  });
});
