// The customer display's window: frameless and full screen on the given screen, same page and
// bridge as the register, opened at the #/customer-display route.
import { BrowserWindow, type Rectangle } from 'electron';
import { secureWebPreferences } from './web-preferences';

export function createCustomerDisplayWindow(bounds: Rectangle, preloadPath: string, url: string, log: (message: string) => void = console.warn): BrowserWindow {
  const window = new BrowserWindow({
    ...bounds,
    frame: false,
    fullscreen: true,
    focusable: false,
    skipTaskbar: true,
    title: 'Customer display',
    backgroundColor: '#000000',
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.loadURL(`${url}#/customer-display`).catch((error: unknown) => log(`[display] could not load: ${String(error)}`));
  return window;
}
