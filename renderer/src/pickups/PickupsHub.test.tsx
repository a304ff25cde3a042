// Enter in the hub's search opens the single order a search left, on the key press itself: the
// order must not depend on where focus is when the key is released, and a release left over from
// an Enter pressed on another screen must not open an order.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtures } from '../../../test/support/fixtures/documents';
import type { FulfillmentOrder } from '../../../shared/schemas';
import { resetLayers } from '../keys/key-layers';
import { usePickups } from './pickups-store';

const navigate = vi.fn<(to: { to: string; params?: { id: string } }) => Promise<void>>(() => Promise.resolve());
vi.mock('@tanstack/react-router', () => ({ useNavigate: () => navigate }));
const { PickupsHub } = await import('./PickupsHub');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const base = fixtures.fulfillment_orders as FulfillmentOrder;
const order = (n: number, name: string): FulfillmentOrder => ({
  ...base,
  id: `fo-${n}`,
  orderNumber: `WEB-W01-00000${n}`,
  status: 'allocated',
  customer: { ...base.customer, name },
});

function key(target: Element, type: 'keydown' | 'keyup', k: string, repeat = false): KeyboardEvent {
  const event = new KeyboardEvent(type, { key: k, bubbles: true, cancelable: true, repeat });
  act(() => void target.dispatchEvent(event));
  return event;
}

function type(input: HTMLInputElement, text: string): void {
  act(() => {
    // React tracks the value it last rendered; set the DOM value the way typing does.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('pickups hub: Enter in the search', () => {
  let container: HTMLDivElement;
  let root: Root;
  let search: HTMLInputElement;

  beforeEach(async () => {
    resetLayers();
    navigate.mockClear();
    usePickups.setState({ orders: [], loaded: false, notice: [], known: new Set(), tab: 'new', query: '' });
    usePickups.getState().setOrders([order(1, 'Kim Ode'), order(2, 'Lee Park'), order(3, 'Kim Alder')]);
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
    await act(async () => root.render(<PickupsHub />));
    search = container.querySelector<HTMLInputElement>('[data-testid="pickups-search"]')!;
    search.focus();
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  const rows = (): string[] =>
    [...container.querySelectorAll<HTMLElement>('[data-testid="pickup-row"]')].map((r) => r.dataset.order ?? '');

  it('opens the one order a search leaves when Enter goes down, and keeps the key from the next screen', () => {
    type(search, 'lee');
    expect(rows()).toEqual(['WEB-W01-000002']);
    const down = key(search, 'keydown', 'Enter');
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith({ to: '/pickups/$id', params: { id: 'fo-2' } });
    // Handled: the browser does not turn it into a click on the order screen's focused button.
    expect(down.defaultPrevented).toBe(true);
    // The release of that key, wherever it lands, opens nothing more; nor does auto-repeat.
    key(search, 'keyup', 'Enter');
    key(search, 'keydown', 'Enter', true);
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('does not open an order for the release of an Enter pressed on another screen', () => {
    type(search, 'kim ode');
    expect(rows()).toEqual(['WEB-W01-000001']);
    key(search, 'keyup', 'Enter');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('opens the order that matches what is in the field when the key goes down, and nothing when none does', () => {
    type(search, 'kim');
    expect(rows()).toHaveLength(2);
    type(search, 'kim al');
    key(search, 'keydown', 'Enter');
    expect(navigate).toHaveBeenLastCalledWith({ to: '/pickups/$id', params: { id: 'fo-3' } });
    navigate.mockClear();
    type(search, 'nobody');
    expect(container.querySelector('[data-testid="pickups-empty"]')?.textContent).toContain('nobody');
    key(search, 'keydown', 'Enter');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('opens a focused row with Enter on the key press', () => {
    const row = container.querySelector<HTMLElement>('[data-testid="pickup-row"]')!;
    row.focus();
    const down = key(row, 'keydown', 'Enter');
    expect(down.defaultPrevented).toBe(true);
    expect(navigate).toHaveBeenCalledWith({ to: '/pickups/$id', params: { id: 'fo-1' } });
    key(row, 'keyup', 'Enter');
    expect(navigate).toHaveBeenCalledTimes(1);
  });
});
