// electron-vite config for the smoke test: builds main and preload exactly as
// electron.vite.config.ts does, but into POS_SMOKE_OUT_DIR so tests never race the real out/.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

const root = resolve(import.meta.dirname, '../..');
const outDir = process.env.POS_SMOKE_OUT_DIR ?? resolve(root, 'out');

export default defineConfig({
  main: {
    root,
    build: { outDir: resolve(outDir, 'main'), rollupOptions: { input: { index: resolve(root, 'main/app.ts') } } },
  },
  preload: {
    root,
    build: {
      outDir: resolve(outDir, 'preload'),
      rollupOptions: { input: { index: resolve(root, 'main/preload/preload.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
});
