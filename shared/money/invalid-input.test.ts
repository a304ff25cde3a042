// Garbage in, coded error out: every public calculation either refuses bad input with a
// DomainError or returns only safe integers — never NaN, a fraction or a TypeError.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDomainError } from '../errors';
import { classifyScan, expandUpcE, gtinCheckDigit } from '../barcode';
import { offlineAllowance, tenderState, quickCash } from '../payments';
import { priceCart, resolvePrice } from '../pricing';
import { planRefund, quoteRefund, settleExchange } from '../returns';
import { computeTax, taxForReturnedUnits } from '../tax';
import { cashSummary, countedTotal, zReport } from '../till';
import { add, allocateInteger, cumulativeShare, money, multiplyByQuantity, parseMoney, priceForWeight } from './index';

const junk = fc.oneof(
  fc.constantFrom<unknown>(Number.NaN, Infinity, -Infinity, -1, 1.5, 2 ** 53, -0, '5', undefined, null, {}, 0, 1, 100),
  fc.double(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
);

function onlySafeIntegers(value: unknown, path = '$'): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`${path} is ${value}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => onlySafeIntegers(v, `${path}[${i}]`));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) onlySafeIntegers(v, `${path}.${k}`);
}

function codedOrClean(fn: () => unknown): void {
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    if (isDomainError(e)) return;
    throw e;
  }
  onlySafeIntegers(result);
}

const j = {
  code: 'J',
  mode: 'exclusive' as const,
  rounding: 'line' as const,
  roundingMode: 'half-up' as const,
  rates: [{ code: 'A', name: 'A', percent: '8.875', categories: ['*'] }],
};
const n = (v: unknown) => v as number;

describe('invalid input never yields a wrong number', () => {
  it('the checker itself catches NaN, fractions and foreign errors', () => {
    expect(() => codedOrClean(() => ({ total: Number.NaN }))).toThrow('$.total is NaN');
    expect(() => codedOrClean(() => [1, 2.5])).toThrow('$[1] is 2.5');
    expect(() => codedOrClean(() => (undefined as unknown as { x: number }).x)).toThrow(TypeError);
    expect(() => codedOrClean(() => money(Number.NaN, 'USD'))).not.toThrow();
  });

  it('property: money, tax, pricing', () => {
    fc.assert(
      fc.property(junk, junk, junk, (a, b, c) => {
        codedOrClean(() => money(n(a), 'USD'));
        codedOrClean(() => add(money(100, 'USD'), { amount: n(a), currency: 'USD' }));
        codedOrClean(() => multiplyByQuantity(money(199, 'USD'), n(a)));
        codedOrClean(() => priceForWeight(money(1299, 'USD'), n(a)));
        codedOrClean(() => allocateInteger(n(a), [n(b), n(c)]));
        codedOrClean(() => cumulativeShare(n(a), n(b), 0, n(c)));
        codedOrClean(() => parseMoney(String(a), 'USD'));
        codedOrClean(() =>
          computeTax(
            [{ key: 'x', amount: { amount: n(a), currency: 'USD' }, category: 'g' }],
            { ...j, rates: [{ code: 'A', name: 'A', percent: String(b), categories: ['*'] }] },
            'USD',
          ),
        );
        codedOrClean(() => taxForReturnedUnits([{ code: 'A', name: 'A', percent: '5', amount: n(a) }], n(b), 0, n(c)));
        codedOrClean(() =>
          priceCart({
            currency: 'USD',
            jurisdiction: j,
            lines: [
              {
                key: 'x',
                sku: 'x',
                category: 'c',
                taxCategory: 'g',
                quantity: n(a),
                unitPrice: { amount: n(b), currency: 'USD' },
                discounts: [{ kind: 'amount', amount: n(c), reason: '' }],
              },
            ],
            orderDiscount: { kind: 'percent', percent: String(c), reason: '' },
          }),
        );
        codedOrClean(() =>
          resolvePrice('x', { storeId: 's', currency: 'USD', priceBookIds: ['b'] }, [
            { id: 'b', name: 'b', currency: 'USD', prices: { x: n(a) } },
          ]),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('property: barcodes, payments, returns, till', () => {
    fc.assert(
      fc.property(junk, junk, junk, fc.string(), (a, b, c, s) => {
        codedOrClean(() => classifyScan(s));
        codedOrClean(() => classifyScan(String(a)));
        codedOrClean(() => expandUpcE(String(a)));
        codedOrClean(() => gtinCheckDigit(String(b)));
        codedOrClean(() =>
          tenderState(n(a), [
            { method: 'cash', amount: n(b) },
            { method: 'card', amount: n(c) },
          ]),
        );
        codedOrClean(() => quickCash(n(a), 'USD'));
        codedOrClean(() =>
          offlineAllowance(
            { enabled: true, perTransactionCap: n(a), perRegisterCap: 10_000, expiryHours: 24 },
            [{ paymentId: 'p', amount: n(b), takenAt: '2026-11-27T00:00:00Z' }],
            '2026-11-27T01:00:00Z',
          ),
        );
        codedOrClean(() => settleExchange(n(a), n(b)));
        codedOrClean(() =>
          quoteRefund(
            [{ lineId: 'l', sku: 's', quantity: n(a), net: n(b), tax: 0, taxComponents: [] }],
            [],
            [{ lineId: 'l', quantity: n(c) }],
          ),
        );
        codedOrClean(() =>
          planRefund({
            currency: 'USD',
            refundTotal: n(a),
            withReceipt: true,
            saleAt: '2026-11-20T00:00:00Z',
            now: '2026-11-27T00:00:00Z',
            actorRole: 'clerk',
            originalTenders: [{ paymentId: 'p', method: 'card', amount: n(b), refunded: n(c) }],
            policy: {
              returnWindowDays: 30,
              afterWindow: 'refuse',
              receiptlessCap: 0,
              receiptlessNeedsApproval: true,
              cashRefundApprovalOver: 0,
              approverRole: 'manager',
              selfApprovingRoles: [],
            },
          }),
        );
        codedOrClean(() =>
          cashSummary(
            n(a),
            [{ kind: 'sale', method: 'cash', status: 'approved', amount: n(b) }],
            [{ kind: 'paid_out', amount: n(c) }],
          ),
        );
        codedOrClean(() => countedTotal('USD', [{ denomination: n(a), count: n(b) }]));
        codedOrClean(() =>
          zReport(
            {
              currency: 'USD',
              openingFloat: 0,
              returns: [],
              cashMovements: [],
              sales: [
                {
                  orderId: 'o',
                  voided: false,
                  subtotal: n(a),
                  discountTotal: 0,
                  taxTotal: 0,
                  total: n(a),
                  taxLines: [],
                },
              ],
              payments: [{ kind: 'sale', method: 'card', status: 'approved', amount: n(b) }],
            },
            [{ denomination: 100, count: n(c) }],
          ),
        );
      }),
      { numRuns: 300 },
    );
  });
});
