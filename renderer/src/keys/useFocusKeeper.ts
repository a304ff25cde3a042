// Focus never gets lost: when it falls back to the page body (a line was removed, a dialog
// closed), it goes to the screen's home field, marked with data-home-focus.
import { useEffect } from 'react';
import { hasModalLayer } from './key-layers';
import { scanInProgress } from './global-keys';

export function focusHome(doc: Document = document): void {
  const home = doc.querySelector<HTMLElement>('[data-home-focus]');
  home?.focus();
}

/** Puts focus back on `target` (or the home field) once any scan in flight has finished. */
export function focusSoon(target?: HTMLElement | null): void {
  setTimeout(() => {
    if (scanInProgress()) return focusSoon(target);
    if (target) target.focus();
    else focusHome();
  }, 0);
}

export function useFocusKeeper(): void {
  useEffect(() => {
    const check = (): void => {
      // Moving focus in the middle of a scan would split the code between the page and the field.
      if (scanInProgress()) return void setTimeout(check, 150);
      if ((document.activeElement === document.body || document.activeElement === null) && !hasModalLayer())
        focusHome();
    };
    const onFocusOut = (): void => void setTimeout(check, 0);
    document.addEventListener('focusout', onFocusOut);
    return () => document.removeEventListener('focusout', onFocusOut);
  }, []);
}
