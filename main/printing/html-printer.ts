// Prints receipt HTML through an operating-system printer driver, silently: the HTML is loaded
// into a hidden, script-less window and handed to webContents.print with the printer's name.
import type { BrowserWindow, PrinterInfo as ElectronPrinterInfo, WebContentsPrintOptions } from 'electron';
import { PrinterError } from '../../shared/ipc/ipc-errors';
import { type JobPurpose, printerFailure } from './printer-messages';

export type PrintWindow = Pick<BrowserWindow, 'loadURL' | 'destroy'> & {
  webContents: Pick<BrowserWindow['webContents'], 'print' | 'getPrintersAsync'>;
};

export interface HtmlPrinter {
  print(html: string, printerName: string, copies: number, purpose?: JobPurpose): Promise<void>;
  listPrinters(): Promise<ElectronPrinterInfo[]>;
}

export function createHtmlPrinter(createWindow: () => PrintWindow): HtmlPrinter {
  const withWindow = async <T>(run: (window: PrintWindow) => Promise<T>): Promise<T> => {
    const window = createWindow();
    try {
      return await run(window);
    } finally {
      window.destroy();
    }
  };
  return {
    listPrinters: () => withWindow((window) => window.webContents.getPrintersAsync()),
    print: (html, printerName, copies, purpose = 'receipt') =>
      withWindow(async (window) => {
        const printers = await window.webContents.getPrintersAsync();
        if (!printers.some((p) => p.name === printerName)) {
          throw printerFailure(
            PrinterError.NOT_FOUND,
            `The printer "${printerName}" is not installed on this computer: pick another one in Settings > Printer.`,
            purpose,
            { printerName },
          );
        }
        await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        const options: WebContentsPrintOptions = {
          silent: true,
          deviceName: printerName,
          copies,
          printBackground: true,
          margins: { marginType: 'none' },
        };
        await new Promise<void>((resolvePrint, rejectPrint) => {
          window.webContents.print(options, (success, failureReason) => {
            if (success) resolvePrint();
            else
              rejectPrint(
                printerFailure(
                  PrinterError.PRINT_FAILED,
                  `The printer "${printerName}" refused the job (${failureReason || 'no reason given'}): check it has paper and is switched on.`,
                  purpose,
                  { printerName },
                ),
              );
          });
        });
      }),
  };
}
