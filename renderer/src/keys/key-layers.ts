// A stack of key layers: the screen at the bottom, dialogs above it. The top layer sees a key
// first; a modal layer stops keys from reaching the screen underneath, so F12 inside the manager
// PIN dialog cannot start a payment behind it.
import type { ActionId } from './shortcuts';

export interface KeyLayer {
  id: number;
  modal: boolean;
  /** Returns true when the layer handled the action. */
  onAction?: (action: ActionId) => boolean;
  onScan?: (code: string) => void;
}

let nextId = 1;
const layers: KeyLayer[] = [];

export function pushLayer(layer: Omit<KeyLayer, 'id'>): KeyLayer {
  const added = { ...layer, id: nextId++ };
  layers.push(added);
  return added;
}

export function removeLayer(id: number): void {
  const index = layers.findIndex((l) => l.id === id);
  if (index >= 0) layers.splice(index, 1);
}

export function hasModalLayer(): boolean {
  return layers.some((l) => l.modal);
}

export function dispatchAction(action: ActionId): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    if (layer.onAction?.(action)) return true;
    if (layer.modal) return false;
  }
  return false;
}

export function dispatchScan(code: string): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    if (layer.onScan) {
      layer.onScan(code);
      return true;
    }
    if (layer.modal) return false;
  }
  return false;
}

/** Test helper: forget every layer. */
export function resetLayers(): void {
  layers.length = 0;
}
