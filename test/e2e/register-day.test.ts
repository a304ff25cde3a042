// A clerk's day in headless Chromium against a real sync server: enroll, sign in, open the till,
// scan five items, discount one with a manager's PIN, pay cash + card, print; lose the server and
// ring up three more sales (one with an offline card); bring the server back: all four orders
// arrive exactly once with their payments and stock movements; close the till with a Z report
// matching the sales.
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { chromiumEnabled } from '../support/env';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { enrollmentCode, pullAll, startSeededServer, waitFor, type DemoProduct } from './register-helpers';
import { signInAndOpenTill } from '../support/register-ui';

describe.runIf(chromiumEnabled)('register: a full day, online and offline', () => {
  const dataDir = makeTempDir('pos-register-e2e-');
  let server: RunningServer | undefined;
  let browser: Browser;
  let page: Page;
  let products: DemoProduct[] = [];
  let port = 0;
  let totalTaken = 0;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    server = await startSeededServer(dataDir.path);
    products = (await pullAll<DemoProduct>(server.url, 'products')).filter(
      (p) => p.active && p.unit === 'each' && p.primaryBarcode && p.taxCategory === 'GENERAL',
    );
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (e) => {
      errors.push(e.message);
      console.error('[pageerror]', e.stack);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') console.error('[page]', m.text());
    });
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({
        path: `test-results/register-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`,
      });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  it('enrolls from a pre-filled link and loads the store data with progress', async () => {
    const url = server!.url;
    const code = await enrollmentCode(url, 'S001');
    await page.goto(`${url}/#/enroll?code=${encodeURIComponent(code)}&server=${encodeURIComponent(url)}`);
    await page.getByTestId('enroll-submit').click();
    await page.getByTestId('setup-screen').waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'test-results/register-initial-sync.png' });
    await page.getByTestId('sign-in').waitFor({ timeout: 60_000 });
    expect(errors).toEqual([]);
  });

  it('signs a clerk in with a PIN and opens the till with a counted float', async () => {
    await signInAndOpenTill(page);
    await page.screenshot({ path: 'test-results/register-sell-empty.png' });
  });

  it('scans five items by typing barcodes (focus in the field and focus elsewhere) and discounts one with a manager PIN', async () => {
    // The customer-facing display (a second window, fed through the bridge) follows the sale.
    const display = await page.context().newPage();
    await display.goto(`${server!.url}/#/customer-display`);
    await display.getByTestId('customer-display').waitFor();
    const five = products.slice(0, 5);
    for (const [i, p] of five.entries()) {
      if (i % 2 === 1) await page.locator('.cart-lines').click({ position: { x: 5, y: 5 } }); // focus away from the field
      await page.keyboard.type(p.primaryBarcode);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('cart-line').count()).toBe(i + 1);
    }
    expect(await page.getByTestId('cart-lines').textContent()).toContain(five[4]!.name);
    // The last scanned line is selected: discount it by 50 % — over the clerk's 20 % limit.
    await page.keyboard.press('F9');
    await page.getByTestId('discount-value').fill('50');
    await page.getByTestId('discount-reason').fill('damaged box');
    await page.keyboard.press('Enter');
    await page.getByTestId('approval-dialog').waitFor();
    await page.getByRole('button', { name: 'Morgan Manager' }).click();
    await page.screenshot({ path: 'test-results/register-approval.png' });
    await page.getByTestId('approval-pin').fill('918273');
    await page.keyboard.press('Enter');
    await page.getByTestId('approval-dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('cart-lines').textContent()).toContain('50 % off (damaged box)');
    await page.screenshot({ path: 'test-results/register-sell-screen.png' });
    const total = (await page.getByTestId('total').textContent())!;
    await expect.poll(() => display.getByTestId('customer-display').textContent()).toContain(`Total ${total}`);
    await display.close();
  });

  it('keeps the open sale through a reload (the clerk signs in again, the cart is still there)', async () => {
    await page.reload();
    await page.getByTestId('staff-Casey Clerk').click();
    await page.getByTestId('pin-input').fill('1111');
    await page.keyboard.press('Enter');
    await page.getByTestId('sell-screen').waitFor();
    await page.getByTestId('recovery-restored').waitFor();
    expect(await page.getByTestId('recovery-restored').textContent()).toContain('Sale restored after restart');
    expect(await page.getByTestId('cart-line').count()).toBe(5);
    expect(await page.getByTestId('cart-lines').textContent()).toContain('50 % off (damaged box)');
    await page.getByTestId('recovery-continue').click();
    expect(await page.getByTestId('recovery-restored').count()).toBe(0);
  });

  it('takes a split payment: some cash, the rest by card, and shows the receipt', async () => {
    await page.keyboard.press('F12');
    await page.getByTestId('pay-screen').waitFor();
    await page.getByTestId('cash-input').fill('10.00');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('tender-list').textContent()).toContain('Cash');
    await page.screenshot({ path: 'test-results/register-payment-screen.png' });
    await page.keyboard.press('F12');
    await page.getByTestId('card-charge').click(); // the terminal (simulator) approves the presented card
    await page.getByTestId('receipt-screen').waitFor({ timeout: 15_000 });
    await page.getByTestId('print-receipt').click();
    await page.getByTestId('receipt-message').waitFor();
    await page.screenshot({ path: 'test-results/register-receipt.png' });
    const receipt = await page.getByTestId('receipt').textContent();
    expect(receipt).toContain('VISA **** 4242');
    expect(receipt).toContain('damaged box');
    expect(errors).toEqual([]);
  });

  async function ringUp(barcodes: string[]): Promise<void> {
    await page.getByTestId('sell-screen').waitFor();
    for (const code of barcodes) {
      const before = await page.getByTestId('cart-line').count();
      await page.keyboard.type(code);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('cart-line').count()).toBe(before + 1);
    }
    await page.keyboard.press('F12');
    await page.getByTestId('pay-screen').waitFor();
  }

  it('keeps selling with the server gone: cash, cash with change, and an offline card payment', async () => {
    await page.getByTestId('next-sale').click();
    port = Number(new URL(server!.url).port);
    await server!.close();
    server = undefined;
    const cheap = products.filter((p) => p.prices[0]!.amount < 5000);
    // Sale 2: exact cash with Enter.
    await ringUp([cheap[0]!.primaryBarcode]);
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt-screen').waitFor();
    await page.keyboard.press('Enter');
    // Sale 3: two items, paid with the largest quick-cash button, change shown.
    await ringUp([cheap[1]!.primaryBarcode, cheap[2]!.primaryBarcode]);
    await page.getByTestId('quick-cash').last().click();
    await page.getByTestId('change-due').waitFor();
    await page.getByTestId('next-sale').click();
    // Sale 4: card while offline: stored and forwarded later, within the offline caps.
    await ringUp([cheap[3]!.primaryBarcode]);
    await expect.poll(() => page.getByTestId('status-online').textContent(), { timeout: 40_000 }).toBe('Offline');
    await page.keyboard.press('F12');
    await page.getByTestId('card-dialog').waitFor();
    expect(await page.getByTestId('card-dialog').textContent()).toContain('offline');
    await page.getByTestId('card-charge').click();
    await page.getByTestId('receipt-screen').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('receipt').textContent()).toContain('OFFLINE - to be sent');
    expect(await page.getByTestId('status-waiting').textContent()).toMatch(/\d+ waiting to sync/);
    await expect
      .poll(() => page.getByTestId('status-offline-cards').textContent(), { timeout: 20_000 })
      .toMatch(/1 offline card payment to send · 7\d h \d\d min left/);
    await page.screenshot({ path: 'test-results/register-offline-receipt.png' });
    await page.keyboard.press('Enter');
  });

  it('sends everything once the server is back: four orders exactly once, with payments and stock movements', async () => {
    server = await startSeededServer(dataDir.path, port);
    const url = server.url;
    let orders: { id: string; channel: string; lines: unknown[]; totals: { total: number } }[] = [];
    await waitFor(
      async () => {
        orders = (await pullAll<(typeof orders)[number]>(url, 'orders')).filter((o) => o.channel === 'pos');
        return orders.length >= 4 && (await page.getByTestId('status-waiting').textContent()) === 'All synced';
      },
      90_000,
      'the offline sales to reach the server',
    );
    expect(new Set(orders.map((o) => o.id)).size).toBe(4);
    expect(orders).toHaveLength(4);
    const payments = await pullAll<{ orderId: string; method: string; status: string; amount: number }>(
      url,
      'payments',
    );
    const movements = await pullAll<{ referenceId: string; type: string; quantity: number }>(
      url,
      'inventory_movements',
    );
    for (const order of orders) {
      const paid = payments.filter((p) => p.orderId === order.id);
      expect(paid.length).toBeGreaterThan(0);
      expect(paid.reduce((n, p) => n + p.amount, 0)).toBe(order.totals.total);
      expect(movements.filter((m) => m.referenceId === order.id && m.type === 'sale')).toHaveLength(order.lines.length);
    }
    expect(payments.filter((p) => p.method === 'card')).toHaveLength(2);
    totalTaken = orders.reduce((n, o) => n + o.totals.total, 0);
  });

  // Once failed in full runs only: when the pending payment reached the server before the register
  // forwarded it, the server refused the forwarded change (the auth code changed `card`); see
  // shared/schemas/payment-rules.ts. Alone, forwarding usually won that race.
  it('forwards the offline card payment to the gateway once online, and replicates it again', async () => {
    const url = server!.url;
    await waitFor(
      async () => {
        const cards = (
          await pullAll<{ method: string; status: string; offline?: { forwardedAt?: string } }>(url, 'payments')
        ).filter((p) => p.method === 'card');
        return cards.every((p) => p.status === 'approved') && cards.some((p) => p.offline?.forwardedAt !== undefined);
      },
      30_000,
      'the offline card payment to be forwarded',
    );
  });

  it('closes the till with a blind count and a Z report that matches the sales', async () => {
    await page.keyboard.press('Control+t');
    await page.getByTestId('x-report').click();
    const expected = Number((await page.getByTestId('report-expected').textContent())!.replace(/[^\d]/g, ''));
    await page.keyboard.press('Escape');
    await page.getByTestId('start-close').click();
    let left = expected + 100; // one dollar over
    for (const value of [10000, 5000, 2000, 1000, 500, 100, 50, 25, 10, 5, 1]) {
      const count = Math.floor(left / value);
      left -= count * value;
      if (count > 0) await page.getByTestId(`count-${value}`).fill(String(count));
    }
    await page.getByTestId('close-till').click();
    await page.getByTestId('z-report').waitFor();
    expect(await page.getByTestId('report-sales-count').textContent()).toBe('4');
    expect(Number((await page.getByTestId('report-sales-total').textContent())!.replace(/[^\d]/g, ''))).toBe(
      totalTaken,
    );
    expect(await page.getByTestId('report-over-short').textContent()).toBe('$1.00');
    await page.screenshot({ path: 'test-results/register-z-report.png' });
    expect(errors).toEqual([]);
  });
});
