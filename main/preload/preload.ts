// Preload (CommonJS, sandboxed): exposes window.pos, one function per contract method plus the
// customer-display subscription. Renderers never see ipcRenderer or the IPC event objects.
import { contextBridge, ipcRenderer } from 'electron';
import { IpcChannels, IpcEvents, type IpcMethod } from '../../shared/ipc/channels';
import type { PosBridge } from '../../shared/ipc/contract';
import type { CustomerDisplayState } from '../../shared/ipc/display-schemas';

function call<K extends IpcMethod>(method: K) {
  // Main validates every argument against the contract, so the preload only forwards them.
  return (...args: unknown[]) => ipcRenderer.invoke(IpcChannels[method], ...args);
}

const pos = {
  runtime: 'electron',
  appInfo: call('appInfo'),
  printReceiptHtml: call('printReceiptHtml'),
  printRaw: call('printRaw'),
  openCashDrawer: call('openCashDrawer'),
  printerStatus: call('printerStatus'),
  printTestPage: call('printTestPage'),
  listPrinters: call('listPrinters'),
  customerDisplayUpdate: call('customerDisplayUpdate'),
  setSaleInProgress: call('setSaleInProgress'),
  updateStatus: call('updateStatus'),
  updateInstall: call('updateInstall'),
  settingsGet: call('settingsGet'),
  settingsSet: call('settingsSet'),
  openExternal: call('openExternal'),
  saveFile: call('saveFile'),
  onCustomerDisplay(listener: (state: CustomerDisplayState) => void) {
    const forward = (_event: unknown, state: CustomerDisplayState): void => listener(state);
    ipcRenderer.on(IpcEvents.customerDisplayState, forward);
    return () => {
      ipcRenderer.removeListener(IpcEvents.customerDisplayState, forward);
    };
  },
} satisfies PosBridge;

contextBridge.exposeInMainWorld('pos', pos);
