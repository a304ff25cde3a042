// window.pos for a plain browser: the same contract as the desktop app, with the same argument
// validation, backed by what a web page can do (print dialog, downloads, localStorage,
// BroadcastChannel). Hardware it cannot reach answers with a coded error that says so.
import { DomainError, toErrorBody } from '../../../shared/errors';
import type { IpcMethod } from '../../../shared/ipc/channels';
import {
  type IpcParsedArgs,
  type IpcResult,
  type IpcValue,
  type PosBridge,
  ipcContract,
} from '../../../shared/ipc/contract';
import { DrawerError, IpcError, ShellError, UpdateError } from '../../../shared/ipc/ipc-errors';
import type { UpdateStatus } from '../../../shared/ipc/misc-schemas';
import { encodeTestPage } from '../../../shared/receipt/escpos-encoder';
import { type ChannelFactory, createDisplayPublisher, subscribeToDisplay } from './browser-display';
import {
  type BrowserPrintingDeps,
  downloadBlob,
  downloadName,
  printHtmlInFrame,
  showEscPosPreview,
} from './browser-printing';
import { createBrowserSettings } from './browser-settings';

export interface BrowserBridgeDeps extends BrowserPrintingDeps {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  createChannel: ChannelFactory;
  openWindow: (url: string) => void;
  version: string;
  platform: string;
}

function defaultBrowserDeps(): BrowserBridgeDeps {
  return {
    document,
    printFrame: (frame) => frame.contentWindow?.print(),
    download: (fileName, blob) => downloadBlob(document, fileName, blob),
    storage: window.localStorage,
    createChannel: (name) => new BroadcastChannel(name),
    openWindow: (url) => {
      window.open(url, '_blank', 'noopener,noreferrer');
    },
    version: import.meta.env.VITE_POS_VERSION ?? 'dev',
    platform: navigator.platform || 'browser',
  };
}

async function run<K extends IpcMethod>(
  method: K,
  raw: unknown,
  impl: (args: IpcParsedArgs<K>) => Promise<IpcValue<K>> | IpcValue<K>,
): Promise<IpcResult<IpcValue<K>>> {
  const parsed = ipcContract[method].args.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`)
      .join('; ');
    return {
      ok: false,
      error: {
        code: IpcError.INVALID_ARGUMENT,
        message: `The request "${method}" was refused because its data is not valid (${problems}). Check the values entered.`,
      },
    };
  }
  try {
    // The schema is the contract's own schema for K, so its output is IpcParsedArgs<K>.
    return { ok: true, value: await impl(parsed.data as IpcParsedArgs<K>) };
  } catch (error) {
    return { ok: false, error: toErrorBody(error) };
  }
}

export function createBrowserBridge(deps: BrowserBridgeDeps = defaultBrowserDeps()): PosBridge {
  const settings = createBrowserSettings(deps.storage);
  const display = createDisplayPublisher(deps.createChannel);
  let saleInProgress = false;
  const updateStatus = (): UpdateStatus => ({
    state: 'disabled',
    version: null,
    percent: null,
    saleInProgress,
    installDeferred: false,
    message: 'In a browser the register gets a new version when the page reloads.',
  });
  const rawJob = (bytes: Uint8Array, title: string): { printer: string; bytesSent: number } => {
    deps.download(
      downloadName(title.toLowerCase().replace(/\s+/g, '-'), 'bin'),
      new Blob([Uint8Array.from(bytes)], { type: 'application/octet-stream' }),
    );
    showEscPosPreview(deps.document, bytes, title);
    return { printer: 'download (browser mode)', bytesSent: bytes.byteLength };
  };
  const allowedExternal = (url: string): boolean => {
    const server = settings.get().serverUrl;
    try {
      const target = new URL(url);
      return (
        target.protocol === 'https:' && !target.username && server !== null && target.origin === new URL(server).origin
      );
    } catch {
      return false;
    }
  };

  const pos: PosBridge = {
    runtime: 'browser',
    appInfo: () =>
      run('appInfo', undefined, () => ({
        name: 'Store POS',
        version: deps.version,
        runtime: 'browser' as const,
        platform: deps.platform,
        isPackaged: false,
      })),
    printReceiptHtml: (args) =>
      run('printReceiptHtml', args, (a) => {
        printHtmlInFrame(deps, a.html);
        return { printer: 'browser print dialog' };
      }),
    printRaw: (args) => run('printRaw', args, (a) => rawJob(a.bytes, a.purpose === 'report' ? 'Report' : 'Receipt')),
    openCashDrawer: () =>
      run('openCashDrawer', undefined, () => {
        throw new DomainError(
          DrawerError.NO_DRAWER,
          'No cash drawer is attached in browser mode: open the drawer with its key, or use the register app.',
        );
      }),
    printerStatus: () =>
      run('printerStatus', undefined, () => ({
        state: 'ready' as const,
        printer: 'browser print dialog',
        message: 'In a browser, receipts print through the print dialog and ESC/POS jobs are downloaded.',
      })),
    printTestPage: (args) =>
      run('printTestPage', args, (a) => {
        if (a.target && a.target.kind !== 'system')
          return rawJob(encodeTestPage(settings.get().receiptColumns, 'Browser test'), 'Test page');
        printHtmlInFrame(deps, '<!doctype html><meta charset="utf-8"><h3>Printer test</h3><p>Browser print dialog</p>');
        return { printer: 'browser print dialog' };
      }),
    listPrinters: () => run('listPrinters', undefined, () => []),
    customerDisplayUpdate: (args) => run('customerDisplayUpdate', args, (state) => display.update(state)),
    setSaleInProgress: (args) =>
      run('setSaleInProgress', args, (a) => {
        saleInProgress = a.inProgress;
        return updateStatus();
      }),
    updateStatus: () => run('updateStatus', undefined, updateStatus),
    updateInstall: () =>
      run('updateInstall', undefined, () => {
        if (saleInProgress)
          throw new DomainError(UpdateError.SALE_IN_PROGRESS, 'Finish or park the current sale first.');
        throw new DomainError(UpdateError.NOT_READY, 'In a browser, reload the page to get the newest version.');
      }),
    settingsGet: () => run('settingsGet', undefined, () => settings.get()),
    settingsSet: (args) => run('settingsSet', args, (patch) => settings.update(patch)),
    openExternal: (args) =>
      run('openExternal', args, (a) => {
        if (!allowedExternal(a.url))
          throw new DomainError(
            ShellError.URL_NOT_ALLOWED,
            'The register does not open this address. Ask your administrator if it is needed.',
          );
        deps.openWindow(a.url);
        return { done: true as const };
      }),
    saveFile: (args) =>
      run('saveFile', args, (a) => {
        deps.download(
          a.suggestedName,
          new Blob([typeof a.data === 'string' ? a.data : Uint8Array.from(a.data)], { type: a.mimeType }),
        );
        return { saved: true, location: 'downloads' };
      }),
    onCustomerDisplay: (listener) => subscribeToDisplay(deps.createChannel, listener),
  };
  display.listen();
  return pos;
}
