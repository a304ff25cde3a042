// `npm start`: the sync server on its embedded defaults with the demo chain, then the POS as a
// register of store S001 — in Electron where its binary is available, else in the browser.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../sync-server/config';
import { startServer, type RunningServer } from '../sync-server/server';
import { explainStartupError } from '../sync-server/startup-error';
import { DEMO_STORE_CODE, demoStaffSummary } from './demo-info';

const root = resolve(import.meta.dirname, '..');
const rendererOut = join(root, 'out/renderer/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfStale(): void {
  const built = existsSync(rendererOut) ? statSync(rendererOut).mtimeMs : 0;
  const sources = Math.max(...['renderer', 'shared', 'main'].map((dir) => newestMtime(join(root, dir))));
  if (built >= sources) return;
  console.log('Building the POS app (first start or sources changed)…');
  const result = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The POS app did not build; see the errors above.');
    process.exit(1);
  }
}

/** Path of the Electron binary, or the reason there is none (asked in a child: electron's
 * module tries to download its binary when it is missing, and prints while doing so). */
function findElectron(): { path: string } | { reason: string } {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  });
  const path = probe.stdout?.trim();
  if (probe.status === 0 && path && existsSync(path)) return { path };
  return { reason: 'the Electron binary is not installed and could not be downloaded' };
}

async function main(): Promise<void> {
  buildIfStale();
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    console.error(explainStartupError(error, {}));
    process.exit(1);
  }
  const posDir = join(root, 'out/renderer');
  let server: RunningServer;
  try {
    server = await startServer({ ...config, posDir, seedDemo: true, logLevel: process.env.LOG_LEVEL ?? 'warn' });
  } catch (error) {
    console.error(
      explainStartupError(error, {
        port: config.port,
        dataDir: config.storage.kind === 'sqlite' ? config.storage.dataDir : undefined,
        databaseUrl: config.storage.kind === 'postgres' ? config.storage.url : undefined,
      }),
    );
    process.exit(1);
  }
  const enrollment = await server.auth.createEnrollmentCode(DEMO_STORE_CODE, 24 * 60);
  console.log(`Sync server: ${server.url} (storage: ${server.storage.kind} at ${server.storage.location})`);
  if (server.hqTokenGenerated && server.hqToken) console.log(`HQ admin token (shown once): ${server.hqToken}`);
  console.log(`Enrollment code for a register of store ${DEMO_STORE_CODE}: ${enrollment.code}`);
  console.log(demoStaffSummary());

  let electron: ChildProcess | undefined;
  const stop = (code = 0) => {
    electron?.kill();
    server.close().then(
      () => process.exit(code),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));

  const found = findElectron();
  if ('path' in found) {
    electron = spawn(found.path, [root], {
      stdio: 'inherit',
      env: { ...process.env, POS_SERVER_URL: server.url, POS_ENROLLMENT_CODE: enrollment.code },
    });
    electron.on('exit', () => stop(0));
    console.log('POS register opened in Electron. Ctrl-C stops everything.');
  } else {
    const url = `${server.url}/#/enroll?server=${encodeURIComponent(server.url)}&code=${encodeURIComponent(enrollment.code)}`;
    console.log(`Electron is not available (${found.reason}); serving the POS in the browser instead: open ${url}`);
    console.log('Ctrl-C stops everything.');
  }
}

await main();
