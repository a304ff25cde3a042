// The register's way to the hardware (printer, cash drawer, customer display) through the typed
// bridge: window.pos inside Electron, the browser implementation otherwise (renderer/src/bridge).
// Failures come back as a sentence for the clerk, never as a thrown error.
import type { PosBridge, IpcResult } from '../../../shared/ipc/contract';
import type { CustomerDisplayState } from '../../../shared/ipc/display-schemas';
import { getBridge } from './get-bridge';

export function bridge(): PosBridge {
  return getBridge();
}

export async function callBridge<T>(
  call: (b: PosBridge) => Promise<IpcResult<T>>,
): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    const result = await call(bridge());
    return result.ok ? result : { ok: false, message: result.error.message };
  } catch {
    return { ok: false, message: 'The printer service did not answer. Check the printer, then try again.' };
  }
}

export function showOnCustomerDisplay(state: CustomerDisplayState): void {
  void callBridge((b) => b.customerDisplayUpdate(state));
}
