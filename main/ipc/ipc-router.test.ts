import { describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../shared/errors';
import { IpcChannels, type IpcMethod } from '../../shared/ipc/channels';
import { type IpcResult, ipcContract } from '../../shared/ipc/contract';
import { IpcError, PrinterError } from '../../shared/ipc/ipc-errors';
import { defaultSettings } from '../../shared/ipc/settings-schemas';
import { APP_ORIGIN } from '../protocol/app-protocol';
import { isTrustedUrl } from '../security/trusted-url';
import { type ShellServices, createIpcHandlers } from './ipc-handlers';
import { type IpcMainPort, type IpcSenderEvent, registerIpcHandlers } from './ipc-router';

const updateStatus = {
  state: 'idle',
  version: null,
  percent: null,
  saleInProgress: false,
  installDeferred: false,
  message: null,
} as const;
const display = {
  status: 'cart',
  currency: 'EUR',
  lines: [{ id: 'l1', description: 'Tea', quantity: 2, unitPrice: 250, lineTotal: 500 }],
  subtotal: 500,
  discountTotal: 0,
  taxTotal: 83,
  total: 500,
};

function services() {
  return {
    appInfo: vi.fn(() => ({
      name: 'Store POS',
      version: '1.0.0',
      runtime: 'electron' as const,
      platform: 'linux',
      isPackaged: false,
    })),
    printers: {
      printHtml: vi.fn(async () => ({ printer: 'Receipts' })),
      printRaw: vi.fn(async (bytes: Uint8Array) => ({ printer: '10.0.0.5:9100', bytesSent: bytes.byteLength })),
      status: vi.fn(async () => ({ state: 'ready' as const, printer: 'Receipts', message: 'ok' })),
      testPage: vi.fn(async () => ({ printer: 'Receipts' })),
      list: vi.fn(async () => [{ name: 'Receipts', displayName: 'Receipts', isDefault: true }]),
    },
    drawer: { open: vi.fn(async () => ({ printer: '10.0.0.5:9100', bytesSent: 7 })) },
    display: { update: vi.fn(() => ({ shown: true })) },
    updates: {
      setSaleInProgress: vi.fn(() => ({ ...updateStatus, saleInProgress: true })),
      status: vi.fn(() => updateStatus),
      install: vi.fn(() => ({ done: true as const })),
    },
    settings: {
      get: vi.fn(() => defaultSettings()),
      update: vi.fn(async () => ({ ...defaultSettings(), kiosk: true })),
    },
    links: { open: vi.fn(async () => undefined) },
    files: { save: vi.fn(async () => ({ saved: true, location: '/home/clerk/receipt.pdf' })) },
  } satisfies ShellServices;
}

type Spies = ReturnType<typeof services>;

/** Per method: a valid call, an invalid one, and the service that must (or must not) run. */
const cases: { [K in IpcMethod]: { valid: unknown; invalid: unknown; spy: (s: Spies) => ReturnType<typeof vi.fn> } } = {
  appInfo: { valid: undefined, invalid: { extra: 1 }, spy: (s) => s.appInfo },
  printReceiptHtml: { valid: { html: '<p>Receipt</p>' }, invalid: { html: '' }, spy: (s) => s.printers.printHtml },
  printRaw: {
    valid: { bytes: Uint8Array.of(0x1b, 0x40) },
    invalid: { bytes: [0x1b, 0x40] },
    spy: (s) => s.printers.printRaw,
  },
  openCashDrawer: { valid: undefined, invalid: 'now', spy: (s) => s.drawer.open },
  printerStatus: { valid: undefined, invalid: 1, spy: (s) => s.printers.status },
  printTestPage: {
    valid: { target: { kind: 'network', host: '10.0.0.5' } },
    invalid: { target: { kind: 'device', path: '/etc/passwd' } },
    spy: (s) => s.printers.testPage,
  },
  listPrinters: { valid: undefined, invalid: null, spy: (s) => s.printers.list },
  customerDisplayUpdate: { valid: display, invalid: { ...display, total: 5.5 }, spy: (s) => s.display.update },
  setSaleInProgress: {
    valid: { inProgress: true, orderId: 'o-1' },
    invalid: { inProgress: 'yes' },
    spy: (s) => s.updates.setSaleInProgress,
  },
  updateStatus: { valid: undefined, invalid: {}, spy: (s) => s.updates.status },
  updateInstall: { valid: undefined, invalid: { force: true }, spy: (s) => s.updates.install },
  settingsGet: { valid: undefined, invalid: 'kiosk', spy: (s) => s.settings.get },
  settingsSet: { valid: { kiosk: true }, invalid: { kiosk: true, adminPassword: 'x' }, spy: (s) => s.settings.update },
  openExternal: { valid: { url: 'https://shop.example/' }, invalid: { url: '' }, spy: (s) => s.links.open },
  saveFile: {
    valid: { suggestedName: 'receipt.pdf', mimeType: 'application/pdf', data: 'x' },
    invalid: { suggestedName: '../../.bashrc', mimeType: 'text/plain', data: 'x' },
    spy: (s) => s.files.save,
  },
};

function setup() {
  const s = services();
  const handlers = new Map<string, (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain: IpcMainPort = { handle: (channel, listener) => handlers.set(channel, listener) };
  const registered = registerIpcHandlers(ipcMain, createIpcHandlers(s), {
    isTrustedUrl: (url) => isTrustedUrl(url, [APP_ORIGIN]),
    log: () => undefined,
  });
  const call = async (method: IpcMethod, frame: IpcSenderEvent['senderFrame'], ...args: unknown[]) => {
    const handler = handlers.get(IpcChannels[method]);
    if (!handler) throw new Error(`no handler for ${method}`);
    return (await handler({ senderFrame: frame }, ...args)) as IpcResult<unknown>;
  };
  return { s, call, registered };
}

const appFrame = { url: 'app://pos/index.html#/sale', parent: null };
const args = (value: unknown): unknown[] => (value === undefined ? [] : [value]);

describe('IPC router: every handler', () => {
  it('registers exactly the contract channels', () => {
    expect(setup().registered.sort()).toEqual((Object.keys(ipcContract) as IpcMethod[]).sort());
  });

  describe.each(Object.keys(cases) as IpcMethod[])('%s', (method) => {
    const c = cases[method];

    it('runs with valid arguments and returns a result that matches the contract', async () => {
      const { s, call } = setup();
      const result = await call(method, appFrame, ...args(c.valid));
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (result.ok) expect(ipcContract[method].result.safeParse(result.value).success).toBe(true);
      expect(c.spy(s)).toHaveBeenCalledTimes(1);
    });

    it('refuses invalid arguments with IPC_INVALID_ARGUMENT and does not run', async () => {
      const { s, call } = setup();
      const result = await call(method, appFrame, c.invalid);
      expect(result).toMatchObject({ ok: false, error: { code: IpcError.INVALID_ARGUMENT } });
      expect(c.spy(s)).not.toHaveBeenCalled();
    });

    it('refuses a sender that is not a top-level app:// frame', async () => {
      const { s, call } = setup();
      for (const frame of [
        { url: 'https://evil.example/', parent: null },
        { url: 'app://pos.evil/', parent: null },
        { url: 'app://pos/index.html', parent: {} },
        null,
      ]) {
        const result = await call(method, frame as IpcSenderEvent['senderFrame'], ...args(c.valid));
        expect(result).toMatchObject({ ok: false, error: { code: IpcError.UNTRUSTED_SENDER } });
      }
      expect(c.spy(s)).not.toHaveBeenCalled();
    });
  });

  it('passes parsed arguments with defaults filled in', async () => {
    const { s, call } = setup();
    await call('printRaw', appFrame, { bytes: Uint8Array.of(1) });
    expect(s.printers.printRaw).toHaveBeenCalledWith(Uint8Array.of(1), 'receipt');
    await call('printReceiptHtml', appFrame, { html: '<p>x</p>' });
    expect(s.printers.printHtml).toHaveBeenCalledWith('<p>x</p>', undefined, 1);
  });

  it('returns a domain error as { code, message } and hides unexpected errors', async () => {
    const { s, call } = setup();
    s.printers.printRaw.mockRejectedValueOnce(
      new DomainError(PrinterError.OFFLINE, 'The printer is not answering. The sale is saved.'),
    );
    expect(await call('printRaw', appFrame, { bytes: Uint8Array.of(1) })).toEqual({
      ok: false,
      error: { code: PrinterError.OFFLINE, message: 'The printer is not answering. The sale is saved.' },
    });
    s.printers.status.mockRejectedValueOnce(new TypeError('x is undefined'));
    const result = await call('printerStatus', appFrame);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('x is undefined');
  });
});
