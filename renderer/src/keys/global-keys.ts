// The one keydown listener of the register. Shortcuts go to the key layers; digits typed while
// no text field has focus go to the PIN pad on screen if there is one (keys/digit-sink.ts),
// otherwise they are a scanner (or a clerk keying a code) and land in the cart on Enter.
import { actionForKey, Action } from './shortcuts';
import { dispatchAction, dispatchScan } from './key-layers';
import { ScanBuffer } from './scan-buffer';
import { activeDigitSink, PIN_KEYS } from './digit-sink';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'submit', 'checkbox', 'radio', 'reset'].includes(type);
}

export interface GlobalKeyOptions {
  onHelp: () => void;
  onPendingDigits?: (digits: string) => void;
}

let active: ScanBuffer | undefined;

/** True while digits of a scan are arriving outside any text field (the focus keeper waits). */
export function scanInProgress(): boolean {
  return (active?.pending.length ?? 0) > 0;
}

export function installGlobalKeys(target: Window, options: GlobalKeyOptions): () => void {
  const buffer = new ScanBuffer();
  active = buffer;
  const onKeyDown = (event: KeyboardEvent): void => {
    const action = actionForKey(event);
    if (action) {
      // Let arrows move the caret inside a text field, and the focus inside a widget that moves
      // by arrows itself (the sell screen's product grid, marked data-arrow-keys).
      if (action === Action.LINE_UP || action === Action.LINE_DOWN) {
        if (isEditable(event.target) && !(event.target as HTMLElement).dataset.scanInput) return;
        if (event.target instanceof Element && event.target.closest('[data-arrow-keys]')) return;
      }
      const handled = dispatchAction(action);
      if (handled || action === Action.HELP) {
        event.preventDefault();
        if (!handled) options.onHelp();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (isEditable(event.target)) return;
    const sink = activeDigitSink();
    if (sink) {
      // A PIN is being entered: its digits never reach the scan buffer (nor the status bar).
      buffer.clear();
      if (PIN_KEYS.has(event.key)) {
        event.preventDefault();
        sink(event.key);
      }
      return;
    }
    const hadDigits = buffer.pending.length > 0;
    const result = buffer.push(event.key, Date.now());
    if (result.kind === 'digit') {
      event.preventDefault();
      options.onPendingDigits?.(buffer.pending);
    } else if (result.kind === 'scan') {
      event.preventDefault();
      options.onPendingDigits?.('');
      dispatchScan(result.code);
    } else if (hadDigits) {
      options.onPendingDigits?.('');
      // Enter after too few digits: swallow it so a focused button is not pressed by mistake.
      if (event.key === 'Enter') event.preventDefault();
    }
  };
  target.addEventListener('keydown', onKeyDown, true);
  return () => {
    target.removeEventListener('keydown', onKeyDown, true);
    if (active === buffer) active = undefined;
  };
}
