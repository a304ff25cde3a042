// The customer dialog by keyboard: focus starts in the search field; "New customer" moves it to the
// Name field (it used to stay on the button, so typed text went elsewhere and the customer was saved
// under the phone number); "Back" returns it to the search field.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../model/backend';
import { BackendContext } from '../../model/backend-context';
import { resetLayers } from '../../keys/key-layers';
import { CustomerDialog } from './CustomerDialog';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const backend = { searchCustomers: () => Promise.resolve([]) } as unknown as Backend;

function button(container: HTMLElement, label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((b) => b.textContent?.trim().startsWith(label));
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

describe('customer dialog focus', () => {
  let container: HTMLDivElement;
  let root: Root;

  beforeEach(async () => {
    resetLayers();
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
    await act(async () => {
      root.render(
        <BackendContext.Provider value={backend}>
          <CustomerDialog currency="USD" onPick={() => undefined} onClose={() => undefined} />
        </BackendContext.Provider>,
      );
    });
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('moves the focus to Name on "New customer" and back to the search on "Back"', async () => {
    const search = container.querySelector<HTMLInputElement>('input[placeholder^="Phone"]')!;
    expect(document.activeElement).toBe(search);

    await act(async () => button(container, 'New customer').click());
    const name = container.querySelector<HTMLInputElement>('form input')!;
    expect(name.closest('label')?.textContent).toContain('Name');
    expect(document.activeElement).toBe(name);

    await act(async () => button(container, 'Back').click());
    expect(document.activeElement).toBe(container.querySelector('input[placeholder^="Phone"]'));
  });
});
