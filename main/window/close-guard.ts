// Closing the register window while a sale is open loses nothing (the sale is in IndexedDB and
// comes back on start), but it is rarely meant: ask first. Quitting for an update never gets
// here mid-sale because the updater refuses to restart then.
import type { BrowserWindow, MessageBoxSyncOptions } from 'electron';

export type GuardedWindow = Pick<BrowserWindow, 'on'>;

export function guardCloseDuringSale(
  window: GuardedWindow,
  saleInProgress: () => boolean,
  ask: (options: MessageBoxSyncOptions) => number,
): void {
  window.on('close', (event) => {
    if (!saleInProgress()) return;
    const choice = ask({
      type: 'question',
      buttons: ['Keep the register open', 'Close'],
      defaultId: 0,
      cancelId: 0,
      title: 'A sale is open',
      message: 'A sale is open on this register.',
      detail: 'It is saved and will be back when Store POS starts again. Close anyway?',
    });
    if (choice === 0) event.preventDefault();
  });
}
