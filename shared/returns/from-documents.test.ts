import { describe, expect, it } from 'vitest';
import { deriveOrderTotals, totalsMismatch } from '../pricing';
import { FIXTURE_IDS, fixtures } from '../../test/support/fixtures/documents';
import { priorReturnsFor, quoteRefund, soldLinesFromOrder } from './index';

describe('returns over stored documents', () => {
  const order = fixtures.orders;

  it('re-derives a stored order’s totals from its lines and spots a drifted snapshot', () => {
    expect(deriveOrderTotals(order)).toEqual({ subtotal: 1998, discountTotal: 0, taxTotal: 177, total: 2175 });
    expect(totalsMismatch(order)).toEqual([]);
    expect(
      totalsMismatch({ ...order, totals: { subtotal: 1998, discountTotal: 0, taxTotal: 177, total: 2174 } }),
    ).toEqual(['total']);
  });

  it('quotes the second mug after the first was returned at another store', () => {
    const sold = soldLinesFromOrder(order);
    expect(sold[0]).toMatchObject({ quantity: 2, net: 1998, tax: 177 });
    const prior = priorReturnsFor(order.id, [
      fixtures.returns,
      { ...fixtures.returns, id: FIXTURE_IDS.order, status: 'voided' },
    ]);
    expect(prior).toEqual([{ returnId: fixtures.returns.id, lines: [{ lineId: FIXTURE_IDS.orderLine, quantity: 1 }] }]);
    const quote = quoteRefund(sold, prior, [{ lineId: FIXTURE_IDS.orderLine, quantity: 1 }]);
    // the first return refunded 999 + 40 + 49; the second gets the rest of the line exactly
    expect([quote.net, quote.tax, quote.total]).toEqual([999, 177 - 89, 999 + 88]);
  });
});
