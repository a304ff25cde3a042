// The whole main process started against the fake electron module, driven through its IPC
// handlers the way the renderer drives it: settings, a network printer (a real TCP server),
// the cash drawer, the customer display, kiosk mode, crash reload, files and links.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IpcChannels, IpcEvents, type IpcMethod } from '../shared/ipc/channels';
import type { IpcArgs, IpcResult, IpcValue } from '../shared/ipc/contract';
import { DrawerError, PrinterError, ShellError } from '../shared/ipc/ipc-errors';
import {
  BrowserWindow,
  app,
  dialog,
  ipcMain,
  protocol,
  screen,
  shell,
  trace,
} from '../test/support/main/fake-electron';
import { type FakePrinter, startFakePrinter } from '../test/support/main/fake-printer';

vi.mock('electron', () => import('../test/support/main/fake-electron'));

let base: string;
let printer: FakePrinter;

async function invoke<K extends IpcMethod>(method: K, ...args: [IpcArgs<K>] | []): Promise<IpcResult<IpcValue<K>>> {
  const handler = ipcMain.handlers.get(IpcChannels[method]) as
    ((event: unknown, ...a: unknown[]) => Promise<IpcResult<IpcValue<K>>>) | undefined;
  if (!handler) throw new Error(`${method} is not registered`);
  return handler({ senderFrame: { url: 'app://pos/index.html', parent: null } }, ...args);
}

async function value<K extends IpcMethod>(method: K, ...args: [IpcArgs<K>] | []): Promise<IpcValue<K>> {
  const result = await invoke(method, ...args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const mainWindow = (): BrowserWindow => {
  const window = BrowserWindow.instances.find((w) => w.options.title === 'Store POS');
  if (!window) throw new Error('no main window');
  return window;
};

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'pos-startup-'));
  await mkdir(join(base, 'renderer'), { recursive: true });
  await mkdir(join(base, 'userData'));
  await writeFile(join(base, 'renderer', 'index.html'), '<!doctype html><title>Register</title>');
  app.userData = join(base, 'userData');
  screen.displays = [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
    { id: 2, bounds: { x: 1920, y: 0, width: 800, height: 480 } },
  ];
  BrowserWindow.prepareWebContents = (contents) => {
    contents.printers = [
      { name: 'Office Laser', displayName: 'Office Laser', description: '', options: { 'is-default': 'true' } },
    ];
  };
  printer = await startFakePrinter({ rawPrintingPort: true });
  const { startShell } = await import('./startup');
  await startShell(join(base, 'main'));
});

afterAll(async () => {
  await printer.close();
  await rm(base, { recursive: true, force: true });
});

