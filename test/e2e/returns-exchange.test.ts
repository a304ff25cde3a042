// An uneven exchange at the returns desk in headless Chromium against a real sync server: a cash
// sale of a cheap item at S001, then the item comes back and the customer takes a dearer one; the
// customer pays only the difference in cash. The return and the new order reach the server linked
// both ways, the new order carries exactly the difference as its payment, and the X report's
// expected cash counts the sale plus the difference.
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { chromiumEnabled } from '../support/env';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { enrollmentCode, pullAll, startSeededServer, waitFor, type DemoProduct } from './register-helpers';
import { signInAndOpenTill } from '../support/register-ui';

interface OrderDoc {
  id: string;
  orderNumber: string;
  exchangeForReturnId?: string;
  totals: { total: number };
  lines: { sku: string; quantity: number }[];
}
interface ReturnDoc {
  id: string;
  returnNumber?: string;
  exchangeOrderId?: string;
  refundTotal: number;
  tenders: unknown[];
}
interface PaymentDoc {
  orderId: string;
  kind: string;
  method: string;
  amount: number;
}

describe.runIf(chromiumEnabled)('returns desk: an uneven exchange where the customer pays', () => {
  const dataDir = makeTempDir('pos-exchange-e2e-');
  let server: RunningServer | undefined;
  let browser: Browser;
  let page: Page;
  let cheap: DemoProduct;
  let dear: DemoProduct;
  let orderNumber = '';
  let saleTotal = 0;
  let owed = 0;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    server = await startSeededServer(dataDir.path);
    const products = (await pullAll<DemoProduct>(server.url, 'products'))
      .filter((p) => p.active && p.unit === 'each' && p.primaryBarcode && p.taxCategory === 'GENERAL')
      .sort((a, b) => a.prices[0]!.amount - b.prices[0]!.amount);
    cheap = products[0]!;
    dear = products.find((p) => p.prices[0]!.amount > cheap.prices[0]!.amount + 100)!;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    page.on('pageerror', (e) => {
      errors.push(e.message);
      console.error('[pageerror]', e.stack);
    });
    const url = server.url;
    const code = await enrollmentCode(url, 'S001');
    await page.goto(`${url}/#/enroll?code=${encodeURIComponent(code)}&server=${encodeURIComponent(url)}`);
    await page.getByTestId('enroll-submit').click();
    await page.getByTestId('sign-in').waitFor({ timeout: 90_000 });
    await signInAndOpenTill(page);
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({
        path: `test-results/exchange-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`,
      });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  it('sells the cheap item for cash', async () => {
    await page.keyboard.type(cheap.primaryBarcode);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('F12');
    await page.getByTestId('pay-screen').waitFor();
    await page.keyboard.press('Enter'); // exact cash
    await page.getByTestId('receipt-screen').waitFor();
    orderNumber = /Order ([A-Z0-9]+-[A-Z0-9]+-\d+-[0-9A-Z])/.exec(
      (await page.getByTestId('receipt').textContent())!,
    )![1]!;
    await page.keyboard.press('Enter');
    await waitFor(
      async () => (await pullAll<OrderDoc>(server!.url, 'orders')).some((o) => o.orderNumber === orderNumber),
      30_000,
      'the sale to reach the server',
    );
    saleTotal = (await pullAll<OrderDoc>(server!.url, 'orders')).find((o) => o.orderNumber === orderNumber)!.totals
      .total;
  });

  it('takes the item back against a dearer one; the customer pays the difference in cash', async () => {
    await page.getByTestId('nav-returns').click();
    await page.getByTestId('return-lookup').fill(orderNumber);
    await page.getByTestId('return-lookup').press('Enter');
    await page.getByTestId('return-lines').waitFor();
    await page.getByTestId('return-qty-0').fill('1');
    await page.getByTestId('refund-total').waitFor();
    await page.getByTestId('start-exchange').focus();
    await page.keyboard.press('Enter');
    const scan = page.getByTestId('exchange-scan');
    await scan.waitFor();
    await scan.fill(dear.primaryBarcode);
    await scan.press('Enter');
    await page.getByTestId('exchange-line').waitFor();
    const settlement = page.getByTestId('exchange-settlement');
    await expect.poll(() => settlement.textContent(), { timeout: 20_000 }).toContain('Customer pays');
    owed = Number((await settlement.textContent())!.replace(/[^\d]/g, ''));
    expect(owed).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/returns-exchange-panel.png' });
    await page.keyboard.press('F12');
    await page.getByTestId('exchange-done').waitFor({ timeout: 30_000 });
    const receipt = (await page.getByTestId('receipt').textContent())!;
    expect(receipt).toContain('EXCHANGE');
    expect(receipt).toContain(dear.name);
    expect(await page.getByTestId('return-number').textContent()).toMatch(/^RT-S001-[A-Z0-9]+-\d{6}-[0-9A-Z]$/);
    await page.screenshot({ path: 'test-results/returns-exchange-receipt.png' });

    // On the server: the return and the new order point at each other; only the difference was paid.
    let ret: ReturnDoc | undefined;
    let newOrder: OrderDoc | undefined;
    await waitFor(
      async () => {
        ret = (await pullAll<ReturnDoc>(server!.url, 'returns')).find((r) => r.exchangeOrderId);
        newOrder = (await pullAll<OrderDoc>(server!.url, 'orders')).find((o) => o.exchangeForReturnId);
        return ret !== undefined && newOrder !== undefined;
      },
      30_000,
      'the exchange to reach the server',
    );
    expect(ret!.exchangeOrderId).toBe(newOrder!.id);
    expect(newOrder!.exchangeForReturnId).toBe(ret!.id);
    expect(ret!.tenders).toEqual([]);
    expect(ret!.refundTotal).toBe(saleTotal);
    expect(newOrder!.lines).toMatchObject([{ sku: dear.sku, quantity: 1 }]);
    expect(newOrder!.totals.total - ret!.refundTotal).toBe(owed);
    await waitFor(
      async () => (await pullAll<PaymentDoc>(server!.url, 'payments')).some((p) => p.orderId === newOrder!.id),
      30_000,
      'the difference payment to reach the server',
    );
    const paid = (await pullAll<PaymentDoc>(server!.url, 'payments')).filter((p) => p.orderId === newOrder!.id);
    expect(paid).toMatchObject([{ kind: 'sale', method: 'cash', amount: owed }]);
    await page.getByTestId('next-return').click();
  });

  it('counts the sale and the difference in the expected cash', async () => {
    await page.keyboard.press('Control+t');
    await page.getByTestId('x-report').click();
    await page.getByTestId('report-expected').waitFor();
    const expected = Number((await page.getByTestId('report-expected').textContent())!.replace(/[^\d]/g, ''));
    expect(expected).toBe(15000 + saleTotal + owed);
    expect(errors).toEqual([]);
  });
});
