// The line note dialog by keyboard: focus lands on the note field with the current note, Enter
// (the form's submit) saves, Esc cancels without a change, a too-long note is refused in place.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LINE_NOTE_MAX } from '../../../../shared/schemas/order-lines';
import { mug, testContext } from '../../../../test/support/register-data';
import { installGlobalKeys } from '../../keys/global-keys';
import { resetLayers } from '../../keys/key-layers';
import { emptyCart, useCart } from '../cart-store';
import { SellDialogs, type SellDialog } from './SellDialogs';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

async function setValue(input: HTMLInputElement, value: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('line note dialog', () => {
  let container: HTMLDivElement;
  let root: Root;
  let uninstall: () => void;
  let dialog: SellDialog | undefined;

  function render(): void {
    const { cart } = useCart.getState();
    root.render(
      <SellDialogs
        dialog={dialog}
        setDialog={(d) => {
          dialog = d;
          render();
        }}
        context={testContext()}
        selected={cart.lines.find((l) => l.lineId === cart.selectedLineId)}
        approval={{} as never}
        setFlash={() => undefined}
        onPickWeighed={() => Promise.resolve()}
      />,
    );
  }
  async function open(): Promise<HTMLInputElement> {
    dialog = { kind: 'note' };
    await act(async () => render());
    const input = container.querySelector<HTMLInputElement>('[data-testid="note-dialog"] input')!;
    expect(document.activeElement).toBe(input);
    return input;
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
    useCart.setState({ cart: emptyCart('USD', false), suspended: [] });
    useCart.getState().addProduct(mug);
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

  it('focuses the note field, saves on Enter, and opens again with the saved note', async () => {
    const input = await open();
    expect(input.value).toBe('');
    await setValue(input, 'Gift wrap');
    await submit();
    expect(dialog).toBeUndefined();
    expect(useCart.getState().cart.lines[0]!.note).toBe('Gift wrap');
    expect((await open()).value).toBe('Gift wrap');
  });

  it('Esc closes without a change', async () => {
    const input = await open();
    await setValue(input, 'Changed my mind');
    await act(async () => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });
    expect(dialog).toBeUndefined();
    expect(useCart.getState().cart.lines[0]).not.toHaveProperty('note');
  });

  it('refuses a note over the limit in place, keeping the dialog open', async () => {
    const input = await open();
    await setValue(input, 'x'.repeat(LINE_NOTE_MAX + 1));
    await submit();
    expect(dialog).toEqual({ kind: 'note' });
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/at most 140 characters/);
    expect(useCart.getState().cart.lines[0]).not.toHaveProperty('note');
  });
});
