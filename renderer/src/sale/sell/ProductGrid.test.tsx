// The product grid with the keyboard alone: one Tab stop for the tabs and one for the keys,
// arrows move (and never move the cart selection underneath), Enter adds the focused key, and a
// scanner burst while a key has focus is a scan, not a key press.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installGlobalKeys } from '../../keys/global-keys';
import { pushLayer, resetLayers } from '../../keys/key-layers';
import type { ProductView, QuickKeyPanel } from '../../model/backend';
import { moveInGrid, ProductGrid } from './ProductGrid';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function view(n: number): ProductView {
  return {
    id: `p${n}`,
    sku: `SKU-${n}`,
    name: `Product ${n}`,
    barcodes: [],
    price: 100 * n,
    soldByWeight: false,
    taxCategory: 'GENERAL',
    category: 'KITCHEN',
    department: 'KITCHEN',
  };
}

function panel(): QuickKeyPanel {
  const products = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((n) => [`p${n}`, view(n)]));
  const key = (n: number) => ({
    productId: `p${n}`,
    label: `Product ${n}`,
    name: `Product ${n}`,
    sku: `SKU-${n}`,
    price: 100 * n,
    soldByWeight: false,
  });
  return {
    tabs: [
      { id: 'favourites', name: 'Favourites', color: undefined, keys: [1, 2, 3, 4, 5].map(key), unavailable: 1 },
      { id: 'category-0', name: 'Kitchen', color: '#1565c0', keys: [6, 7].map(key), unavailable: 0 },
    ],
    products,
  };
}

async function press(target: Element, key: string): Promise<void> {
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

const focused = (): string => (document.activeElement as HTMLElement | null)?.textContent ?? '';

describe('ProductGrid', () => {
  let container: HTMLDivElement;
  let root: Root;
  let uninstall: () => void;
  const added = vi.fn<(p: ProductView) => void>();
  const scans = vi.fn<(code: string) => void>();
  const actions = vi.fn<(action: string) => boolean>(() => true);

  beforeEach(async () => {
    added.mockClear();
    scans.mockClear();
    actions.mockClear();
    resetLayers();
    pushLayer({ modal: false, onScan: scans, onAction: actions });
    uninstall = installGlobalKeys(window, { onHelp: () => undefined });
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    await act(async () => root.render(<ProductGrid panel={panel()} currency="USD" onAdd={added} />));
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    uninstall();
    resetLayers();
  });

  const keys = () => [...container.querySelectorAll<HTMLButtonElement>('[data-testid="grid-key"]')];
  const tabs = () => [...container.querySelectorAll<HTMLButtonElement>('[data-testid="grid-tab"]')];

  it('has one Tab stop for the tabs and one for the keys', () => {
    expect(tabs().map((t) => t.tabIndex)).toEqual([0, -1]);
    expect(keys().map((k) => k.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    expect(container.textContent).toContain('1 key is not available');
  });

  it('moves with the arrows, adds with Enter, and leaves the cart selection alone', async () => {
    keys()[0]!.focus();
    await press(document.activeElement!, 'ArrowRight');
    expect(focused()).toContain('Product 2');
    await press(document.activeElement!, 'ArrowDown');
    expect(focused()).toContain('Product 5');
    expect(keys()[4]!.tabIndex).toBe(0);
    await press(document.activeElement!, 'Enter');
    expect(added).toHaveBeenCalledWith(expect.objectContaining({ id: 'p5', price: 500 }));
    expect(actions).not.toHaveBeenCalled(); // ↓ did not reach the sell screen's line selection
    await press(document.activeElement!, 'ArrowUp');
    await press(document.activeElement!, 'ArrowUp');
    expect(document.activeElement).toBe(tabs()[0]);
  });

  it('switches tabs with Left/Right and goes down into the keys', async () => {
    tabs()[0]!.focus();
    await press(tabs()[0]!, 'ArrowRight');
    expect(document.activeElement).toBe(tabs()[1]);
    expect(keys().map((k) => k.textContent)).toEqual(['Product 6$6.00', 'Product 7$7.00']);
    await press(tabs()[1]!, 'ArrowDown');
    expect(focused()).toContain('Product 6');
    await press(document.activeElement!, 'ArrowLeft');
    await press(document.activeElement!, 'ArrowRight');
    await press(document.activeElement!, ' ');
    expect(added).toHaveBeenCalledWith(expect.objectContaining({ id: 'p7' }));
  });

  it('treats a scanner burst on a focused key as a scan, not a key press', async () => {
    keys()[1]!.focus();
    for (const digit of '0012345678905') await press(document.activeElement!, digit);
    await press(document.activeElement!, 'Enter');
    expect(scans).toHaveBeenCalledWith('0012345678905');
    expect(added).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(keys()[1]);
  });

  it('computes moves at the edges', () => {
    expect(moveInGrid(0, 'ArrowLeft', 5)).toBe(0);
    expect(moveInGrid(4, 'ArrowRight', 5)).toBe(4);
    expect(moveInGrid(2, 'ArrowDown', 5)).toBe(2); // no key below: stay
    expect(moveInGrid(3, 'ArrowUp', 5)).toBe(0);
    expect(moveInGrid(1, 'End', 5)).toBe(4);
    expect(moveInGrid(1, 'a', 5)).toBeUndefined();
    expect(moveInGrid(0, 'ArrowRight', 0)).toBeUndefined();
  });
});
