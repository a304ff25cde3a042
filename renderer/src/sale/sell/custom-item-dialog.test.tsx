// The custom item dialog by keyboard: focus in the description, Enter moves to the price, a price
// over the maximum is refused in place, Enter adds the item (a supervisor approves their own),
// Esc cancels. A clerk gets the manager approval instead of a line.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mug, testContext } from '../../../../test/support/register-data';
import { installGlobalKeys } from '../../keys/global-keys';
import { resetLayers } from '../../keys/key-layers';
import { useSession } from '../../session/session-store';
import { emptyCart, useCart } from '../cart-store';
import type { RequiredApproval } from '../../../../shared/pricing';
import { SellDialogs, type SellDialog } from './SellDialogs';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const misc = { ...mug, id: '01937a00-0000-7000-8000-00000000aa01', sku: 'MISC', name: 'Misc.', openPriceMax: 5000 };

async function setValue(input: HTMLInputElement, value: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('custom item dialog', () => {
  let container: HTMLDivElement;
  let root: Root;
  let uninstall: () => void;
  let dialog: SellDialog | undefined;
  let asked: string[];

  function render(): void {
    root.render(
      <SellDialogs
        dialog={dialog}
        setDialog={(d) => {
          dialog = d;
          render();
        }}
        context={testContext()}
        selected={undefined}
        approval={
          {
            run: (required: RequiredApproval[]) =>
              void asked.push(...required.map((r) => `${r.kind}:${r.minimumRole}`)),
          } as never
        }
        setFlash={() => undefined}
        onPickWeighed={() => Promise.resolve()}
      />,
    );
  }
  async function open(): Promise<HTMLInputElement> {
    dialog = { kind: 'custom', product: misc };
    await act(async () => render());
    const input = container.querySelector<HTMLInputElement>(
      '[data-testid="custom-item-dialog"] input[name="description"]',
    )!;
    expect(document.activeElement).toBe(input);
    return input;
  }
  async function key(target: Element, k: string): Promise<void> {
    await act(async () => {
      target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
    });
  }
  async function submit(): Promise<void> {
    await act(async () => {
      container.querySelector('form')!.requestSubmit();
      await new Promise((r) => setTimeout(r, 10));
    });
  }

  beforeEach(() => {
    resetLayers();
    localStorage.clear();
    asked = [];
    useCart.setState({ cart: emptyCart('USD', false), suspended: [] });
    useSession.setState({
      clerk: { staffId: '01937a00-0000-7000-8000-0000000000f1', name: 'Sam', role: 'supervisor' },
    });
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
    uninstall = installGlobalKeys(window, { onHelp: () => undefined });
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    uninstall();
  });

  it('description, Enter, price: refuses over the maximum in place, then adds the line', async () => {
    const description = await open();
    await setValue(description, 'Gift basket');
    await key(description, 'Enter');
    const price = container.querySelector<HTMLInputElement>('input[name="price"]')!;
    expect(document.activeElement).toBe(price);
    await setValue(price, '50.01');
    await submit();
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/over the most/);
    expect(useCart.getState().cart.lines).toEqual([]);
    await setValue(price, '25.00');
    await submit();
    expect(dialog).toBeUndefined();
    expect(useCart.getState().cart.lines[0]).toMatchObject({
      note: 'Gift basket',
      priceOverride: 2500,
      openPrice: true,
    });
    expect(useCart.getState().cart.approvals[0]).toMatchObject({ kind: 'price_override', approverRole: 'supervisor' });
  });

  it('Esc cancels; a clerk is sent to the manager approval', async () => {
    await key(await open(), 'Escape');
    expect(dialog).toBeUndefined();
    useSession.setState({ clerk: { staffId: '01937a00-0000-7000-8000-0000000000f2', name: 'Ana', role: 'clerk' } });
    const description = await open();
    await setValue(description, 'Gift basket');
    await setValue(container.querySelector<HTMLInputElement>('input[name="price"]')!, '10');
    await submit();
    expect(asked).toEqual(['price_override:supervisor']);
    expect(useCart.getState().cart.lines).toEqual([]);
  });
});
