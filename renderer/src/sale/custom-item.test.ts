// Custom (open-price) items in the cart and in the documents a completed sale and its return
// write: the typed price and description on the line, an approval on every custom line, and no
// stock movement either way.
import { beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '../../../shared/errors';
import { formatOrderNumber } from '../../../shared/ids/order-number';
import { buildSaleDocuments } from '../../../shared/orders/sale-documents';
import { OPEN_PRICE_REASON, OpenPriceError } from '../../../shared/orders/open-price';
import { buildReturnDocuments } from '../../../shared/returns/return-documents';
import { parseDocument } from '../../../shared/schemas/validate';
import { DEVICE_ID, STORE_ID, cashSale, mug, testContext } from '../../../test/support/register-data';
import { FIXTURE_IDS } from '../../../test/support/fixtures/documents';
import type { Approval } from '../model/cart-types';
import type { ProductView } from '../model/backend';
import { computeSaleTotals } from '../model/totals';
import { CartError } from './cart-errors';
import { emptyCart, useCart } from './cart-store';

const misc: ProductView = {
  ...mug,
  id: '01937a00-0000-7000-8000-00000000aa01',
  sku: 'MISC-HW',
  name: 'Misc. housewares',
  barcodes: [],
  price: 0,
  openPriceMax: 50_000,
};
const LINE = '01937a00-0000-7000-8000-00000000bb01';
const approval = (role: Approval['approverRole'], subject = LINE): Approval => ({
  kind: 'price_override',
  subject,
  approverId: FIXTURE_IDS.clerk,
  approverName: 'Sam Super',
  approverRole: role,
  at: '2026-12-03T10:00:00.000Z',
  detail: 'Custom item: gift basket at $25.00.',
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    return isDomainError(e) ? e.code : 'not a domain error';
  }
  return undefined;
}

describe('custom items', () => {
  beforeEach(() => {
    useCart.setState({ cart: emptyCart('USD', false), suspended: [] });
  });

  it('adds a line of its own with the typed price and description, and the approval', () => {
    const line = useCart
      .getState()
      .addCustomItem(misc, { description: '  gift basket ', price: 2500 }, LINE, approval('supervisor'));
    const { cart } = useCart.getState();
    expect(line).toMatchObject({ lineId: LINE, priceOverride: 2500, note: 'gift basket', openPrice: true });
    expect(cart.selectedLineId).toBe(LINE);
    expect(cart.approvals.map((a) => [a.kind, a.subject])).toEqual([['price_override', LINE]]);
    const totals = computeSaleTotals(cart, testContext());
    expect(totals.lines[0]!.unitPrice).toBe(2500);
    expect(totals.lines[0]!.tax).toBeGreaterThan(0);
  });

  it('refuses a fixed-price product, a clerk approval, a price over the maximum, an empty or card-number description', () => {
    const add = useCart.getState().addCustomItem;
    expect(codeOf(() => add(mug, { description: 'x', price: 100 }, LINE, approval('supervisor')))).toBe(
      CartError.NOT_OPEN_PRICE,
    );
    expect(codeOf(() => add(misc, { description: 'x', price: 100 }, LINE, approval('clerk')))).toBe(
      CartError.CUSTOM_ITEM_NOT_APPROVED,
    );
    expect(codeOf(() => add(misc, { description: 'x', price: 100 }, LINE, approval('manager', 'other')))).toBe(
      CartError.CUSTOM_ITEM_NOT_APPROVED,
    );
    expect(codeOf(() => add(misc, { description: 'x', price: 50_001 }, LINE, approval('manager')))).toBe(
      OpenPriceError.OVER_MAXIMUM,
    );
    expect(codeOf(() => add(misc, { description: 'x', price: 0 }, LINE, approval('manager')))).toBe(
      OpenPriceError.INVALID_PRICE,
    );
    expect(codeOf(() => add(misc, { description: '   ', price: 100 }, LINE, approval('manager')))).toBe(
      OpenPriceError.DESCRIPTION_REQUIRED,
    );
    expect(
      codeOf(() => add(misc, { description: 'card 4111 1111 1111 1111', price: 100 }, LINE, approval('manager'))),
    ).toBe(OpenPriceError.DESCRIPTION_HAS_CARD_NUMBER);
    expect(useCart.getState().cart.lines).toEqual([]);
  });

  it('keeps its price and its description', () => {
    useCart.getState().addCustomItem(misc, { description: 'gift basket', price: 2500 }, LINE, approval('manager'));
    expect(codeOf(() => useCart.getState().overridePrice(LINE, 100))).toBe(CartError.OPEN_PRICE_FIXED);
    expect(codeOf(() => useCart.getState().setNote(LINE, ' '))).toBe(CartError.INVALID_NOTE);
    useCart.getState().setNote(LINE, 'gift basket, large');
    expect(useCart.getState().cart.lines[0]!.note).toBe('gift basket, large');
  });

  it('is sold and returned without a stock movement, with its approval on the line', () => {
    const sale = cashSale(); // two mugs
    useCart.setState({ cart: sale.cart });
    useCart.getState().addCustomItem(misc, { description: 'gift basket', price: 2500 }, LINE, approval('manager'));
    const cart = useCart.getState().cart;
    const totals = computeSaleTotals(cart, sale.context);
    const docs = buildSaleDocuments({
      ...sale,
      cart,
      totals,
      tenders: [{ ...sale.tenders[0]!, amount: totals.grandTotal.amount }],
      storeId: STORE_ID,
      deviceId: DEVICE_ID,
      orderNumber: formatOrderNumber({ storeCode: 'S012', registerCode: 'R03', sequence: 9 }),
      now: '2026-12-03T10:01:00.000Z',
      newId: () => crypto.randomUUID(),
    });
    parseDocument('orders', docs.order);
    const custom = docs.order.lines.find((l) => l.id === LINE)!;
    expect(custom).toMatchObject({ unitPrice: 2500, note: 'gift basket', sku: 'MISC-HW' });
    expect(custom.priceOverride).toMatchObject({ reason: OPEN_PRICE_REASON, originalUnitPrice: 0 });
    expect(custom.priceOverride?.approval).toMatchObject({ action: 'price_override', approvedBy: FIXTURE_IDS.clerk });
    expect(docs.events.map((e) => e.id)).toContain(custom.priceOverride!.approval!.eventId);
    expect(docs.movements.map((m) => [m.sku, m.quantity])).toEqual([[mug.sku, -2]]);

    const ret = buildReturnDocuments({
      returnId: crypto.randomUUID(),
      order: docs.order,
      priorReturns: [],
      lines: docs.order.lines.map((l) => ({
        lineId: l.id,
        quantity: l.quantity,
        reason: 'changed_mind',
        condition: 'sellable',
        disposition: 'back_to_stock',
      })),
      refunds: [],
      approvals: [],
      storeId: STORE_ID,
      registerId: 'R03',
      deviceId: DEVICE_ID,
      shiftId: undefined,
      staffId: FIXTURE_IDS.clerk,
      now: '2026-12-03T10:05:00.000Z',
      newId: () => crypto.randomUUID(),
    });
    const returned = ret.ret.lines.find((l) => l.originalLineId === LINE)!;
    expect(returned.restock).toBe(false);
    expect(returned.refundAmount).toBe(2500);
    expect(ret.movements.map((m) => [m.sku, m.quantity])).toEqual([[mug.sku, 2]]);
  });
});
