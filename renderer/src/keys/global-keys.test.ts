// A scanner types digits and Enter anywhere: the code reaches the screen's scan handler; typing
// in a text field and shortcuts behave as a clerk expects.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installGlobalKeys } from './global-keys';
import { pushLayer, resetLayers } from './key-layers';
import { ScanBuffer, SCAN_RESET_GAP_MS } from './scan-buffer';
import { Action } from './shortcuts';

function type(target: EventTarget, keys: string[]): KeyboardEvent[] {
  return keys.map((key) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    target.dispatchEvent(event);
    return event;
  });
}

describe('scan buffer', () => {
  it('returns the code on Enter and forgets digits after a long pause', () => {
    const buffer = new ScanBuffer();
    for (const d of '1234') buffer.push(d, 0);
    expect(buffer.push('Enter', 10)).toEqual({ kind: 'scan', code: '1234' });
    buffer.push('9', 20);
    for (const d of '4006381333931') buffer.push(d, 20 + SCAN_RESET_GAP_MS + 1);
    expect(buffer.push('Enter', 30 + SCAN_RESET_GAP_MS)).toEqual({ kind: 'scan', code: '4006381333931' });
  });

  it('ignores Enter after too few digits and Escape clears', () => {
    const buffer = new ScanBuffer();
    buffer.push('1', 0);
    expect(buffer.push('Enter', 1).kind).toBe('ignored');
    for (const d of '12345') buffer.push(d, 2);
    buffer.push('Escape', 3);
    expect(buffer.push('Enter', 4).kind).toBe('ignored');
  });
});

describe('global key handler', () => {
  let uninstall: () => void;
  const onScan = vi.fn<(code: string) => void>();
  const onAction = vi.fn<(action: string) => boolean>(() => true);
  const onHelp = vi.fn();

  beforeEach(() => {
    resetLayers();
    onScan.mockClear();
    onAction.mockClear();
    onHelp.mockClear();
    document.body.innerHTML = '<button id="b">Pay</button><input id="i" />';
    pushLayer({ modal: false, onScan, onAction });
    uninstall = installGlobalKeys(window, { onHelp });
  });
  afterEach(() => uninstall());

  it('adds the item when digits and Enter are typed with the focus on a button', () => {
    const button = document.getElementById('b')!;
    button.focus();
    const events = type(button, [...'4006381333931', 'Enter']);
    expect(onScan).toHaveBeenCalledWith('4006381333931');
    expect(events.every((e) => e.defaultPrevented)).toBe(true); // Enter did not press "Pay"
  });

  it('leaves typing in a text field alone', () => {
    const input = document.getElementById('i')!;
    type(input, [...'12345', 'Enter']);
    expect(onScan).not.toHaveBeenCalled();
  });

  it('Alt+N asks for a line note; a plain n does not', () => {
    const alt = new KeyboardEvent('keydown', { key: 'n', altKey: true, bubbles: true, cancelable: true });
    document.body.dispatchEvent(alt);
    expect(onAction).toHaveBeenLastCalledWith(Action.LINE_NOTE);
    expect(alt.defaultPrevented).toBe(true);
    onAction.mockClear();
    type(document.body, ['n']);
    expect(onAction).not.toHaveBeenCalled();
  });

  it('routes function keys to the top layer, and a modal layer shields the screen', () => {
    type(document.body, ['F12']);
    expect(onAction).toHaveBeenLastCalledWith(Action.PAY);
    const modalAction = vi.fn(() => false);
    pushLayer({ modal: true, onAction: modalAction });
    onAction.mockClear();
    type(document.body, ['F12', ...'12345678', 'Enter']);
    expect(modalAction).toHaveBeenCalledWith(Action.PAY);
    expect(onAction).not.toHaveBeenCalled();
    expect(onScan).not.toHaveBeenCalled();
  });

  it('opens help on F1 when no screen claims it', () => {
    onAction.mockImplementation(() => false);
    type(document.body, ['F1']);
    expect(onHelp).toHaveBeenCalledOnce();
  });
});