describe('main process started with a fake electron', () => {
  it('serves the renderer folder over app://pos/', async () => {
    const handler = protocol.handlers.get('app');
    const response = await handler?.(new Request('app://pos/index.html'));
    expect(response?.status).toBe(200);
    expect(await response?.text()).toContain('<title>Register</title>');
    expect(mainWindow().webContents.url).toBe('app://pos/index.html');
  });

  it('prints ESC/POS to the network printer chosen in settings and opens the drawer through it', async () => {
    expect(await invoke('printRaw', { bytes: Uint8Array.of(1) })).toMatchObject({
      ok: false,
      error: { code: PrinterError.NOT_CONFIGURED },
    });
    await value('settingsSet', { receiptPrinter: { kind: 'network', host: '127.0.0.1', port: printer.port } });

    const job = printer.nextJob();
    expect(await value('printRaw', { bytes: Uint8Array.of(0x1b, 0x40, 0x41, 0x0a) })).toEqual({
      printer: `127.0.0.1:${printer.port}`,
      bytesSent: 4,
    });
    expect([...(await job)]).toEqual([0x1b, 0x40, 0x41, 0x0a]);

    expect(await invoke('openCashDrawer')).toMatchObject({ ok: false, error: { code: DrawerError.NOT_ENABLED } });
    await value('settingsSet', { cashDrawer: { enabled: true, pin: 5 } });
    const kick = printer.nextJob();
    await value('openCashDrawer');
    expect([...(await kick)]).toEqual([0x1b, 0x40, 0x1b, 0x70, 1, 25, 250]);

    expect(await value('printerStatus')).toMatchObject({ state: 'ready', printer: `127.0.0.1:${printer.port}` });
    const testJob = printer.nextJob();
    await value('printTestPage', {});
    expect((await testJob).toString('latin1')).toContain('PRINTER TEST');
  });

  it('prints receipt HTML silently to a named system printer, and explains a missing one', async () => {
    expect(await value('listPrinters')).toEqual([
      { name: 'Office Laser', displayName: 'Office Laser', isDefault: true },
    ]);
    expect(await value('printReceiptHtml', { html: '<p>Receipt</p>', printerName: 'Office Laser' })).toEqual({
      printer: 'Office Laser',
    });
    const printWindow = BrowserWindow.instances.find((w) => w.webContents.printed.length > 0);
    expect(printWindow?.webContents.printed[0]).toMatchObject({ silent: true, deviceName: 'Office Laser' });
    expect(printWindow?.destroyed).toBe(true);
    expect((printWindow?.options.webPreferences as Record<string, unknown>).javascript).toBe(false);
    const missing = await invoke('printReceiptHtml', { html: '<p>x</p>', printerName: 'Kitchen' });
    expect(missing).toMatchObject({ ok: false, error: { code: PrinterError.NOT_FOUND } });
  });

  it('opens the customer display on the second screen and forwards cart updates', async () => {
    const displayWindow = BrowserWindow.instances.find((w) => w.options.title === 'Customer display');
    expect(displayWindow?.options).toMatchObject({ x: 1920, width: 800, frame: false });
    expect(displayWindow?.webContents.url).toBe('app://pos/index.html#/customer-display');
    const state = {
      status: 'paid' as const,
      currency: 'EUR',
      lines: [],
      subtotal: 0,
      discountTotal: 0,
      taxTotal: 0,
      total: 1200,
      paid: 2000,
      changeDue: 800,
    };
    expect(await value('customerDisplayUpdate', state)).toEqual({ shown: true });
    expect(displayWindow?.webContents.sent.at(-1)).toEqual({ channel: IpcEvents.customerDisplayState, payload: state });

    screen.displays = screen.displays.slice(0, 1);
    screen.emit('display-removed');
    expect(displayWindow?.destroyed).toBe(true);
    expect(await value('customerDisplayUpdate', state)).toEqual({ shown: false });

    // Plugged back in: a new window opens and gets the latest state once it has loaded.
    screen.displays = [...screen.displays, { id: 3, bounds: { x: 1920, y: 0, width: 1024, height: 600 } }];
    screen.emit('display-added');
    const reopened = BrowserWindow.instances.filter((w) => w.options.title === 'Customer display').at(-1);
    expect(reopened).not.toBe(displayWindow);
    await new Promise((resolveTick) => setImmediate(resolveTick));
    expect(reopened?.webContents.sent).toEqual([{ channel: IpcEvents.customerDisplayState, payload: state }]);
  });

  it('switches kiosk mode when the setting changes', async () => {
    await value('settingsSet', { kiosk: true });
    expect(mainWindow().kiosk).toBe(true);
    expect(mainWindow().fullScreen).toBe(true);
    await value('settingsSet', { kiosk: false });
    expect(mainWindow().kiosk).toBe(false);
  });

  it('reloads the register window after a renderer crash (the renderer restores the open sale)', () => {
    const reloads = () =>
      trace.filter((t) => t.call === 'webContents.reload' && t.detail === mainWindow().webContents.id).length;
    mainWindow().webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(reloads()).toBe(0);
    mainWindow().webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(reloads()).toBe(1);
  });

  it('asks before the window closes during a sale, and closes freely otherwise', async () => {
    const close = () => {
      const preventDefault = vi.fn();
      mainWindow().emit('close', { preventDefault });
      return preventDefault.mock.calls.length > 0 ? 'kept open' : 'closed';
    };
    expect(close()).toBe('closed');
    await value('setSaleInProgress', { inProgress: true });
    dialog.messageBoxAnswer = 0;
    expect(close()).toBe('kept open');
    dialog.messageBoxAnswer = 1;
    expect(close()).toBe('closed');
    await value('setSaleInProgress', { inProgress: false });
  });

  it('reports app info, update status and the sale-in-progress flag', async () => {
    expect(await value('appInfo')).toMatchObject({ runtime: 'electron', isPackaged: false });
    expect(await value('setSaleInProgress', { inProgress: true })).toMatchObject({
      state: 'disabled',
      saleInProgress: true,
    });
    expect(await value('updateStatus')).toMatchObject({ saleInProgress: true });
    expect(await invoke('updateInstall')).toMatchObject({ ok: false });
  });

  it('saves files where the clerk chooses and opens only allowed links', async () => {
    const target = join(base, 'receipt.html');
    dialog.saveResult = { canceled: false, filePath: target };
    expect(await value('saveFile', { suggestedName: 'receipt.html', mimeType: 'text/html', data: '<p>r</p>' })).toEqual(
      { saved: true, location: target },
    );
    expect(await readFile(target, 'utf8')).toBe('<p>r</p>');
    dialog.saveResult = { canceled: true, filePath: undefined };
    expect(await value('saveFile', { suggestedName: 'receipt.html', mimeType: 'text/html', data: 'x' })).toEqual({
      saved: false,
      location: null,
    });

    expect(await invoke('openExternal', { url: 'https://evil.example/' })).toMatchObject({
      ok: false,
      error: { code: ShellError.URL_NOT_ALLOWED },
    });
    await value('settingsSet', { serverUrl: 'https://hq.store.example' });
    await value('openExternal', { url: 'https://hq.store.example/help' });
    expect(shell.opened).toEqual(['https://hq.store.example/help']);
  });

  it('hardens every web contents it creates, including later ones', () => {
    for (const window of BrowserWindow.instances) {
      expect(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
      expect(window.webContents.listenerCount('will-navigate')).toBe(1);
    }
  });
});
