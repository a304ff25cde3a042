// Smoke run of the BUILT main bundle under plain Node, with `electron` resolved to the fake
// module: shows the real start-up sequence (ready → session policy and app:// protocol → IPC
// handlers → a window with the hardened options → app://pos/ loaded).
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpcChannels } from '../shared/ipc/channels';
import { type BuiltMain, buildMainBundle } from '../test/support/main/build-main';

const root = resolve(import.meta.dirname, '..');
let built: BuiltMain;
let userData: string;

interface TraceLine {
  call: string;
  detail?: unknown;
}

async function runBundle(env: Record<string, string>): Promise<{ trace: TraceLine[]; stdout: string }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--import', './test/support/main/use-fake-electron.ts', built.mainBundle],
    {
      cwd: root,
      timeout: 20_000,
      env: { ...process.env, POS_FAKE_ELECTRON_TRACE: '1', POS_FAKE_USER_DATA: userData, ...env },
    },
  );
  const trace = stdout
    .split('\n')
    .filter((line) => line.startsWith('FAKE_ELECTRON '))
    .map((line) => JSON.parse(line.slice('FAKE_ELECTRON '.length)) as TraceLine);
  return { trace, stdout };
}

describe('built main bundle under Node with a fake electron', () => {
  beforeAll(async () => {
    built = await buildMainBundle();
    userData = await mkdtemp(join(tmpdir(), 'pos-smoke-userdata-'));
  }, 60_000);

  afterAll(async () => {
    await built?.cleanup();
    if (userData) await rm(userData, { recursive: true, force: true });
  });

  it('starts: ready, then policy and protocol, then IPC, then one hardened window on app://pos/', async () => {
    const { trace, stdout } = await runBundle({});
    const calls = trace.map((t) => t.call);
    const first = (call: string): number => calls.indexOf(call);

    expect(calls.slice(0, 2)).toEqual(['app.enableSandbox', 'protocol.registerSchemesAsPrivileged']);
    expect(first('app.requestSingleInstanceLock')).toBeLessThan(first('app.whenReady'));
    expect(first('app.whenReady')).toBeLessThan(first('session.setPermissionRequestHandler'));
    expect(first('session.webRequest.onHeadersReceived')).toBeLessThan(first('ipcMain.handle'));
    expect(first('protocol.handle')).toBeLessThan(first('BrowserWindow.new'));
    expect(calls.lastIndexOf('ipcMain.handle')).toBeLessThan(first('BrowserWindow.new'));
    expect(first('BrowserWindow.new')).toBeLessThan(first('BrowserWindow.loadURL'));

    const privileged = trace[1]?.detail as Array<{ scheme: string; privileges: Record<string, boolean> }>;
    expect(privileged[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });

    const channels = trace.filter((t) => t.call === 'ipcMain.handle').map((t) => t.detail);
    expect(channels.sort()).toEqual(Object.values(IpcChannels).sort());

    const windows = trace.filter((t) => t.call === 'BrowserWindow.new');
    expect(windows).toHaveLength(1);
    expect((windows[0]?.detail as { webPreferences: Record<string, unknown> }).webPreferences).toMatchObject({
      preload: built.preloadBundle,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(trace.find((t) => t.call === 'BrowserWindow.loadURL')?.detail).toBe('app://pos/index.html');
    expect(stdout).toContain('[startup] main window loaded app://pos/index.html');
  }, 30_000);

  it('needs no node_modules at run time: only electron and Node built-ins are imported', async () => {
    const files = (await readdir(join(built.dir, 'main'), { recursive: true })).filter((f) => f.endsWith('.js'));
    const specifiers = new Set<string>();
    for (const file of files) {
      const code = await readFile(join(built.dir, 'main', file), 'utf8');
      for (const m of code.matchAll(/(?:from\s*|import\(\s*|require\(\s*)"([^"$]+)"/g))
        if (m[1] && !m[1].startsWith('.')) specifiers.add(m[1]);
    }
    const builtins = new Set(builtinModules);
    const external = [...specifiers].filter((s) => s !== 'electron' && !s.startsWith('node:') && !builtins.has(s));
    expect(external).toEqual([]);
    expect(specifiers).toContain('electron');
  });

  it('quits without opening a window when another register instance holds the lock', async () => {
    const { trace } = await runBundle({ POS_FAKE_SINGLE_INSTANCE_LOCK: '0' });
    const calls = trace.map((t) => t.call);
    expect(calls).toContain('app.quit');
    expect(calls).not.toContain('app.whenReady');
    expect(calls).not.toContain('BrowserWindow.new');
  }, 30_000);
});
