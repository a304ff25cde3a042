// Electron main process entry (placeholder until the Electron shell work lands): opens one window
// with the built renderer.
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';

async function start(): Promise<void> {
  await app.whenReady();
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  await window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
}

start().catch((error: unknown) => {
  console.error(error);
  app.quit();
});
