// electron-vite config for tests: the main and preload sections of electron.vite.config.ts, built
// into POS_SMOKE_OUT_DIR so tests never race the real out/ used by other suites.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import base from '../../../electron.vite.config';

const root = resolve(import.meta.dirname, '../../..');
const outDir = process.env.POS_SMOKE_OUT_DIR ?? resolve(root, 'out');

if (typeof base === 'function' || base instanceof Promise || !base.main || !base.preload) {
  throw new Error('electron.vite.config.ts must export a plain config with main and preload sections.');
}

// This file is bundled into test/support/main, so paths the base config built from its own
// import.meta.dirname are rebuilt here from the project root.
export default defineConfig({
  main: {
    ...base.main,
    root,
    build: {
      ...base.main.build,
      outDir: resolve(outDir, 'main'),
      rollupOptions: { ...base.main.build?.rollupOptions, input: { index: resolve(root, 'main/app.ts') } },
    },
  },
  preload: {
    ...base.preload,
    root,
    build: {
      ...base.preload.build,
      outDir: resolve(outDir, 'preload'),
      rollupOptions: {
        ...base.preload.build?.rollupOptions,
        input: { index: resolve(root, 'main/preload/preload.ts') },
      },
    },
  },
});
