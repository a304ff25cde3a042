// Uneven exchanges at the returns desk in headless Chromium against a real sync server: two cash
// sales of a cheap item at S001; each item comes back and the customer takes a dearer one, paying
// only the difference — once in cash, once by card through the sale's card dialog (terminal
// simulator). The return and the new order reach the server linked both ways, the new order carries
// exactly the difference as its payment, and the X report's expected cash counts both sales and the
// cash difference, not the card one.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { chromiumEnabled } from '../support/env';
import { makeTempDir } from '../support/temp-dir';
import {
  enrollRegister,
  pullAll,
  screenshotOnFailure,
  startSeededServer,
  waitFor,
  type DemoProduct,
} from './register-helpers';
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
  originalOrderId: string;
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
  let cardOrderNumber = '';
  let saleTotal = 0;
  let owed = 0;
  let errors: string[] = [];

  beforeAll(async () => {
    server = await startSeededServer(dataDir.path);
    const products = (await pullAll<DemoProduct>(server.url, 'products'))
      .filter((p) => p.active && p.unit === 'each' && p.primaryBarcode && p.taxCategory === 'GENERAL')
      .sort((a, b) => a.prices[0]!.amount - b.prices[0]!.amount);
    cheap = products[0]!;
    dear = products.find((p) => p.prices[0]!.amount > cheap.prices[0]!.amount + 100)!;
    ({ browser, page, errors } = await enrollRegister(server.url, { viewport: { width: 1280, height: 860 } }));
    await signInAndOpenTill(page);
  });

  afterEach(screenshotOnFailure('exchange', () => page));

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  it('sells the cheap item for cash, twice', async () => {
    for (let n = 0; n < 2; n++) {
      await page.keyboard.type(cheap.primaryBarcode);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
      await page.keyboard.press('F12');
      await page.getByTestId('pay-screen').waitFor();
      await page.keyboard.press('Enter'); // exact cash
      await page.getByTestId('receipt-screen').waitFor();
      const number = /Order ([A-Z0-9]+-[A-Z0-9]+-\d+-[0-9A-Z])/.exec(
        (await page.getByTestId('receipt').textContent())!,
      )![1]!;
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('cart-line').count()).toBe(0);
      if (n === 0) orderNumber = number;
      else cardOrderNumber = number;
    }
    await waitFor(
      async () => {
        const numbers = (await pullAll<OrderDoc>(server!.url, 'orders')).map((o) => o.orderNumber);
        return numbers.includes(orderNumber) && numbers.includes(cardOrderNumber);
      },
      30_000,
      'the sales to reach the server',
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

  it('takes the second item back against a dearer one; the customer pays the difference by card', async () => {
    await page.getByTestId('return-lookup').fill(cardOrderNumber);
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
    const settlement = page.getByTestId('exchange-settlement');
    await expect.poll(() => settlement.textContent(), { timeout: 20_000 }).toContain('Customer pays');
    const cardOwed = Number((await settlement.textContent())!.replace(/[^\d]/g, ''));
    expect(cardOwed).toBe(owed);
    await page.getByTestId('exchange-card').click();
    await page.getByTestId('card-dialog').waitFor();
    await page.getByTestId('card-charge').click();
    await page.getByTestId('difference-tender').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('difference-pad').getAttribute('data-remaining')).toBe('0');
    expect(await page.getByTestId('difference-tender').textContent()).toContain('Card');
    await page.keyboard.press('F12');
    await page.getByTestId('exchange-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('receipt').textContent()).toContain('EXCHANGE');

    let newOrder: OrderDoc | undefined;
    await waitFor(
      async () => {
        const orders = await pullAll<OrderDoc>(server!.url, 'orders');
        const original = orders.find((o) => o.orderNumber === cardOrderNumber)!;
        const ret = (await pullAll<ReturnDoc>(server!.url, 'returns')).find((r) => r.originalOrderId === original.id);
        newOrder = orders.find((o) => ret?.exchangeOrderId !== undefined && o.id === ret.exchangeOrderId);
        const payments = await pullAll<PaymentDoc>(server!.url, 'payments');
        return newOrder !== undefined && payments.some((p) => p.orderId === newOrder!.id);
      },
      30_000,
      'the card exchange and its payment to reach the server',
    );
    const paid = (await pullAll<PaymentDoc>(server!.url, 'payments')).filter((p) => p.orderId === newOrder!.id);
    expect(paid).toMatchObject([{ kind: 'sale', method: 'card', amount: owed }]);
    await page.getByTestId('next-return').click();
  });

  it('counts both sales and the cash difference in the expected cash, not the card one', async () => {
    await page.keyboard.press('Control+t');
    await page.getByTestId('x-report').click();
    await page.getByTestId('report-expected').waitFor();
    const expected = Number((await page.getByTestId('report-expected').textContent())!.replace(/[^\d]/g, ''));
    expect(expected).toBe(15000 + 2 * saleTotal + owed);
    expect(errors).toEqual([]);
  });
});
