// A fake `electron` module: enough of the main-process and preload API for unit tests
// (vi.mock('electron', () => import('…/fake-electron'))) and for smoke-running the built main
// bundle under plain Node (see use-fake-electron.ts). It records what the app does in `trace`.
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';

export interface TraceEntry {
  call: string;
  detail?: unknown;
}

export const trace: TraceEntry[] = [];

function record(call: string, detail?: unknown): void {
  trace.push({ call, detail });
  if (process.env.POS_FAKE_ELECTRON_TRACE === '1')
    process.stdout.write(`FAKE_ELECTRON ${JSON.stringify({ call, detail })}\n`);
}

type Listener = (...args: never[]) => unknown;

class FakeApp extends EventEmitter {
  isPackaged = false;
  singleInstanceLock = process.env.POS_FAKE_SINGLE_INSTANCE_LOCK !== '0';
  userData = process.env.POS_FAKE_USER_DATA ?? tmpdir();
  enableSandbox(): void {
    record('app.enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock', this.singleInstanceLock);
    return this.singleInstanceLock;
  }
  async whenReady(): Promise<void> {
    record('app.whenReady');
  }
  getPath(name: string): string {
    return name === 'userData' ? this.userData : tmpdir();
  }
  getName(): string {
    return 'Store POS';
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  quit(): void {
    record('app.quit');
  }
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  url = '';
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  printers: Array<{ name: string; displayName: string; description: string; options: Record<string, string> }> = [];
  printResult: { success: boolean; reason: string } = { success: true, reason: '' };
  readonly printed: unknown[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  getURL(): string {
    return this.url;
  }
  reload(): void {
    record('webContents.reload', this.id);
  }
  async getPrintersAsync() {
    return this.printers;
  }
  print(options: unknown, callback: (success: boolean, reason: string) => void): void {
    this.printed.push(options);
    callback(this.printResult.success, this.printResult.reason);
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  /** Set by tests to configure the next window's webContents (printers, print result). */
  static prepareWebContents: ((contents: FakeWebContents) => void) | null = null;
  readonly webContents = new FakeWebContents();
  destroyed = false;
  kiosk: boolean;
  fullScreen: boolean;
  constructor(readonly options: Record<string, unknown>) {
    super();
    this.kiosk = options.kiosk === true;
    this.fullScreen = options.fullscreen === true;
    BrowserWindow.instances.push(this);
    BrowserWindow.prepareWebContents?.(this.webContents);
    record('BrowserWindow.new', { webPreferences: options.webPreferences, kiosk: options.kiosk });
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    record('BrowserWindow.loadURL', url);
    // Like Electron, the page finishes loading after loadURL has returned to its caller.
    queueMicrotask(() => this.webContents.emit('did-finish-load'));
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
  setKiosk(on: boolean): void {
    this.kiosk = on;
  }
  setFullScreen(on: boolean): void {
    this.fullScreen = on;
  }
}

export const app = new FakeApp();

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, listener: Listener): void {
    record('ipcMain.handle', channel);
    this.handlers.set(channel, listener);
  },
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    record('protocol.registerSchemesAsPrivileged', schemes);
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    record('protocol.handle', scheme);
    this.handlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    devicePermissionHandler: null as Listener | null,
    headersHandler: null as Listener | null,
    certificateVerifyProc: null as Listener | null,
    setCertificateVerifyProc(proc: Listener | null): void {
      record('session.setCertificateVerifyProc');
      this.certificateVerifyProc = proc;
    },
    setPermissionRequestHandler(handler: Listener): void {
      record('session.setPermissionRequestHandler');
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Listener): void {
      this.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler: Listener): void {
      this.devicePermissionHandler = handler;
    },
    webRequest: {
      onHeadersReceived(handler: Listener): void {
        record('session.webRequest.onHeadersReceived');
        session.defaultSession.headersHandler = handler;
      },
    },
  },
};

class FakeScreen extends EventEmitter {
  displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }];
  getAllDisplays() {
    return this.displays;
  }
  getPrimaryDisplay() {
    return this.displays[0];
  }
}
export const screen = new FakeScreen();

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
};

export const dialog = {
  saveResult: { canceled: true, filePath: undefined as string | undefined },
  async showSaveDialog(...args: unknown[]) {
    record('dialog.showSaveDialog', args.length);
    return this.saveResult;
  },
  messageBoxAnswer: 0,
  showMessageBoxSync(...args: unknown[]): number {
    record('dialog.showMessageBoxSync', args.length);
    return this.messageBoxAnswer;
  },
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', { title, content });
  },
};

// Preload side.
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invocations: [] as unknown[][],
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push([channel, ...args]);
    return { ok: true, value: channel };
  },
});

export const Menu = {
  applicationMenu: null as unknown,
  buildFromTemplate(template: unknown[]): unknown {
    return { template };
  },
  setApplicationMenu(menu: unknown): void {
    Menu.applicationMenu = menu;
    record('Menu.setApplicationMenu', menu);
  },
};

export default {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  protocol,
  session,
  screen,
  shell,
  dialog,
  contextBridge,
  ipcRenderer,
};
