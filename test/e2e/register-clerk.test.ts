// Dead ends a new clerk found (issue 9), each driven in Chromium against a real sync server: a
// reload right after "complete" comes back on that sale's receipt and offers no second charge; a scanner burst cannot open
// the till; F9 puts the cursor in the discount amount; a 90-digit code keeps Pay on screen; the
// bar says Offline within 5 s of losing the network.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { chromiumEnabled } from '../support/env';
import { makeTempDir } from '../support/temp-dir';
import {
  enrollRegister,
  pullAll,
  screenshotOnFailure,
  setStateItem,
  startSeededServer,
  stateItem,
  type DemoProduct,
} from './register-helpers';

/** Payments of an order in the register's own database (RxDB on Dexie: rxdb-dexie-<db>--0--payments). */
async function pullLocalPayments(page: Page, orderId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const info = (await indexedDB.databases()).find(
      (d) => d.name?.startsWith('rxdb-dexie-pos-') && d.name.endsWith('--payments'),
    );
    if (!info?.name) return 0;
    return new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(info.name!);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const req = open.result.transaction('docs', 'readonly').objectStore('docs').getAll();
        req.onsuccess = () => {
          open.result.close();
          resolve((req.result as { orderId?: string }[]).filter((p) => p.orderId === id).length);
        };
        req.onerror = () => reject(req.error);
      };
    });
  }, orderId);
}

describe.runIf(chromiumEnabled)('register: the dead ends a new clerk found', () => {
  const dataDir = makeTempDir('pos-clerk-e2e-');
  let server: RunningServer | undefined;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let products: DemoProduct[] = [];

  beforeAll(async () => {
    server = await startSeededServer(dataDir.path);
    products = (await pullAll<DemoProduct>(server.url, 'products')).filter(
      (p) => p.active && p.unit === 'each' && p.primaryBarcode && p.taxCategory === 'GENERAL',
    );
    ({ browser, context, page } = await enrollRegister(server.url));
  });

  afterEach(screenshotOnFailure('clerk', () => page));

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  it('pre-selects nobody at sign-in and keeps typed PIN digits out of the status bar', async () => {
    expect(await page.locator('[role="option"][aria-selected="true"]').count()).toBe(0);
    await page.screenshot({ path: 'test-results/clerk-sign-in.png' });
    await page.getByTestId('staff-Casey Clerk').click();
    await page.keyboard.type('1111');
    expect(await page.getByTestId('status-scan').count()).toBe(0);
    expect(await page.getByTestId('pin-input').inputValue()).toBe('1111');
    await page.keyboard.press('Enter');
    await page.getByTestId('float-input').waitFor();
  });

  it('refuses a scanner burst and an absurd float on "Open the till"', async () => {
    await page.getByTestId('float-input').focus();
    await page.keyboard.type('614141000111'); // a scanner: no delay between keys
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('till-error').textContent()).toContain('scanner');
    expect(await page.getByTestId('float-input').inputValue()).toBe('');
    await page.getByTestId('float-input').fill('900000');
    await page.getByTestId('open-till').click();
    expect(await page.getByTestId('till-error').textContent()).toContain('more than this store allows');
    await page.getByTestId('float-input').fill('150.00');
    await page.getByTestId('open-till').click();
    await page.getByTestId('go-sell').click();
    await page.getByTestId('sell-screen').waitFor();
  });

  it('keeps Pay on screen after a 90-digit unknown code, and F9 focuses the discount amount', async () => {
    await page.keyboard.type('9'.repeat(90));
    await page.keyboard.press('Enter');
    await page.getByTestId('flash').waitFor();
    const pay = await page.getByTestId('pay-button').boundingBox();
    expect(pay && pay.x + pay.width <= 1280).toBe(true);
    await page.keyboard.type(products[0]!.primaryBarcode);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('F9');
    await page.getByTestId('discount-value').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('discount-value');
    await page.keyboard.press('Escape');
  });

  it('comes back on the receipt after a reload right after "complete", and offers no second charge', async () => {
    const display = await context.newPage();
    await display.goto(`${server!.url}/#/customer-display`);
    await display.getByTestId('customer-display').waitFor();
    await page.keyboard.press('F12');
    await page.getByTestId('pay-screen').waitFor();
    await page.keyboard.press('F12'); // the card terminal dialog
    await page.getByTestId('terminal-simulator').waitFor();
    await page.screenshot({ path: 'test-results/clerk-card-terminal.png' });
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    await display.screenshot({ path: 'test-results/clerk-customer-display.png' });
    await display.close();
    // The open sale as stored the moment before it was paid (the register keeps it in IndexedDB).
    const saved = await stateItem(page, 'pos.cart');
    expect(saved).toContain('"lines":[{');
    await page.getByTestId('cash-input').fill('500.00');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/receipt\//);
    const orderId = page.url().split('/receipt/')[1]!;
    expect(JSON.parse(saved!).state.cart.saleId).toBe(orderId);
    // The worst crash: the sale is written, but the clearing of the cart and the tender were lost,
    // so the cart comes back unpaid. Before the fix the pay screen offered to charge it again.
    // Let the register's own clearing write land first, so the overwrite below is the last one.
    await expect.poll(async () => (await stateItem(page, 'pos.cart')) ?? '').not.toContain(orderId);
    await setStateItem(page, 'pos.cart', saved!);
    await setStateItem(page, 'pos.tenders', null);
    await page.reload();
    await page.getByTestId('staff-Casey Clerk').click();
    await page.keyboard.type('1111');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/receipt/${orderId}`), { timeout: 15_000 });
    await page.getByTestId('recovery-completed').waitFor();
    expect(await page.getByTestId('recovery-completed').textContent()).toContain('nothing more to charge');
    expect(await page.getByTestId('pay-screen').count()).toBe(0);
    // Next sale: an empty cart; F12 says there is nothing to pay.
    await page.getByTestId('next-sale').click();
    await page.getByTestId('sell-screen').waitFor();
    expect(await page.getByTestId('cart-line').count()).toBe(0);
    expect(await page.getByTestId('recovery-completed').count()).toBe(0);
    await page.keyboard.press('F12');
    await page.waitForTimeout(300);
    expect(await page.getByTestId('pay-screen').count()).toBe(0);
    const payments = await pullLocalPayments(page, orderId);
    expect(payments).toBe(1);
  });

  it('shows Offline within 5 s of the network going away', async () => {
    await context.setOffline(true);
    await expect.poll(() => page.getByTestId('status-online').textContent(), { timeout: 5_000 }).toBe('Offline');
    expect(await page.getByTestId('status-waiting').textContent()).not.toBe('All synced');
    await context.setOffline(false);
  });
});
