// The customer-facing display: a second window, full screen on the first non-primary screen,
// showing the cart the renderer sends. It follows screens being plugged in and out, and a newly
// opened window gets the latest state as soon as it has loaded.
import type { BrowserWindow, Display, Rectangle, Screen } from 'electron';
import { IpcEvents } from '../../shared/ipc/channels';
import type { CustomerDisplayState } from '../../shared/ipc/display-schemas';

export type DisplayWindow = Pick<BrowserWindow, 'on' | 'isDestroyed' | 'destroy'> & {
  webContents: Pick<BrowserWindow['webContents'], 'send' | 'on'>;
};

export type DisplayScreen = Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'on'>;

export interface CustomerDisplayDeps {
  screen: DisplayScreen;
  createWindow: (bounds: Rectangle) => DisplayWindow;
  enabled: () => boolean;
  log?: (message: string) => void;
}

export class CustomerDisplay {
  private window: DisplayWindow | null = null;
  private last: CustomerDisplayState | null = null;

  constructor(private readonly deps: CustomerDisplayDeps) {}

  start(): void {
    this.sync();
    this.deps.screen.on('display-added', () => this.sync());
    this.deps.screen.on('display-removed', () => this.sync());
  }

  /** Opens or closes the window to match the screens and the setting. */
  sync(): void {
    const secondary = this.secondaryDisplay();
    const wanted = this.deps.enabled() && secondary !== null;
    if (wanted && secondary && !this.window) {
      const window = this.deps.createWindow(secondary.bounds);
      this.window = window;
      window.on('closed', () => {
        if (this.window === window) this.window = null;
      });
      window.webContents.on('did-finish-load', () => {
        if (this.last && !window.isDestroyed()) window.webContents.send(IpcEvents.customerDisplayState, this.last);
      });
      (this.deps.log ?? console.info)(`[display] customer display opened on screen ${secondary.id}`);
    } else if (!wanted && this.window) {
      const window = this.window;
      this.window = null;
      if (!window.isDestroyed()) window.destroy();
    }
  }

  update(state: CustomerDisplayState): { shown: boolean } {
    this.last = state;
    const window = this.window;
    if (!window || window.isDestroyed()) return { shown: false };
    window.webContents.send(IpcEvents.customerDisplayState, state);
    return { shown: true };
  }

  private secondaryDisplay(): Display | null {
    const primary = this.deps.screen.getPrimaryDisplay();
    return this.deps.screen.getAllDisplays().find((d) => d.id !== primary.id) ?? null;
  }
}
