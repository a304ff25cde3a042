// The cash drawer hangs off the receipt printer's drawer port: opening it is a pulse command sent
// through the printer, so it needs an ESC/POS (network or device) printer.
import { DomainError } from '../../shared/errors';
import { DrawerError } from '../../shared/ipc/ipc-errors';
import type { Settings } from '../../shared/ipc/settings-schemas';
import { encodeDrawerKick } from '../../shared/receipt/escpos-encoder';
import type { PrintJobResult, PrinterService } from '../printing/printer-service';

export class CashDrawer {
  constructor(
    private readonly settings: () => Settings,
    private readonly printers: Pick<PrinterService, 'printRaw'>,
  ) {}

  async open(): Promise<PrintJobResult> {
    const { cashDrawer } = this.settings();
    if (!cashDrawer.enabled) {
      throw new DomainError(
        DrawerError.NOT_ENABLED,
        'No cash drawer is set up on this register: turn it on in Settings > Cash drawer, or open the drawer with its key.',
      );
    }
    return this.printers.printRaw(encodeDrawerKick(cashDrawer.pin), 'drawer');
  }
}
