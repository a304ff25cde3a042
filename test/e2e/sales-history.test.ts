// Sales history in headless Chromium against a real sync server: two cash sales at S001, the
// history finds one by its number, Enter opens its receipt and "Print receipt" reaches the print
// bridge; the row says "reached HQ" once the server has it.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { chromiumEnabled } from '../support/env';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { enrollmentCode, pullAll, startSeededServer, waitFor, type DemoProduct } from './register-helpers';
import { signInAndOpenTill } from '../support/register-ui';

describe.runIf(chromiumEnabled)('sales history: find, reprint, reached HQ', () => {
  const dataDir = makeTempDir('pos-history-e2e-');
  let server: RunningServer | undefined;
  let browser: Browser;
  let page: Page;
  let products: DemoProduct[] = [];
  const numbers: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    server = await startSeededServer(dataDir.path);
    products = (await pullAll<DemoProduct>(server.url, 'products')).filter(
      (p) => p.active && p.unit === 'each' && p.primaryBarcode && p.prices[0]!.amount < 3000,
    );
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    const url = server.url;
    const code = await enrollmentCode(url, 'S001');
    await page.goto(`${url}/#/enroll?code=${encodeURIComponent(code)}&server=${encodeURIComponent(url)}`);
    await page.getByTestId('enroll-submit').click();
    await page.getByTestId('sign-in').waitFor({ timeout: 90_000 });
    await signInAndOpenTill(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  it('makes two cash sales', async () => {
    for (const product of [products[0]!, products[1]!]) {
      await page.getByTestId('sell-screen').waitFor();
      await page.keyboard.type(product.primaryBarcode!);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
      await page.keyboard.press('F12');
      await page.getByTestId('pay-screen').waitFor();
      await page.keyboard.press('Enter'); // exact cash
      await page.getByTestId('receipt-screen').waitFor();
      numbers.push(
        /Order ([A-Z0-9]+-[A-Z0-9]+-\d+-[0-9A-Z])/.exec((await page.getByTestId('receipt').textContent())!)![1]!,
      );
      await page.keyboard.press('Enter');
    }
    expect(new Set(numbers).size).toBe(2);
  }, 120_000);

  it('lists both, finds one by number, opens it with Enter and reprints it', async () => {
    await page.getByTestId('nav-history').click();
    await page.getByTestId('sales-history').waitFor();
    await expect.poll(() => page.getByTestId('history-row').count(), { timeout: 20_000 }).toBe(2);
    const sequence = /-(\d+)-/.exec(numbers[0]!.slice(numbers[0]!.indexOf('-') + 1))![1]!;
    await page.getByTestId('history-search').fill(sequence);
    await expect
      .poll(async () => page.getByTestId('history-row').evaluateAll((rows) => rows.map((r) => r.dataset.orderNumber)), {
        timeout: 20_000,
      })
      .toEqual([numbers[0]]);
    await page.getByTestId('history-search').fill('no such sale');
    await page.getByTestId('history-empty').waitFor();
    await page.getByTestId('history-search').fill(sequence);
    await expect.poll(() => page.getByTestId('history-row').count(), { timeout: 20_000 }).toBe(1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt-screen').waitFor();
    expect(await page.getByTestId('receipt').textContent()).toContain(numbers[0]);
    await page.getByTestId('print-receipt').click();
    await expect
      .poll(() => page.getByTestId('receipt-message').textContent(), { timeout: 20_000 })
      .toContain('Receipt sent to the browser print dialog');
  }, 120_000);

  it('shows "reached HQ" once the server has the sales, and opens a typed receipt number at once', async () => {
    await waitFor(
      async () => {
        const orders = await pullAll<{ orderNumber: string }>(server!.url, 'orders');
        return numbers.every((n) => orders.some((o) => o.orderNumber === n));
      },
      30_000,
      'both sales to reach the server',
    );
    await page.getByTestId('nav-history').click();
    await page.getByTestId('sales-history').waitFor();
    await page.getByTestId('history-search').fill('');
    await expect
      .poll(() => page.getByTestId('history-hq').allTextContents(), { timeout: 30_000 })
      .toEqual(['reached HQ', 'reached HQ']);
    await page.screenshot({ path: 'test-results/sales-history.png' });
    await page.getByTestId('history-search').fill(numbers[1]!.toLowerCase());
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt-screen').waitFor();
    expect(await page.getByTestId('receipt').textContent()).toContain(numbers[1]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('a receipt barcode scanned on the sell screen opens that sale as "Receipt", naming its clerk', async () => {
    await page.keyboard.press('Escape'); // receipt → history
    await page.getByTestId('sales-history').waitFor();
    await page.keyboard.press('Escape'); // history → sell
    await page.getByTestId('sell-screen').waitFor();
    await page.keyboard.type(numbers[0]!); // the receipt's Code 128: letters, digits and dashes
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt-screen').waitFor();
    expect(await page.getByTestId('receipt-heading').textContent()).toBe(`Receipt ${numbers[0]}`);
    expect(await page.getByTestId('sale-complete').count()).toBe(0);
    const receipt = (await page.getByTestId('receipt').textContent()) ?? '';
    expect(receipt).toContain('REPRINT');
    expect(receipt).toContain('Served by Casey Clerk');
    await page.keyboard.press('Escape');
    await page.getByTestId('sales-history').waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
});
