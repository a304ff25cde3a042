// Preload (CommonJS, sandboxed): exposes the typed window.pos bridge. Filled in by the Electron shell work.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('pos', { platform: 'electron' });
