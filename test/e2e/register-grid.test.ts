// The product grid as a clerk uses it with the keyboard alone, in Chromium against the seeded
// demo server (S001's quick keys: Favourites, Produce, Grocery, …): Tab from the scan field to
// the category tabs, → to the Kitchen tab, ↓ into the keys, → and Enter add an item; a scan typed
// while a key has focus still adds by barcode. The sale's receipt and the status bar carry the
// register name HQ gave at enrollment (S001-R01), not a device hash. A customer display page in
// the same browser shows the store's name while idle, the lines and total during the sale, and the
// change due after the cash payment.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { chromiumEnabled } from '../support/env';
import { makeTempDir } from '../support/temp-dir';
import {
  enrollRegister,
  openTillByKeyboard,
  pullAll,
  screenshotOnFailure,
  startSeededServer,
  stateItem,
  type DemoProduct,
} from './register-helpers';

describe.runIf(chromiumEnabled)('register: product grid by keyboard', () => {
  const dataDir = makeTempDir('pos-grid-e2e-');
  let server: RunningServer | undefined;
  let browser: Browser;
  let page: Page;
  let context: BrowserContext;
  let display: Page;
  let scannable: DemoProduct | undefined;

  beforeAll(async () => {
    server = await startSeededServer(dataDir.path);
    scannable = (await pullAll<DemoProduct>(server.url, 'products')).find(
      (p) => p.active && p.unit === 'each' && /^\d{13}$/.test(p.primaryBarcode),
    );
    ({ browser, context, page } = await enrollRegister(server.url, { viewport: { width: 1366, height: 800 } }));
    await openTillByKeyboard(page, '100.00');
  });

  afterEach(screenshotOnFailure('grid', () => page));

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
  const lines = () => page.getByTestId('cart-line').count();

  it('shows the register name from HQ in the status bar', async () => {
    await page.getByTestId('status-register').waitFor();
    expect(await page.getByTestId('status-register').textContent()).toBe('S001-R01');
  });

  it('shows the store name on the idle customer display', async () => {
    display = await context.newPage();
    await display.setViewportSize({ width: 1024, height: 600 });
    await display.goto(`${server!.url}/#/customer-display`);
    await display.getByTestId('cd-store').waitFor();
    expect(await display.getByTestId('cd-store').textContent()).toMatch(/\S/);
    await display.screenshot({ path: 'test-results/customer-display-idle.png' });
    await page.bringToFront();
  });

  it('adds an item with the keyboard alone, and a scan still works with a key focused', async () => {
    await page.getByTestId('grid-key').first().waitFor({ timeout: 30_000 });
    const tabNames = await page.getByTestId('grid-tab').allTextContents();
    expect(tabNames.slice(0, 3)).toEqual(['Favourites', 'Produce', 'Grocery']);
    await page.getByTestId('scan-input').focus();
    await page.keyboard.press('Tab');
    expect(await focusedTestId()).toBe('grid-tab');
    await page.keyboard.press('ArrowRight'); // Produce
    await page.keyboard.press('ArrowRight'); // Grocery
    await page.keyboard.press('ArrowRight'); // Kitchen: sold by the unit, no scale dialog
    expect(await page.locator('[data-testid="grid-tab"][aria-selected="true"]').textContent()).toBe('Kitchen');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    expect(await focusedTestId()).toBe('grid-key');
    const name = await page.evaluate(() => document.activeElement?.querySelector('.grid-key-name')?.textContent ?? '');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="cart-line"]').length === 1);
    expect(await page.getByTestId('cart-line').first().textContent()).toContain(name.replace(/…$/, ''));
    expect(await focusedTestId()).toBe('grid-key'); // ready for the next key
    // The tap was on disk before its line showed (sale/scan-journal.ts): a crash now cannot lose it.
    const journalled = JSON.parse((await stateItem(page, 'pos.last-scan')) ?? '{}') as {
      kind?: string;
      product?: { name?: string };
    };
    expect(journalled.kind).toBe('product');
    expect(journalled.product?.name).toContain(name.replace(/…$/, ''));

    // ↓ in the grid moves in the grid, not the cart selection; Enter adds the next key.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="cart-line"]').length === 2);

    // A scanner types into whatever has focus: the key's Enter must be the scan's, not a press.
    expect(scannable).toBeDefined();
    await page.keyboard.type(scannable!.primaryBarcode);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="cart-line"]').length === 3);
    expect(await page.getByTestId('cart-line').last().textContent()).toContain(scannable!.name);
    expect(await lines()).toBe(3);
    await page.screenshot({ path: 'test-results/register-grid.png' });
    await display.locator('[data-testid="customer-display"][data-status="cart"]').waitFor();
    await display.waitForFunction(() => document.querySelectorAll('[data-testid="cd-line"]').length === 3);
    expect(await display.getByTestId('cd-total').textContent()).toContain(
      (await page.getByTestId('pay-button').textContent())!.replace(/^Pay\s*/, '').replace(/\s*F12$/, ''),
    );
    await display.screenshot({ path: 'test-results/customer-display-sale.png' });
  });

  it('prints the register name on the receipt', async () => {
    await page.keyboard.press('F12');
    await page.getByTestId('pay-screen').waitFor();
    await page.getByTestId('cash-input').fill('500.00');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/receipt\//);
    const receipt = (await page.getByTestId('receipt').textContent()) ?? '';
    expect(receipt).toContain('Register S001-R01');
    expect(receipt).not.toMatch(/Reg D[0-9A-F]{6}/);
    await display.locator('[data-testid="customer-display"][data-status="paid"]').waitFor();
    expect(await display.getByTestId('cd-change').textContent()).toMatch(/Change due\s*\$\d+\.\d\d/);
    await display.screenshot({ path: 'test-results/customer-display-change.png' });
  });
});
