// Registers a screen or dialog as a key layer while it is mounted. Handlers are read through a
// ref so a re-render never reorders the stack.
import { useEffect, useRef } from 'react';
import { pushLayer, removeLayer } from './key-layers';
import type { ActionId } from './shortcuts';

export interface KeyLayerHandlers {
  onAction?: (action: ActionId) => boolean;
  onScan?: (code: string) => void;
}

export function useKeyLayer(handlers: KeyLayerHandlers, modal = false): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  const wantsScan = handlers.onScan !== undefined;
  useEffect(() => {
    const layer = pushLayer({
      modal,
      onAction: (action) => ref.current.onAction?.(action) ?? false,
      ...(wantsScan ? { onScan: (code: string) => ref.current.onScan?.(code) } : {}),
    });
    return () => removeLayer(layer.id);
  }, [modal, wantsScan]);
}
