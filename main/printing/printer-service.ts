// One place that knows which printer the register uses (from settings) and how to reach it:
// HTML through a driver for "system" printers, raw ESC/POS for network and device printers.
import { access, constants } from 'node:fs/promises';
import { isDomainError } from '../../shared/errors';
import { PrinterError } from '../../shared/ipc/ipc-errors';
import type { PrinterInfo, PrinterStatus, PrinterTarget } from '../../shared/ipc/printer-schemas';
import type { Settings } from '../../shared/ipc/settings-schemas';
import { encodeTestPage } from '../../shared/receipt/escpos-encoder';
import { sendToDevicePrinter } from './device-printer';
import type { HtmlPrinter } from './html-printer';
import { probeNetworkPrinter, sendToNetworkPrinter } from './network-printer';
import { type JobPurpose, printerFailure } from './printer-messages';

export interface PrintJobResult {
  printer: string;
  bytesSent?: number;
}

export interface PrinterServiceDeps {
  settings: () => Settings;
  html: HtmlPrinter;
  networkTimeoutMs?: number;
}

function printerLabel(target: PrinterTarget): string {
  switch (target.kind) {
    case 'system':
      return target.name;
    case 'network':
      return `${target.host}:${target.port}`;
    case 'device':
      return target.path;
  }
}

export class PrinterService {
  constructor(private readonly deps: PrinterServiceDeps) {}

  private configured(purpose: JobPurpose): PrinterTarget {
    const target = this.deps.settings().receiptPrinter;
    if (!target)
      throw printerFailure(
        PrinterError.NOT_CONFIGURED,
        'No receipt printer is set up on this register: choose one in Settings > Printer.',
        purpose,
      );
    return target;
  }

  async printHtml(html: string, printerName: string | undefined, copies: number): Promise<PrintJobResult> {
    let name = printerName;
    if (name === undefined) {
      const target = this.configured('receipt');
      if (target.kind !== 'system') {
        throw printerFailure(
          PrinterError.NOT_CONFIGURED,
          `The receipt printer ${printerLabel(target)} takes ESC/POS, not a page: print the receipt as ESC/POS, or choose a system printer in Settings > Printer.`,
          'receipt',
        );
      }
      name = target.name;
    }
    await this.deps.html.print(html, name, copies, 'receipt');
    return { printer: name };
  }

  /** Raw ESC/POS to the configured printer. */
  async printRaw(bytes: Uint8Array, purpose: JobPurpose): Promise<PrintJobResult> {
    return this.sendRaw(this.configured(purpose), bytes, purpose);
  }

  async sendRaw(target: PrinterTarget, bytes: Uint8Array, purpose: JobPurpose): Promise<PrintJobResult> {
    switch (target.kind) {
      case 'system':
        throw printerFailure(
          PrinterError.RAW_NOT_SUPPORTED,
          `"${target.name}" is a system printer, which cannot take ESC/POS commands${purpose === 'drawer' ? ' or open a cash drawer' : ''}: set the thermal printer up as a network or USB printer in Settings > Printer.`,
          purpose,
        );
      case 'network': {
        const bytesSent = await sendToNetworkPrinter(target, bytes, {
          purpose,
          ...(this.deps.networkTimeoutMs ? { timeoutMs: this.deps.networkTimeoutMs } : {}),
        });
        return { printer: printerLabel(target), bytesSent };
      }
      case 'device':
        return { printer: printerLabel(target), bytesSent: await sendToDevicePrinter(target.path, bytes, purpose) };
    }
  }

  async status(): Promise<PrinterStatus> {
    const target = this.deps.settings().receiptPrinter;
    if (!target)
      return {
        state: 'not-configured',
        printer: null,
        message: 'No receipt printer is set up: choose one in Settings > Printer.',
      };
    const printer = printerLabel(target);
    try {
      if (target.kind === 'system') {
        const installed = (await this.deps.html.listPrinters()).some((p) => p.name === target.name);
        return installed
          ? { state: 'ready', printer, message: `${printer} is installed.` }
          : {
              state: 'offline',
              printer,
              message: `${printer} is not installed on this computer: pick another printer in Settings > Printer.`,
            };
      }
      if (target.kind === 'device') {
        await access(target.path, constants.W_OK);
        return { state: 'ready', printer, message: `${printer} is connected.` };
      }
      const probe = await probeNetworkPrinter(
        target,
        this.deps.networkTimeoutMs ? { timeoutMs: this.deps.networkTimeoutMs } : {},
      );
      return probe.state === 'paper-out'
        ? { state: 'paper-out', printer, message: `${printer} is out of paper: load a new roll.` }
        : { state: 'ready', printer, message: `${printer} is answering.` };
    } catch (error) {
      const message = isDomainError(error)
        ? error.message
        : `${printer} cannot be reached: check the cable or network and that it is switched on.`;
      return { state: 'offline', printer, message };
    }
  }

  async testPage(candidate: PrinterTarget | undefined): Promise<PrintJobResult> {
    const target = candidate ?? this.configured('test');
    const label = printerLabel(target);
    if (target.kind === 'system') {
      await this.deps.html.print(
        `<!doctype html><meta charset="utf-8"><h3>Printer test</h3><p>${label.replace(/[<>&"]/g, '')}</p>`,
        target.name,
        1,
        'test',
      );
      return { printer: label };
    }
    return this.sendRaw(target, encodeTestPage(this.deps.settings().receiptColumns, label), 'test');
  }

  async list(): Promise<PrinterInfo[]> {
    const printers = await this.deps.html.listPrinters();
    // CUPS reports the default printer as an "is-default" option; Windows has no such flag here.
    return printers.map((p) => ({
      name: p.name,
      displayName: p.displayName || p.name,
      isDefault: Object.entries(p.options ?? {}).some(([k, v]) => k === 'is-default' && v === 'true'),
    }));
  }
}
