// Balance due at the pickup counter: unpaid, under-authorised, fully paid and partial pickups,
// offline tenders, refunds, and bad input refused with a code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/support/error-code';
import { fixtures } from '../../test/support/fixtures/documents';
import type { Order } from '../schemas/orders';
import { assertBalancePaid, settlePickup, SettlementError, type SettlementPayment } from './pickup-settlement';

const order = fixtures.orders as Order; // one line: 2 × 9.99 + 1.77 NY tax = 21.75 USD
const lineId = order.lines[0]!.id;
const all = [{ orderLineId: lineId, quantity: 2 }];
const webAuth = (amount: number): SettlementPayment => ({
  id: 'p-web',
  kind: 'sale',
  method: 'card',
  status: 'approved',
  amount,
  currency: 'USD',
  gateway: { name: 'simulator', reference: 'auth_1' },
  card: { entryMode: 'ecommerce' },
});
const counter = (amount: number, status: SettlementPayment['status'] = 'approved'): SettlementPayment => ({
  id: `p-${amount}-${status}`,
  kind: 'sale',
  method: 'cash',
  status,
  amount,
  currency: 'USD',
});

describe('pickup settlement', () => {
  it('an unpaid web order: the whole value is due at the counter, nothing to capture', () => {
    expect(settlePickup(order, all, [])).toEqual({
      currency: 'USD',
      value: 2175,
      covered: 0,
      authorised: 0,
      balanceDue: 2175,
      capture: 0,
    });
  });

  it('an authorisation short of the total: the rest is due, the authorisation is captured', () => {
    expect(settlePickup(order, all, [webAuth(1500)])).toMatchObject({ balanceDue: 675, capture: 1500 });
    // Once the counter has taken the balance (even stored offline), nothing more is due.
    expect(settlePickup(order, all, [webAuth(1500), counter(675, 'pending_offline')])).toMatchObject({
      balanceDue: 0,
      capture: 1500,
    });
  });

  it('a fully authorised order picked up in part: no balance, only the taken share is captured', () => {
    const half = settlePickup(order, [{ orderLineId: lineId, quantity: 1 }], [webAuth(2175)]);
    expect(half.value + settlePickup(order, all, []).value - half.value).toBe(2175);
    expect(half).toMatchObject({ balanceDue: 0, capture: half.value });
    expect([1087, 1088]).toContain(half.value);
  });

  it('a card taken at a register covers the balance but is not an authorisation to capture', () => {
    const chip: SettlementPayment = { ...webAuth(2175), card: { entryMode: 'chip' } };
    expect(settlePickup(order, all, [chip])).toMatchObject({ balanceDue: 0, authorised: 0, capture: 0 });
  });

  it('declined and voided payments hold nothing; a refund gives cover back', () => {
    const declined = { ...counter(2175), status: 'declined' as const };
    const voided = { ...webAuth(2175), status: 'voided' as const };
    const refund: SettlementPayment = { ...counter(500), id: 'p-refund', kind: 'refund' };
    expect(settlePickup(order, all, [declined, voided]).balanceDue).toBe(2175);
    expect(settlePickup(order, all, [counter(2175), refund]).balanceDue).toBe(500);
  });

  it('refuses unknown lines, impossible quantities and a payment in another currency', () => {
    expect(codeOf(() => settlePickup(order, [{ orderLineId: 'nope', quantity: 1 }], []))).toBe(
      SettlementError.UNKNOWN_LINE,
    );
    for (const quantity of [3, -1, 1.5, Number.NaN])
      expect(codeOf(() => settlePickup(order, [{ orderLineId: lineId, quantity }], []))).toBe(
        SettlementError.INVALID_QUANTITY,
      );
    expect(codeOf(() => settlePickup(order, all, [{ ...counter(100), currency: 'EUR' }]))).toBe(
      SettlementError.CURRENCY_MISMATCH,
    );
  });

  it('refuses the hand-over until the tenders pay the balance, saying what is still owed', () => {
    const s = settlePickup(order, all, [webAuth(1500)]);
    expect(codeOf(() => assertBalancePaid(s, 600))).toBe(SettlementError.BALANCE_UNPAID);
    expect(() => assertBalancePaid(s, 600)).toThrow('$0.75');
    expect(() => assertBalancePaid(s, 675)).not.toThrow();
  });

  it('property: balance due plus what the payments cover is the value, and capture never exceeds either', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        (units, auth, cash) => {
          const payments = [...(auth ? [webAuth(auth)] : []), ...(cash ? [counter(cash)] : [])];
          const s = settlePickup(order, [{ orderLineId: lineId, quantity: units }], payments);
          expect(s.balanceDue + Math.min(s.covered, s.value)).toBe(s.value);
          expect(s.capture).toBeLessThanOrEqual(Math.min(s.value, auth));
          expect(s.balanceDue).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
