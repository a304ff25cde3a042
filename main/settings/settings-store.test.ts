import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShellError } from '../../shared/ipc/ipc-errors';
import { defaultSettings } from '../../shared/ipc/settings-schemas';
import { SettingsStore } from './settings-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pos-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settings store', () => {
  it('starts from defaults and persists changes across restarts', async () => {
    const store = await SettingsStore.open(dir);
    expect(store.get()).toEqual(defaultSettings());
    await store.update({ kiosk: true, receiptPrinter: { kind: 'network', host: '10.0.0.5' } });
    const reopened = await SettingsStore.open(dir);
    expect(reopened.get()).toMatchObject({
      kiosk: true,
      receiptPrinter: { kind: 'network', host: '10.0.0.5', port: 9100 },
    });
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('refuses invalid settings with a coded error and keeps the old ones', async () => {
    const store = await SettingsStore.open(dir);
    for (const patch of [
      { receiptPrinter: { kind: 'device', path: '/home/clerk/.bashrc' } },
      { serverUrl: 'ftp://server' },
      { receiptColumns: 40 },
      { unknown: true },
    ]) {
      await expect(store.update(patch)).rejects.toMatchObject({ code: ShellError.SETTINGS_INVALID });
    }
    expect(store.get()).toEqual(defaultSettings());
  });

  it('tells listeners what changed', async () => {
    const store = await SettingsStore.open(dir);
    const seen: Array<[boolean, boolean]> = [];
    store.onChange((next, previous) => seen.push([previous.kiosk, next.kiosk]));
    await store.update({ kiosk: true });
    expect(seen).toEqual([[false, true]]);
  });

  it('falls back to defaults from a corrupt file and keeps the corrupt file aside', async () => {
    await writeFile(join(dir, 'settings.json'), '{"kiosk": tru');
    const logs: string[] = [];
    const store = await SettingsStore.open(dir, (m) => logs.push(m));
    expect(store.get()).toEqual(defaultSettings());
    expect(logs.join()).toMatch(/not JSON/);
    expect((await readdir(dir)).some((f) => f.startsWith('settings.json.invalid-'))).toBe(true);
    await store.update({ fullScreen: true });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ fullScreen: true });
  });
});

describe('settings patches', () => {
  it('changes only the fields a patch names', async () => {
    const store = await SettingsStore.open(dir);
    await store.update({ receiptPrinter: { kind: 'device', path: '/dev/usb/lp0' } });
    await store.update({ cashDrawer: { enabled: true, pin: 5 } });
    expect(store.get()).toMatchObject({
      receiptPrinter: { kind: 'device', path: '/dev/usb/lp0' },
      cashDrawer: { enabled: true, pin: 5 },
      receiptColumns: 48,
    });
  });
});
