import { describe, expect, it, vi } from 'vitest';
import type { CustomerDisplayState } from '../../../shared/ipc/display-schemas';
import { DrawerError, IpcError, PrinterError, ShellError, UpdateError } from '../../../shared/ipc/ipc-errors';
import { encodeDrawerKick } from '../../../shared/receipt/escpos-encoder';
import { type BrowserBridgeDeps, createBrowserBridge } from './browser-bridge';
import type { ChannelFactory } from './browser-display';
import { PREVIEW_ID } from './browser-printing';
import { SETTINGS_KEY } from './browser-settings';
import { getBridge } from './get-bridge';

/** BroadcastChannel semantics in memory: a message reaches every other channel with the same name. */
function channelHub(): ChannelFactory {
  const members = new Map<string, Set<{ deliver: (data: unknown) => void }>>();
  return (name) => {
    const listeners: Array<(event: MessageEvent) => void> = [];
    const self = { deliver: (data: unknown) => listeners.forEach((l) => l({ data } as MessageEvent)) };
    const group = members.get(name) ?? new Set();
    members.set(name, group);
    group.add(self);
    return {
      postMessage: (data: unknown) => group.forEach((m) => m !== self && m.deliver(data)),
      close: () => group.delete(self),
      addEventListener: (_type: string, listener: (event: MessageEvent) => void) => listeners.push(listener),
    } as unknown as ReturnType<ChannelFactory>;
  };
}

function setup() {
  const store = new Map<string, string>();
  const downloads: Array<{ name: string; blob: Blob }> = [];
  const printed: string[] = [];
  const opened: string[] = [];
  const createChannel = channelHub();
  const deps: BrowserBridgeDeps = {
    document,
    printFrame: (frame) => printed.push(frame.contentDocument?.body.innerHTML ?? ''),
    download: (name, blob) => downloads.push({ name, blob }),
    storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
    createChannel,
    openWindow: (url) => opened.push(url),
    version: '1.2.3',
    platform: 'test',
  };
  return { bridge: createBrowserBridge(deps), downloads, printed, opened, store, createChannel };
}

const state: CustomerDisplayState = {
  status: 'cart',
  currency: 'USD',
  lines: [{ id: 'a', description: 'Tea', quantity: 1, unitPrice: 300, lineTotal: 300 }],
  subtotal: 300,
  discountTotal: 0,
  taxTotal: 24,
  total: 324,
  paid: 0,
  changeDue: 0,
};

