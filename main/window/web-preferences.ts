// The one set of webPreferences for every window that shows app content.
import type { WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string | null): WebPreferences {
  return {
    ...(preloadPath ? { preload: preloadPath } : {}),
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
    // Middle-click must not open links in new windows behind the window.open handler's back.
    disableBlinkFeatures: 'Auxclick',
  };
}

/** For hidden print jobs: the receipt HTML is data, so it gets no script and no bridge at all. */
export function printJobWebPreferences(): WebPreferences {
  return { ...secureWebPreferences(null), javascript: false, images: true };
}
