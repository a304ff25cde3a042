// The start-up sequence of the register app: lock → harden → ready → settings → session policy
// and app:// protocol → IPC handlers → main window → customer display → updater.
import { join } from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import { CashDrawer } from './devices/cash-drawer';
import { CustomerDisplay } from './display/customer-display';
import { createFileSaver } from './files/file-saver';
import { createIpcHandlers } from './ipc/ipc-handlers';
import { registerIpcHandlers } from './ipc/ipc-router';
import { createHtmlPrinter } from './printing/html-printer';
import { PrinterService } from './printing/printer-service';
import { APP_SCHEME, createAppProtocolHandler } from './protocol/app-protocol';
import { installAppMenu } from './security/app-menu';
import { installCertificatePinning, openPinFile } from './security/certificate-pin';
import { installCspHeaders } from './security/content-security-policy';
import { createExternalLinks } from './security/external-links';
import { installPermissionPolicy } from './security/permissions';
import { isTrustedUrl, originOf } from './security/trusted-url';
import { hardenWebContents } from './security/web-contents-hardening';
import { SettingsStore } from './settings/settings-store';
import { loadShellConfig } from './shell-config';
import { acquireSingleInstance } from './single-instance';
import { loadElectronUpdater } from './updater/electron-updater-adapter';
import { UpdateController } from './updater/update-controller';
import { createCustomerDisplayWindow } from './window/customer-display-window';
import { guardCloseDuringSale } from './window/close-guard';
import { applyWindowSettings, createMainWindow } from './window/main-window';
import { createSecureWindow } from './window/secure-window';

const log = (message: string): void => console.info(`[startup] ${message}`);

export async function startShell(bundleDir: string): Promise<void> {
  let mainWindow: BrowserWindow | null = null;
  if (
    !acquireSingleInstance(app, () => {
      if (!mainWindow) return;
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    })
  ) {
    log('another register window is already running; quitting');
    app.quit();
    return;
  }

  const config = loadShellConfig(bundleDir, process.env, app.isPackaged);
  const trusted = (url: string): boolean => isTrustedUrl(url, config.trustedOrigins);
  let settings: SettingsStore | null = null;
  const externalLinks = createExternalLinks(
    () => {
      const server = settings?.get().serverUrl;
      const serverOrigin = server ? originOf(server) : null;
      return serverOrigin?.startsWith('https://') ? [...config.externalOrigins, serverOrigin] : config.externalOrigins;
    },
    (url) => shell.openExternal(url),
  );

  // Every WebContents, including ones created later (print jobs, the customer display), is hardened.
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { isTrustedUrl: trusted, externalLinks }),
  );
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();
  log('ready');
  settings = await SettingsStore.open(app.getPath('userData'));
  const store = settings;

  installAppMenu(Menu, app.isPackaged);
  installPermissionPolicy(session.defaultSession, trusted);
  const pinning = installCertificatePinning(session.defaultSession, {
    pins: await openPinFile(join(app.getPath('userData'), 'certificate-pins.json'), log),
    serverUrl: () => store.get().serverUrl,
    log,
  });
  // Enrollment sets the server address: pin the certificate its enrollment request was answered with.
  store.onChange((next, previous) => {
    if (next.serverUrl !== previous.serverUrl) void pinning.serverEnrolled(next.serverUrl);
  });
  installCspHeaders(session.defaultSession, () => {
    const server = store.get().serverUrl;
    return server ? originOf(server) : null;
  });
  protocol.handle(APP_SCHEME, createAppProtocolHandler(config.rendererRoot));

  const printers = new PrinterService({
    settings: () => store.get(),
    html: createHtmlPrinter(() => createSecureWindow({ show: false }, { preload: null, javascript: false })),
  });
  const display = new CustomerDisplay({
    screen,
    enabled: () => store.get().customerDisplay,
    createWindow: (bounds) => createCustomerDisplayWindow(bounds, config.preloadPath, config.entryUrl),
  });
  // Only the packaged configuration or the environment names the update feed (https only); the
  // renderer cannot change it.
  const feedUrl = config.updateFeedUrl;
  const updates = new UpdateController(app.isPackaged && feedUrl ? await loadElectronUpdater() : null, { feedUrl });

  const methods = registerIpcHandlers(
    ipcMain,
    createIpcHandlers({
      appInfo: () => ({
        name: app.getName(),
        version: app.getVersion(),
        runtime: 'electron',
        platform: process.platform,
        isPackaged: app.isPackaged,
      }),
      printers,
      drawer: new CashDrawer(() => store.get(), printers),
      display,
      updates,
      settings: store,
      links: externalLinks,
      files: createFileSaver({
        defaultFolder: () => app.getPath('documents'),
        showSaveDialog: (defaultPath) =>
          mainWindow ? dialog.showSaveDialog(mainWindow, { defaultPath }) : dialog.showSaveDialog({ defaultPath }),
      }),
    }),
    { isTrustedUrl: trusted },
  );
  log(`ipc handlers registered: ${methods.length}`);

  const window = createMainWindow(config.preloadPath, store.get());
  mainWindow = window;
  window.on('closed', () => {
    mainWindow = null;
  });
  guardCloseDuringSale(
    window,
    () => updates.status().saleInProgress,
    (options) => dialog.showMessageBoxSync(window, options),
  );
  store.onChange((next, previous) => {
    if (next.kiosk !== previous.kiosk || next.fullScreen !== previous.fullScreen) applyWindowSettings(window, next);
    if (next.customerDisplay !== previous.customerDisplay) display.sync();
  });
  display.start();
  updates.start();
  await window.loadURL(config.startUrl);
  log(`main window loaded ${config.startUrl}`);
}
