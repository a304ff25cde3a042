// How much of a web authorisation the capture job takes once an order's parts are all closed.
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../test/support/fixtures/documents';
import type { FulfillmentOrder } from '../../shared/schemas/fulfillment-orders';
import { captureAmount, wholeCapture } from './job-handlers';

const base = fixtures.fulfillment_orders as FulfillmentOrder;
const at = '2026-12-03T10:00:00.000Z';
function part(status: FulfillmentOrder['status'], capture?: number): FulfillmentOrder {
  return {
    ...base,
    status,
    ...(status === 'picked_up'
      ? {
          handover: {
            method: 'pickup_code',
            at,
            by: { kind: 'device', deviceId: 'dev-1' },
            collectedBy: 'Ada',
            ...(capture === undefined
              ? {}
              : { payment: { currency: 'USD', value: capture, balanceCollected: 0, capture, paymentIds: [] } }),
          },
        }
      : {}),
  };
}

describe('captureAmount', () => {
  it('adds up what each hand-over recorded, across stores', () => {
    expect(captureAmount([part('picked_up', 1200), part('picked_up', 800)], 5000)).toBe(2000);
  });
  it('leaves out parts that were cancelled or moved away', () => {
    expect(captureAmount([part('picked_up', 1200), part('cancelled'), part('rerouted')], 5000)).toBe(1200);
  });
  it('never takes more than was authorised', () => {
    expect(captureAmount([part('picked_up', 4000), part('picked_up', 3000)], 5000)).toBe(5000);
  });
  it('is zero when the counter collected everything (the job then voids)', () => {
    expect(captureAmount([part('picked_up', 0)], 5000)).toBe(0);
  });
  it('takes the whole authorisation for a shipment or a hand-over that recorded no money', () => {
    expect(captureAmount([part('picked_up', 1200), part('shipped')], 5000)).toBeUndefined();
    expect(captureAmount([part('picked_up')], 5000)).toBeUndefined();
  });
});

describe('wholeCapture', () => {
  const totals = (total: number) => ({ totals: { subtotal: total, discountTotal: 0, taxTotal: 0, total } });
  it('takes the order total when HQ cancelled lines after the authorisation', () => {
    expect(wholeCapture(totals(3000) as never, 5000)).toBe(3000);
  });
  it('never takes more than was authorised', () => {
    expect(wholeCapture(totals(7000) as never, 5000)).toBe(5000);
  });
  it('takes the authorisation when the order has no totals', () => {
    expect(wholeCapture(undefined, 5000)).toBe(5000);
    expect(wholeCapture({}, 5000)).toBe(5000);
  });
});
