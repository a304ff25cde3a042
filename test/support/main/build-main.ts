// Builds main + preload with electron-vite (same settings as electron.vite.config.ts) into a
// fresh folder under node_modules/.cache, so tests never race the real out/ used by other suites.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'electron-vite';

const projectRoot = resolve(import.meta.dirname, '../../..');

export interface BuiltMain {
  dir: string;
  mainBundle: string;
  preloadBundle: string;
  cleanup(): Promise<void>;
}

export async function buildMainBundle(): Promise<BuiltMain> {
  // Inside the project so the bundle's external imports (zod, electron-updater) resolve.
  const cache = join(projectRoot, 'node_modules/.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, 'pos-main-build-'));
  // Below node_modules Node looks no further for "type": "module", so say it here.
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  const previous = process.env.POS_SMOKE_OUT_DIR;
  process.env.POS_SMOKE_OUT_DIR = dir;
  try {
    await build({ configFile: join(projectRoot, 'test/support/main/smoke-build.config.ts'), logLevel: 'error' });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    if (previous === undefined) delete process.env.POS_SMOKE_OUT_DIR;
    else process.env.POS_SMOKE_OUT_DIR = previous;
  }
  return {
    dir,
    mainBundle: join(dir, 'main/index.js'),
    preloadBundle: join(dir, 'preload/index.cjs'),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
