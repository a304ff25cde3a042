import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrinterError } from '../../shared/ipc/ipc-errors';
import type { PrinterTarget } from '../../shared/ipc/printer-schemas';
import { type Settings, defaultSettings } from '../../shared/ipc/settings-schemas';
import { CashDrawer } from '../devices/cash-drawer';
import { closedPort, startFakePrinter } from '../../test/support/main/fake-printer';
import { sendToDevicePrinter } from './device-printer';
import type { HtmlPrinter } from './html-printer';
import { PrinterService } from './printer-service';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pos-printers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function service(receiptPrinter: PrinterTarget | null, extra: Partial<Settings> = {}) {
  const printedHtml: Array<{ html: string; name: string }> = [];
  const html: HtmlPrinter = {
    print: async (h, name) => void printedHtml.push({ html: h, name }),
    listPrinters: async () => [{ name: 'Front Desk', displayName: 'Front Desk', description: '', options: {} }],
  };
  const settings = { ...defaultSettings(), receiptPrinter, ...extra };
  return {
    printers: new PrinterService({ settings: () => settings, html, networkTimeoutMs: 1000 }),
    printedHtml,
    settings,
  };
}

describe('printer service', () => {
  it('reports a missing printer as not configured and refuses jobs with a coded error', async () => {
    const { printers } = service(null);
    expect(await printers.status()).toMatchObject({ state: 'not-configured', printer: null });
    await expect(printers.printRaw(Uint8Array.of(1), 'receipt')).rejects.toMatchObject({
      code: PrinterError.NOT_CONFIGURED,
    });
    await expect(printers.printHtml('<p/>', undefined, 1)).rejects.toMatchObject({ code: PrinterError.NOT_CONFIGURED });
  });

  it('sends receipt HTML to the configured system printer but no ESC/POS (and so no drawer)', async () => {
    const { printers, printedHtml, settings } = service({ kind: 'system', name: 'Front Desk' });
    expect(await printers.printHtml('<p>r</p>', undefined, 1)).toEqual({ printer: 'Front Desk' });
    expect(printedHtml).toEqual([{ html: '<p>r</p>', name: 'Front Desk' }]);
    expect(await printers.status()).toMatchObject({ state: 'ready' });
    await expect(printers.printRaw(Uint8Array.of(1), 'receipt')).rejects.toMatchObject({
      code: PrinterError.RAW_NOT_SUPPORTED,
    });
    const drawer = new CashDrawer(() => ({ ...settings, cashDrawer: { enabled: true, pin: 2 } }), printers);
    await expect(drawer.open()).rejects.toThrow(/cannot take ESC\/POS commands or open a cash drawer/);
  });

  it('reports an uninstalled system printer as offline', async () => {
    const { printers } = service({ kind: 'system', name: 'Gone' });
    expect(await printers.status()).toMatchObject({
      state: 'offline',
      message: expect.stringMatching(/not installed/),
    });
  });

  it('reports a network printer that does not answer as offline, with what to check', async () => {
    const { printers } = service({ kind: 'network', host: '127.0.0.1', port: await closedPort() });
    expect(await printers.status()).toMatchObject({ state: 'offline', message: expect.stringMatching(/switched on/) });
  });

  it('prints a test page to a candidate printer before it is saved', async () => {
    const printer = await startFakePrinter();
    try {
      const { printers } = service(null, { receiptColumns: 42 });
      const job = printer.nextJob();
      await printers.testPage({ kind: 'network', host: '127.0.0.1', port: printer.port });
      const text = (await job).toString('latin1');
      expect(text).toContain('PRINTER TEST');
      expect(text).toContain('0123456789'.repeat(5).slice(0, 42) + '\n');
    } finally {
      await printer.close();
    }
  });

  it('writes raw jobs to a device and explains a missing one', async () => {
    const device = join(dir, 'lp0');
    await writeFile(device, '');
    expect(await sendToDevicePrinter(device, Uint8Array.of(0x1b, 0x40))).toBe(2);
    expect([...(await readFile(device))]).toEqual([0x1b, 0x40]);
    await expect(sendToDevicePrinter(join(dir, 'missing'), Uint8Array.of(1))).rejects.toMatchObject({
      code: PrinterError.DEVICE_UNAVAILABLE,
      message: expect.stringMatching(/No printer is connected.*The sale is saved/),
    });
  });
});
