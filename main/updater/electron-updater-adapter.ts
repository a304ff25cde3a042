// Wraps electron-updater's autoUpdater as an UpdaterPort. Loaded lazily (packaged builds only):
// in development there is nothing to update and the module expects a packaged app.
import type { UpdaterEvent, UpdaterPort } from './update-controller';

export async function loadElectronUpdater(): Promise<UpdaterPort> {
  const { autoUpdater } = (await import('electron-updater')).default;
  return {
    configure(feedUrl) {
      autoUpdater.autoDownload = true;
      autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });
    },
    setInstallOnQuit(allowed) {
      autoUpdater.autoInstallOnAppQuit = allowed;
    },
    async check() {
      await autoUpdater.checkForUpdates();
    },
    quitAndInstall() {
      autoUpdater.quitAndInstall(false, true);
    },
    onEvent(listener: (event: UpdaterEvent) => void) {
      autoUpdater.on('checking-for-update', () => listener({ type: 'checking' }));
      autoUpdater.on('update-available', (info) => listener({ type: 'available', version: info.version }));
      autoUpdater.on('update-not-available', () => listener({ type: 'not-available' }));
      autoUpdater.on('download-progress', (progress) => listener({ type: 'progress', percent: progress.percent }));
      autoUpdater.on('update-downloaded', (info) => listener({ type: 'downloaded', version: info.version }));
      autoUpdater.on('error', (error) => listener({ type: 'error', message: error.message }));
    },
  };
}
