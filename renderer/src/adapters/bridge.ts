// The register's way to the hardware (printer, cash drawer, customer display) through the typed
// window.pos bridge. Inside Electron the preload provides it; renderer/src/bridge provides the
// browser implementation. Missing hardware is reported, never thrown at the clerk.
import type { PosBridge, IpcResult } from '../../../shared/ipc/contract';
import type { CustomerDisplayState } from '../../../shared/ipc/display-schemas';

let override: PosBridge | undefined;

/** Tests and the browser bootstrap hand in a bridge explicitly. */
export function setBridge(bridge: PosBridge | undefined): void {
  override = bridge;
}

export function bridge(): PosBridge | undefined {
  return override ?? (globalThis as { pos?: PosBridge }).pos;
}

export async function callBridge<T>(call: (b: PosBridge) => Promise<IpcResult<T>>): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  const b = bridge();
  if (!b) return { ok: false, message: 'No printer or drawer is connected to this register (browser mode).' };
  try {
    const result = await call(b);
    return result.ok ? result : { ok: false, message: result.error.message };
  } catch {
    return { ok: false, message: 'The printer service did not answer. Check the printer, then try again.' };
  }
}

export function showOnCustomerDisplay(state: CustomerDisplayState): void {
  void callBridge((b) => b.customerDisplayUpdate(state));
}
