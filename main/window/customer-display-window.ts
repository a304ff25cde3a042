// The customer display's window: frameless and full screen on the given screen, same page and
// bridge as the register, opened at the #/customer-display route.
import type { BrowserWindow, Rectangle } from 'electron';
import { createSecureWindow } from './secure-window';

export function createCustomerDisplayWindow(
  bounds: Rectangle,
  preloadPath: string,
  url: string,
  log: (message: string) => void = console.warn,
): BrowserWindow {
  const window = createSecureWindow(
    {
      ...bounds,
      frame: false,
      fullscreen: true,
      focusable: false,
      skipTaskbar: true,
      title: 'Customer display',
      backgroundColor: '#000000',
    },
    { preload: preloadPath },
  );
  window
    .loadURL(`${url}#/customer-display`)
    .catch((error: unknown) => log(`[display] could not load: ${String(error)}`));
  return window;
}