describe('browser bridge', () => {
  it('reports itself as the browser runtime', async () => {
    const { bridge } = setup();
    expect(bridge.runtime).toBe('browser');
    expect(await bridge.appInfo()).toEqual({
      ok: true,
      value: { name: 'Store POS', version: '1.2.3', runtime: 'browser', platform: 'test', isPackaged: false },
    });
  });

  it('prints receipt HTML through a hidden, script-less frame that is removed afterwards', async () => {
    // happy-dom cannot load frames, so this document hands out a frame with a writable document.
    const written: string[] = [];
    const frame = {
      style: {},
      attributes: new Map<string, string>(),
      removed: false,
      setAttribute(k: string, v: string) {
        this.attributes.set(k, v);
      },
      remove() {
        this.removed = true;
      },
      contentDocument: { open() {}, write: (html: string) => written.push(html), close() {} },
    };
    const fakeDocument = { createElement: () => frame, body: { appendChild: () => frame } } as unknown as Document;
    const printedFrames: unknown[] = [];
    const bridge = createBrowserBridge({
      ...setupDeps(channelHub()),
      document: fakeDocument,
      printFrame: (f) => printedFrames.push(f),
    });
    expect(await bridge.printReceiptHtml({ html: '<p>Receipt 42</p>' })).toEqual({
      ok: true,
      value: { printer: 'browser print dialog' },
    });
    expect(written).toEqual(['<p>Receipt 42</p>']);
    expect(printedFrames).toEqual([frame]);
    expect(frame.attributes.get('sandbox')).toBe('allow-same-origin allow-modals');
    expect(frame.removed).toBe(true);
  });

  it('reports a print dialog that cannot open as a coded error and leaves no frame behind', async () => {
    const { bridge } = setup();
    const result = await bridge.printReceiptHtml({ html: '<p>Receipt 42</p>' });
    expect(result).toMatchObject({ ok: false, error: { code: PrinterError.PRINT_FAILED } });
    expect(result.ok ? '' : result.error.message).toMatch(/The sale is saved/);
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
  });

  it('offers ESC/POS bytes as a download and shows what they would print', async () => {
    const { bridge, downloads } = setup();
    const bytes = Uint8Array.from([
      0x1b,
      0x40,
      ...Array.from('HELLO', (c) => c.charCodeAt(0)),
      0x0a,
      0x1d,
      0x56,
      0x41,
      3,
    ]);
    expect(await bridge.printRaw({ bytes })).toEqual({
      ok: true,
      value: { printer: 'download (browser mode)', bytesSent: bytes.byteLength },
    });
    expect(downloads[0]?.name).toMatch(/^receipt-.*\.bin$/);
    expect(new Uint8Array(await downloads[0]!.blob.arrayBuffer())).toEqual(bytes);
    expect(document.getElementById(PREVIEW_ID)?.textContent).toContain('HELLO\n[cut]');
  });

  it('says clearly that no drawer is attached', async () => {
    const { bridge } = setup();
    const result = await bridge.openCashDrawer();
    expect(result).toMatchObject({ ok: false, error: { code: DrawerError.NO_DRAWER } });
    expect(result.ok ? '' : result.error.message).toMatch(/browser mode/);
  });

  it('validates arguments exactly like the desktop app', async () => {
    const { bridge } = setup();
    // Deliberately wrong shapes, as a buggy caller could send them at run time.
    const bad = bridge.printRaw as (args: unknown) => ReturnType<typeof bridge.printRaw>;
    expect(await bad({ bytes: [1, 2] })).toMatchObject({ ok: false, error: { code: IpcError.INVALID_ARGUMENT } });
    expect(await bridge.settingsSet({ receiptColumns: 40 as 42 })).toMatchObject({
      ok: false,
      error: { code: IpcError.INVALID_ARGUMENT },
    });
  });

  it('keeps settings in localStorage and changes only the named fields', async () => {
    const { bridge, store } = setup();
    await bridge.settingsSet({ receiptPrinter: { kind: 'network', host: '10.0.0.9' } });
    await bridge.settingsSet({ kiosk: true });
    const got = await bridge.settingsGet();
    expect(got).toMatchObject({
      ok: true,
      value: { kiosk: true, receiptPrinter: { kind: 'network', host: '10.0.0.9', port: 9100 } },
    });
    expect(JSON.parse(store.get(SETTINGS_KEY) ?? '{}')).toMatchObject({ kiosk: true });
  });

  it('feeds a customer display window over BroadcastChannel, including one that opens later', async () => {
    const { bridge, createChannel } = setup();
    expect(await bridge.customerDisplayUpdate(state)).toEqual({ ok: true, value: { shown: false } });
    const displayBridge = createBrowserBridge({ ...setupDeps(createChannel) });
    const seen: CustomerDisplayState[] = [];
    const unsubscribe = displayBridge.onCustomerDisplay((s) => seen.push(s));
    expect(seen).toEqual([state]);
    expect(await bridge.customerDisplayUpdate({ ...state, status: 'paid', paid: 400, changeDue: 76 })).toEqual({
      ok: true,
      value: { shown: true },
    });
    expect(seen.at(-1)).toMatchObject({ status: 'paid', changeDue: 76 });
    unsubscribe();
  });

  it('ignores malformed messages on the display channel', () => {
    const createChannel = channelHub();
    const listener = vi.fn();
    createBrowserBridge(setupDeps(createChannel)).onCustomerDisplay(listener);
    createChannel('pos-customer-display').postMessage({ type: 'state', state: { total: 'lots' } });
    expect(listener).not.toHaveBeenCalled();
  });

  it('refuses to "install an update" during a sale and opens only the sync server site', async () => {
    const { bridge, opened } = setup();
    await bridge.setSaleInProgress({ inProgress: true });
    expect(await bridge.updateInstall()).toMatchObject({ ok: false, error: { code: UpdateError.SALE_IN_PROGRESS } });
    expect(await bridge.openExternal({ url: 'https://hq.example/help' })).toMatchObject({
      ok: false,
      error: { code: ShellError.URL_NOT_ALLOWED },
    });
    await bridge.settingsSet({ serverUrl: 'https://hq.example' });
    expect(await bridge.openExternal({ url: 'https://hq.example.evil/help' })).toMatchObject({ ok: false });
    expect(await bridge.openExternal({ url: 'https://hq.example/help' })).toEqual({ ok: true, value: { done: true } });
    expect(opened).toEqual(['https://hq.example/help']);
  });

  it('downloads saved files under the suggested name', async () => {
    const { bridge, downloads } = setup();
    expect(await bridge.saveFile({ suggestedName: 'receipt.html', mimeType: 'text/html', data: '<p>r</p>' })).toEqual({
      ok: true,
      value: { saved: true, location: 'downloads' },
    });
    expect(await downloads[0]?.blob.text()).toBe('<p>r</p>');
  });

  it('prints a raw test page for an ESC/POS printer candidate', async () => {
    const { bridge, downloads } = setup();
    const result = await bridge.printTestPage({ target: { kind: 'network', host: '10.0.0.9' } });
    expect(result).toMatchObject({ ok: true });
    expect(downloads).toHaveLength(1);
    expect(encodeDrawerKick(2)).toHaveLength(7);
  });
});

function setupDeps(createChannel: ChannelFactory): BrowserBridgeDeps {
  return {
    document,
    printFrame: () => undefined,
    download: () => undefined,
    storage: { getItem: () => null, setItem: () => undefined },
    createChannel,
    openWindow: () => undefined,
    version: 'x',
    platform: 'x',
  };
}

describe('getBridge', () => {
  it('returns window.pos when the Electron preload provided it', () => {
    const fake = setup().bridge;
    (globalThis as { pos?: unknown }).pos = fake;
    try {
      expect(getBridge()).toBe(fake);
    } finally {
      delete (globalThis as { pos?: unknown }).pos;
    }
  });
});
