// The renderer alone, for the browser build and for `npm run dev` without Electron.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../out/renderer'),
    emptyOutDir: true,
    // hq.html: the HQ console, a second entry served by the sync server at /hq/.
    rollupOptions: {
      input: { index: resolve(import.meta.dirname, 'index.html'), hq: resolve(import.meta.dirname, 'hq.html') },
    },
  },
});
