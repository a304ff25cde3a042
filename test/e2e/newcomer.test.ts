// The demo path a newcomer follows from the README: `npm start` (on a fresh data folder and a free
// port), open the address it prints, enroll with the printed code, sign in with the printed clerk
// PIN, open the till, find a product by name, pay cash and see the receipt. Before the start
// script's enrollment code resolved the store code "S001", setup stopped at "The store settings
// have not arrived yet" and this test timed out waiting for the sign-in screen.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumEnabled } from '../support/env';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';

interface Printed {
  address: string;
  code: string;
  clerk: { name: string; pin: string };
}

/** Reads what `npm start` printed until the browser address line appears. */
function waitForPrinted(child: ChildProcess, timeoutMs: number): Promise<Printed> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`npm start printed no address within ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const address = /open (http:\/\/\S+)/.exec(out)?.[1];
      const code = /Enrollment code for a register of store \S+: (\S+)/.exec(out)?.[1];
      const clerk = /([A-Z][a-z]+ [A-Z][a-z]+) \(clerk\) PIN (\d+)/.exec(out);
      if (address && code && clerk) {
        clearTimeout(timer);
        resolve({ address, code, clerk: { name: clerk[1]!, pin: clerk[2]! } });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (status) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${status}) before printing an address:\n${out}`));
    });
  });
}

/** Ends `npm start` and everything it spawned (npm → tsx → node): the child leads its own group. */
async function stopTree(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGINT');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

describe.runIf(chromiumEnabled)('a newcomer follows the README: npm start, then a first sale', () => {
  const dataDir = makeTempDir('pos-newcomer-');
  let start: ChildProcess;
  let browser: Browser;
  let page: Page;
  let printed: Printed;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    // PORT=0 picks a free port; DATA_DIR a fresh data folder: the README's configuration table.
    start = spawn('npm', ['start'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir.path, HQ_TOKEN: '', DATABASE_URL: '', LOG_LEVEL: 'warn' },
    });
    printed = await waitForPrinted(start, 240_000);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (start) await stopTree(start);
    dataDir.remove();
  });

  it('enrolls with the printed code and reaches the sign-in screen', async () => {
    await page.goto(printed.address);
    await page.getByTestId('enroll-submit').click();
    await page.getByTestId('setup-screen').waitFor();
    await page.getByTestId('sign-in').waitFor({ timeout: 90_000 });
  }, 120_000);

  it('signs in with the printed clerk PIN, opens the till, finds a product by name and pays cash', async () => {
    await page.getByTestId(`staff-${printed.clerk.name}`).click();
    await page.getByTestId('pin-input').fill(printed.clerk.pin);
    await page.keyboard.press('Enter');
    await page.getByTestId('float-input').fill('150.00');
    await page.getByTestId('open-till').click();
    await page.getByTestId('go-sell').click();
    await page.getByTestId('sell-screen').waitFor();

    await page.getByTestId('scan-input').fill('kettle');
    await page.getByTestId('search-results').waitFor();
    const picked =
      (await page.getByTestId('search-results').locator('[role=option] strong').first().textContent()) ?? '';
    expect(picked).toMatch(/kettle/i); // a word in the middle of the name, not its start
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    expect(await page.getByTestId('cart-lines').textContent()).toContain(picked);

    await page.keyboard.press('F12');
    await page.getByTestId('pay-screen').waitFor();
    await page.keyboard.press('Enter'); // exact cash
    await page.getByTestId('receipt-screen').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: 'test-results/newcomer-receipt.png' });
    expect(await page.getByTestId('receipt').textContent()).toContain('Cash');
    expect(errors).toEqual([]);
  }, 120_000);
});
