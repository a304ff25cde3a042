// The open sale: scanning, quantities, weights, discounts, voids, suspend/resume and the
// persistence that lets a sale survive a reload.
import { beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '../../../shared/errors';
import type { ProductView } from '../model/backend';
import { computeSaleTotals } from '../model/totals';
import { TaxMode, TaxRounding, type TaxJurisdiction } from '../../../shared/tax';
import { RoundingMode } from '../../../shared/money';
import { emptyCart, useCart } from './cart-store';
import { CartError } from './cart-errors';

const soap: ProductView = {
  id: 'p1',
  sku: 'SOAP',
  name: 'Soap',
  barcodes: ['4006381333931'],
  price: 250,
  soldByWeight: false,
  taxCategory: 'standard',
  category: 'home',
  department: 'HOME',
};
const apples: ProductView = {
  id: 'p2',
  sku: 'APPLE',
  name: 'Apples',
  barcodes: [],
  price: 399,
  soldByWeight: true,
  taxCategory: 'food',
  category: 'produce',
  department: 'FRESH',
};
const usNy: TaxJurisdiction = {
  code: 'NY',
  mode: TaxMode.EXCLUSIVE,
  rounding: TaxRounding.LINE,
  roundingMode: RoundingMode.HALF_UP,
  rates: [{ code: 'NY', name: 'NY sales tax', percent: '8.875', categories: ['standard'] }],
};
const ctx = { jurisdiction: usNy, promotions: [] };

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(isDomainError(error, code)).toBe(true);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('cart store', () => {
  beforeEach(() => {
    localStorage.clear();
    useCart.setState({ cart: emptyCart('USD', false), suspended: [] });
  });

  it('adds a scanned item, and a second scan of the same item raises its quantity', () => {
    useCart.getState().addProduct(soap);
    useCart.getState().addProduct(soap);
    const { cart } = useCart.getState();
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]!.quantity).toBe(2);
    expect(cart.selectedLineId).toBe(cart.lines[0]!.lineId);
  });

  it('keeps weighed items on separate lines and prices them by weight', () => {
    useCart.getState().addProduct(apples, { weightGrams: 1250 });
    useCart.getState().addProduct(apples, { weightGrams: 500 });
    const totals = computeSaleTotals(useCart.getState().cart, ctx);
    expect(totals.lines.map((l) => l.extended)).toEqual([499, 200]); // 3.99 × 1.25 = 4.9875 → 4.99
    expect(totals.taxTotal.amount).toBe(0); // food is not taxed in this jurisdiction
  });

  it('refuses a bad quantity or weight with a coded error and leaves the sale unchanged', () => {
    const line = useCart.getState().addProduct(soap);
    expectCode(() => useCart.getState().setQuantity(line.lineId, 0), CartError.INVALID_QUANTITY);
    expectCode(() => useCart.getState().setQuantity(line.lineId, 1.5), CartError.INVALID_QUANTITY);
    expectCode(() => useCart.getState().setWeight(line.lineId, 100), CartError.NOT_WEIGHED);
    expectCode(() => useCart.getState().addProduct(apples, { weightGrams: -3 }), CartError.INVALID_WEIGHT);
    expect(useCart.getState().cart.lines).toHaveLength(1);
    expect(useCart.getState().cart.lines[0]!.quantity).toBe(1);
  });

  it('applies line and order discounts and allocates the order discount over lines', () => {
    const a = useCart.getState().addProduct(soap, { quantity: 2 }); // 5.00
    useCart.getState().addProduct({ ...soap, id: 'p3', sku: 'X', price: 1000 }); // 10.00
    useCart.getState().setLineDiscount(a.lineId, { kind: 'percent', percent: '10', reason: 'damaged' });
    useCart.getState().setOrderDiscount({ kind: 'amount', amount: 100, reason: 'loyal' });
    const totals = computeSaleTotals(useCart.getState().cart, ctx);
    expect(totals.subtotal.amount).toBe(1500);
    expect(totals.lines[0]!.lineDiscount).toBe(50);
    expect(totals.lines[0]!.orderDiscount + totals.lines[1]!.orderDiscount).toBe(100);
    expect(totals.discountTotal.amount).toBe(150);
    expect(totals.grandTotal.amount).toBe(totals.lines.reduce((n, l) => n + l.total, 0));
    expectCode(
      () => useCart.getState().setOrderDiscount({ kind: 'percent', percent: '120', reason: '' }),
      CartError.INVALID_DISCOUNT,
    );
  });

  it('records the manager approval with the change it allowed', () => {
    const line = useCart.getState().addProduct(soap);
    useCart.getState().overridePrice(line.lineId, 100, [
      {
        kind: 'price_override',
        subject: line.lineId,
        approverId: 'm1',
        approverName: 'Mia',
        approverRole: 'manager',
        at: '2026-01-01T00:00:00Z',
        detail: '2.50 → 1.00',
      },
    ]);
    const { cart } = useCart.getState();
    expect(cart.lines[0]!.priceOverride).toBe(100);
    expect(cart.approvals).toEqual([
      expect.objectContaining({ kind: 'price_override', approverId: 'm1', subject: line.lineId }),
    ]);
    expect(computeSaleTotals(cart, ctx).subtotal.amount).toBe(100);
  });

  it('voids a line and moves the selection to a neighbour', () => {
    const a = useCart.getState().addProduct(soap);
    const b = useCart.getState().addProduct(apples, { weightGrams: 100 });
    useCart.getState().voidLine(b.lineId);
    expect(useCart.getState().cart.lines.map((l) => l.lineId)).toEqual([a.lineId]);
    expect(useCart.getState().cart.selectedLineId).toBe(a.lineId);
  });

  it('suspends and resumes a sale, refusing to resume over a sale in progress', () => {
    useCart.getState().addProduct(soap);
    const suspended = useCart.getState().suspend();
    expect(useCart.getState().cart.lines).toHaveLength(0);
    useCart.getState().addProduct(apples, { weightGrams: 10 });
    expectCode(() => useCart.getState().resume(suspended.saleId), CartError.SALE_IN_PROGRESS);
    useCart.getState().reset();
    useCart.getState().resume(suspended.saleId);
    expect(useCart.getState().cart.saleId).toBe(suspended.saleId);
    expect(useCart.getState().suspended).toHaveLength(0);
    expectCode(() => useCart.getState().reset() ?? useCart.getState().suspend(), CartError.EMPTY_SALE);
  });

  it('saves the open sale to local storage on every change so a reload restores it', async () => {
    useCart.getState().addProduct(soap, { quantity: 3 });
    const saved = JSON.parse(localStorage.getItem('pos.cart') ?? '{}') as {
      state: { cart: { lines: { quantity: number }[] } };
    };
    expect(saved.state.cart.lines[0]!.quantity).toBe(3);
    useCart.setState({ cart: emptyCart('USD', false) }, false);
    localStorage.setItem('pos.cart', JSON.stringify(saved));
    await useCart.persist.rehydrate();
    expect(useCart.getState().cart.lines[0]!.quantity).toBe(3);
  });

  it('never mixes training and real lines: switching mode suspends the open sale', () => {
    useCart.getState().addProduct(soap);
    useCart.getState().configure('USD', true);
    expect(useCart.getState().cart).toMatchObject({ training: true, lines: [] });
    expect(useCart.getState().suspended[0]!.training).toBe(false);
  });
});
