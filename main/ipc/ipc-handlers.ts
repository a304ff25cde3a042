// The handler for each contract method: thin calls into the services that own the behaviour.
import type { AppInfo } from '../../shared/ipc/misc-schemas';
import type { CashDrawer } from '../devices/cash-drawer';
import type { CustomerDisplay } from '../display/customer-display';
import type { FileSaver } from '../files/file-saver';
import type { PrinterService } from '../printing/printer-service';
import type { ExternalLinks } from '../security/external-links';
import type { SettingsStore } from '../settings/settings-store';
import type { UpdateController } from '../updater/update-controller';
import type { IpcHandlers } from './ipc-router';

export interface ShellServices {
  appInfo: () => AppInfo;
  printers: Pick<PrinterService, 'printHtml' | 'printRaw' | 'status' | 'testPage' | 'list'>;
  drawer: Pick<CashDrawer, 'open'>;
  display: Pick<CustomerDisplay, 'update'>;
  updates: Pick<UpdateController, 'setSaleInProgress' | 'status' | 'install'>;
  settings: Pick<SettingsStore, 'get' | 'update'>;
  links: Pick<ExternalLinks, 'open'>;
  files: FileSaver;
}

export function createIpcHandlers(s: ShellServices): IpcHandlers {
  return {
    appInfo: () => s.appInfo(),
    printReceiptHtml: (args) => s.printers.printHtml(args.html, args.printerName, args.copies),
    printRaw: (args) => s.printers.printRaw(args.bytes, args.purpose),
    openCashDrawer: () => s.drawer.open(),
    printerStatus: () => s.printers.status(),
    printTestPage: (args) => s.printers.testPage(args.target),
    listPrinters: () => s.printers.list(),
    customerDisplayUpdate: (args) => s.display.update(args),
    setSaleInProgress: (args) => s.updates.setSaleInProgress(args.inProgress),
    updateStatus: () => s.updates.status(),
    updateInstall: () => s.updates.install(),
    settingsGet: () => s.settings.get(),
    settingsSet: (args) => s.settings.update(args),
    openExternal: async (args) => {
      await s.links.open(args.url);
      return { done: true as const };
    },
    saveFile: (args) => s.files.save(args),
  };
}
