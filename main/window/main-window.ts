// The register window. If its renderer process dies, the window reloads: the renderer restores
// the open sale from IndexedDB on start, so the clerk continues where they were.
import type { BrowserWindow } from 'electron';
import type { Settings } from '../../shared/ipc/settings-schemas';
import { createSecureWindow } from './secure-window';

export function createMainWindow(
  preloadPath: string,
  settings: Settings,
  log: (message: string) => void = console.warn,
): BrowserWindow {
  const window = createSecureWindow(
    {
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 680,
      show: false,
      title: 'Store POS',
      backgroundColor: '#ffffff',
      autoHideMenuBar: true,
      kiosk: settings.kiosk,
      fullscreen: settings.kiosk || settings.fullScreen,
    },
    { preload: preloadPath },
  );
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    log(`[window] renderer gone (${details.reason}); reloading`);
    if (details.reason !== 'clean-exit' && !window.isDestroyed()) window.webContents.reload();
  });
  window.on('unresponsive', () => log('[window] renderer unresponsive'));
  return window;
}

export function applyWindowSettings(
  window: Pick<BrowserWindow, 'setKiosk' | 'setFullScreen' | 'isDestroyed'>,
  settings: Settings,
): void {
  if (window.isDestroyed()) return;
  window.setKiosk(settings.kiosk);
  window.setFullScreen(settings.kiosk || settings.fullScreen);
}
