// The only place the app constructs a BrowserWindow, so every window gets the same hardened
// webPreferences (written out literally here so static checkers such as Electronegativity see them).
import { app, BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

export interface SecureWindowOptions {
  /** The window.pos bridge; null for windows that show data only (print jobs). */
  preload: string | null;
  /** Print jobs render receipt HTML as inert data, without script. */
  javascript?: boolean;
}

export function createSecureWindow(
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  secure: SecureWindowOptions,
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      ...(secure.preload ? { preload: secure.preload } : {}),
      javascript: secure.javascript ?? true,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A packaged register has no DevTools: a clerk could otherwise read local data and clear the PIN lockout.
      devTools: !app.isPackaged,
      // Middle-click must not open links in new windows behind the window.open handler's back.
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
