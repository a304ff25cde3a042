// PIN digits typed after clicking a name (focus on the name button, not the field) go into the PIN
// field: never into the scan buffer, never shown as "Scanning 9999".
// @vitest-environment happy-dom
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installGlobalKeys } from '../keys/global-keys';
import { pushLayer, resetLayers } from '../keys/key-layers';
import { PinPad } from './PinPad';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function SignInLike({ onSubmit }: { onSubmit: (pin: string) => void }) {
  const [pin, setPin] = useState('');
  return (
    <div>
      <button type="button" data-testid="name">
        Morgan Manager
      </button>
      <PinPad pin={pin} onChange={setPin} onSubmit={() => onSubmit(pin)} testId="pin" />
    </div>
  );
}

async function press(target: Element, keys: string): Promise<void> {
  for (const key of keys.split(/(?=Enter)|(?<=\d)(?=\d)/)) {
    await act(async () => {
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    });
  }
}

describe('PIN entry with the keyboard', () => {
  let container: HTMLDivElement;
  let root: Root;
  let uninstall: () => void;
  const pending = vi.fn<(digits: string) => void>();
  const scans = vi.fn<(code: string) => void>();
  const submitted = vi.fn<(pin: string) => void>();

  beforeEach(async () => {
    resetLayers();
    pending.mockClear();
    scans.mockClear();
    submitted.mockClear();
    pushLayer({ modal: false, onScan: scans });
    uninstall = installGlobalKeys(window, { onHelp: () => undefined, onPendingDigits: pending });
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
    await act(async () => root.render(<SignInLike onSubmit={submitted} />));
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    uninstall();
  });

  it('sends digits typed on a name button to the PIN field, not the scan buffer', async () => {
    const name = container.querySelector<HTMLButtonElement>('[data-testid="name"]')!;
    name.focus();
    await press(name, '9999');
    const pin = container.querySelector<HTMLInputElement>('[data-testid="pin"]')!;
    expect(pin.value).toBe('9999');
    expect(pin.type).toBe('password');
    expect(pending.mock.calls.filter(([d]) => d !== '')).toEqual([]);
    await press(name, 'Enter');
    expect(submitted).toHaveBeenCalledWith('9999');
    expect(scans).not.toHaveBeenCalled();
  });

  it('gives the scan buffer its digits back once the PIN pad is gone', async () => {
    act(() => root.unmount());
    await press(document.body, '40063813339');
    await press(document.body, 'Enter');
    expect(scans).toHaveBeenCalledWith('40063813339');
    root = createRoot(container);
  });
});
