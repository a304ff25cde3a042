// Builds the three parts of the desktop app: main (ESM), preload (CommonJS, required by
// sandbox: true) and the renderer (the same bundle also served to plain browsers).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      // Bundle main's dependencies (zod, electron-updater) so the packaged app needs no
      // node_modules: the server-only dependencies never reach app.asar (see electron-builder.yml).
      externalizeDeps: false,
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'main/app.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'main/preload/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      emptyOutDir: true,
      // hq.html: the HQ console, a second entry served by the sync server at /hq/.
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'renderer/index.html'),
          hq: resolve(import.meta.dirname, 'renderer/hq.html'),
        },
      },
    },
  },
});
