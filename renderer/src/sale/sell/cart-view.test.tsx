// The cart on a scan: appending a line renders the new row only (the lines already shown are not
// rendered again), a changed line or a changed total still updates its row, and a click selects.
// Rows' renders are observed through the line objects: a row reads its line's name when it renders.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cart, CartLine } from '../../model/cart-types';
import type { CartTotals } from '../../model/totals';
import { CartView } from './CartView';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const reads = new Map<string, number>();

/** A line whose `name` counts how often it is read (once per render of its row). */
function line(n: number, extra: Partial<CartLine> = {}): CartLine {
  const plain: CartLine = {
    lineId: `line-${n}`,
    productId: `p-${n}`,
    sku: `SKU-${n}`,
    name: `Product ${n}`,
    barcode: undefined,
    unitPrice: 100 * n,
    quantity: 1,
    weightGrams: undefined,
    embeddedPrice: undefined,
    taxCategory: 'STANDARD',
    category: 'C',
    department: 'D',
    discount: undefined,
    priceOverride: undefined,
    ...extra,
  };
  return new Proxy(plain, {
    get(target, key, receiver) {
      if (key === 'name') reads.set(target.lineId, (reads.get(target.lineId) ?? 0) + 1);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

const cartOf = (lines: CartLine[]): Cart => ({
  saleId: 's-1',
  currency: 'EUR',
  startedAt: '2026-12-03T00:00:00Z',
  training: false,
  lines,
  selectedLineId: lines.at(-1)?.lineId,
  orderDiscount: undefined,
  customer: undefined,
  approvals: [],
});

const totalsOf = (lines: CartLine[], extended = (l: CartLine) => l.unitPrice): CartTotals =>
  ({
    lines: lines.map((l) => ({ key: l.lineId, extended: extended(l), lineDiscount: 0, orderDiscount: 0 })),
  }) as unknown as CartTotals;

describe('cart view', () => {
  let root: Root;
  let host: HTMLDivElement;
  const selected: string[] = [];
  beforeEach(() => {
    reads.clear();
    selected.length = 0;
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });
  const show = (lines: CartLine[], totals?: CartTotals) =>
    act(() =>
      // A new handler on every render, as SellScreen passes one.
      root.render(<CartView cart={cartOf(lines)} totals={totals} onSelect={(id) => selected.push(id)} />),
    );

  it('a scan renders the new row only; the rows already shown are left as they are', () => {
    const lines = Array.from({ length: 10 }, (_, i) => line(i + 1));
    show(lines, totalsOf(lines));
    reads.clear();
    const scanned = [...lines, line(11)];
    show(scanned, totalsOf(lines)); // the line first, its total in the next render
    show(scanned, totalsOf(scanned));
    // The previously selected row re-renders to lose its highlight; the eight before it do not.
    expect([...reads.keys()].sort()).toEqual(['line-10', 'line-11']);
    expect(host.querySelectorAll('[data-testid="cart-line"]')).toHaveLength(11);
    expect(host.querySelector('.cart-line.selected .name')?.textContent).toBe('Product 11');
  });

  it('a changed line or a changed total updates its row; a click selects with the latest handler', () => {
    const lines = [line(1), line(2)];
    show(lines, totalsOf(lines));
    const changed = [line(1, { quantity: 3 }), lines[1]!];
    show(
      changed,
      totalsOf(changed, (l) => (l.lineId === 'line-2' ? 999 : l.unitPrice * l.quantity)),
    );
    const rows = host.querySelectorAll('[data-testid="cart-line"]');
    expect(rows[0]!.textContent).toContain('× 3');
    expect(rows[0]!.textContent).toContain('3.00');
    expect(rows[1]!.textContent).toContain('9.99');
    act(() => (rows[0] as HTMLElement).click());
    expect(selected).toEqual(['line-1']);
  });
});
