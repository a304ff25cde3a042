// Focus never gets lost: when it falls back to the page body (a line was removed, a dialog
// closed), it goes to the screen's home field, marked with data-home-focus.
import { useEffect } from 'react';
import { hasModalLayer } from '../keys/key-layers';

export function focusHome(doc: Document = document): void {
  const home = doc.querySelector<HTMLElement>('[data-home-focus]');
  home?.focus();
}

export function useFocusKeeper(): void {
  useEffect(() => {
    const onFocusOut = (): void => {
      setTimeout(() => {
        if ((document.activeElement === document.body || document.activeElement === null) && !hasModalLayer()) focusHome();
      }, 0);
    };
    document.addEventListener('focusout', onFocusOut);
    return () => document.removeEventListener('focusout', onFocusOut);
  }, []);
}
