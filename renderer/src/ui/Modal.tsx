// A dialog that owns the keyboard while open: Esc closes it, keys never reach the screen behind,
// and focus returns to where it was when it closes.
import { useEffect, useRef, type ReactNode } from 'react';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';

export interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

export function Modal({ title, onClose, children, testId }: ModalProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  useKeyLayer(
    { onAction: (action) => (action === Action.BACK ? (onClose(), true) : action === Action.HELP ? false : true) },
    true,
  );
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // The field the dialog is for (data-autofocus) first, wherever it sits; only without one the
    // first input or button (a selector list would take whichever comes first in the page).
    const box = boxRef.current;
    const first =
      box?.querySelector<HTMLElement>('[data-autofocus]') ?? box?.querySelector<HTMLElement>('input, button');
    first?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal" role="dialog" aria-modal="true" aria-label={title} ref={boxRef} data-testid={testId}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
