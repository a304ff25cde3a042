// Smoke: the sync server starts on a temporary data folder and serves the built POS; headless
// Chromium opens it and sees the first screen.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../sync-server/server';
import { chromiumEnabled } from '../support/env';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';

describe.runIf(chromiumEnabled)('smoke: server + POS in Chromium', () => {
  const dataDir = makeTempDir();
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({
      host: '127.0.0.1',
      port: 0,
      storage: { kind: 'sqlite', dataDir: dataDir.path },
      logLevel: 'warn',
      posDir: resolve('out/renderer'),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  it('answers /health naming its storage', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', storage: 'sqlite' });
  });

  it('shows the first screen of the POS', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await expect(page.getByTestId('first-screen').textContent({ timeout: 15_000 })).resolves.toContain(
      'enrollment code',
    );
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/smoke-first-screen.png' });
    expect(errors).toEqual([]);
  });
});
