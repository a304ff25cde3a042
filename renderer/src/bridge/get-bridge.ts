// The renderer's one way to the register hardware: window.pos from the Electron preload when it
// is there, otherwise the browser implementation (created once per page).
import type { PosBridge } from '../../../shared/ipc/contract';
import { createBrowserBridge } from './browser-bridge';

let browserBridge: PosBridge | null = null;

export function getBridge(): PosBridge {
  const pos = (globalThis as { pos?: PosBridge }).pos;
  if (pos) return pos;
  browserBridge ??= createBrowserBridge();
  return browserBridge;
}
