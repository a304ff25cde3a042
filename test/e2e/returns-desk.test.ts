// The returns desk in headless Chromium against a real sync server: a cash sale at S001 is returned
// online (one line, damaged: back in and written off), then offline against the register's own
// history with a cash refund that syncs later; a register of S002 finds the same sale through the
// server (order number + receipt total) with S001's returns already counted and returns the rest;
// the X report shows the refunds and the expected cash.
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { chromiumEnabled } from '../support/env';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { enrollmentCode, pullAll, startSeededServer, waitFor, type DemoProduct } from './register-helpers';
import { signInAndOpenTill } from '../support/register-ui';

interface ReturnDoc {
  id: string;
  storeId: string;
  originalOrderId: string;
  refundTotal: number;
  lines: { quantity: number; restock: boolean }[];
  tenders: { method: string; amount: number; paymentId: string }[];
}

describe.runIf(chromiumEnabled)('returns desk: online, offline and across stores', () => {
  const dataDir = makeTempDir('pos-returns-e2e-');
  let server: RunningServer | undefined;
  let browser: Browser;
  let s1: Page;
  let products: DemoProduct[] = [];
  let orderNumber = '';
  let saleTotal = 0;
  let saleStoreId = '';
  const errors: string[] = [];

  async function register(storeCode: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => {
      errors.push(e.message);
      console.error('[pageerror]', e.stack);
    });
    const url = server!.url;
    const code = await enrollmentCode(url, storeCode);
    await page.goto(`${url}/#/enroll?code=${encodeURIComponent(code)}&server=${encodeURIComponent(url)}`);
    await page.getByTestId('enroll-submit').click();
    await page.getByTestId('sign-in').waitFor({ timeout: 90_000 });
    await signInAndOpenTill(page);
    return page;
  }

  async function returnLine(page: Page, index: number, quantity: number, condition?: string): Promise<void> {
    await page.getByTestId(`return-qty-${index}`).fill(String(quantity));
    if (condition) await page.getByTestId(`return-condition-${index}`).selectOption(condition);
    await page.getByTestId('refund-total').waitFor();
  }

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    server = await startSeededServer(dataDir.path);
    products = (await pullAll<DemoProduct>(server.url, 'products')).filter(
      (p) =>
        p.active && p.unit === 'each' && p.primaryBarcode && p.taxCategory === 'GENERAL' && p.prices[0]!.amount < 3000,
    );
    browser = await launchChromium();
    s1 = await register('S001');
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await s1?.screenshot({
        path: `test-results/returns-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`,
      });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  it('sells 2 × A and 1 × B for cash at S001', async () => {
    for (const code of [products[0]!.primaryBarcode, products[0]!.primaryBarcode, products[1]!.primaryBarcode]) {
      await s1.keyboard.type(code);
      await s1.keyboard.press('Enter');
    }
    await expect.poll(() => s1.getByTestId('cart-line').count()).toBe(2);
    await s1.keyboard.press('F12');
    await s1.getByTestId('pay-screen').waitFor();
    await s1.keyboard.press('Enter'); // exact cash
    await s1.getByTestId('receipt-screen').waitFor();
    orderNumber = /Order ([A-Z0-9]+-[A-Z0-9]+-\d+-[0-9A-Z])/.exec(
      (await s1.getByTestId('receipt').textContent())!,
    )![1]!;
    await s1.keyboard.press('Enter');
    await waitFor(
      async () =>
        (await pullAll<{ orderNumber: string }>(server!.url, 'orders')).some((o) => o.orderNumber === orderNumber),
      30_000,
      'the sale to reach the server',
    );
    const order = (
      await pullAll<{ orderNumber: string; storeId: string; totals: { total: number } }>(server!.url, 'orders')
    ).find((o) => o.orderNumber === orderNumber)!;
    saleTotal = order.totals.total;
    saleStoreId = order.storeId;
  });

  it('returns one A online, damaged, from the recent-sales list, with the refund in cash', async () => {
    await s1.getByTestId('nav-returns').click();
    await s1.getByTestId('returns-desk').waitFor();
    await expect.poll(() => s1.getByTestId('recent-sales').textContent(), { timeout: 20_000 }).toContain(orderNumber);
    await s1.screenshot({ path: 'test-results/returns-desk-recent.png' });
    await s1.getByTestId('sale-row').filter({ hasText: orderNumber }).click();
    await s1.getByTestId('return-lines').waitFor();
    expect(await s1.getByTestId('return-order').textContent()).toContain(orderNumber);
    await returnLine(s1, 0, 1, 'damaged');
    expect(await s1.getByTestId('refund-allocations').textContent()).toContain('Cash from the drawer');
    await s1.screenshot({ path: 'test-results/returns-desk-lines.png' });
    await s1.keyboard.press('F12');
    await s1.getByTestId('return-done').waitFor();
    expect(await s1.getByTestId('receipt').textContent()).toContain('Cash refund');
    await s1.screenshot({ path: 'test-results/returns-desk-receipt.png' });
    await s1.getByTestId('next-return').click();
  });

  it('returns B offline against the local history with a cash refund, synced once the server is back', async () => {
    const port = Number(new URL(server!.url).port);
    await server!.close();
    server = undefined;
    await expect.poll(() => s1.getByTestId('returns-online').textContent(), { timeout: 40_000 }).toContain('Offline');
    await s1.getByTestId('return-lookup').fill(orderNumber.toLowerCase());
    await s1.keyboard.press('Enter');
    await s1.getByTestId('return-lines').waitFor();
    // A's first unit is already back (this register's own return); B is untouched.
    expect(await s1.getByTestId('return-qty-0').getAttribute('placeholder')).toBe('0–1');
    await returnLine(s1, 1, 1);
    await s1.screenshot({ path: 'test-results/returns-desk-offline.png' });
    await s1.getByTestId('complete-return').click();
    await s1.getByTestId('return-done').waitFor();
    await s1.getByTestId('next-return').click();
    server = await startSeededServer(dataDir.path, port);
    const url = server.url;
    let returns: ReturnDoc[] = [];
    let payments: { id: string; kind: string; method: string; amount: number; returnId?: string }[] = [];
    await waitFor(
      async () => {
        returns = await pullAll<ReturnDoc>(url, 'returns');
        payments = await pullAll<(typeof payments)[number]>(url, 'payments');
        return returns.length === 2 && payments.filter((p) => p.returnId !== undefined).length === 2;
      },
      90_000,
      'both returns and their refunds to reach the server',
    );
    for (const r of returns) {
      const refunds = payments.filter((p) => p.returnId === r.id);
      expect(refunds.map((p) => [p.kind, p.method])).toEqual([['refund', 'cash']]);
      expect(refunds[0]!.amount).toBe(r.refundTotal);
    }
    await waitFor(
      async () =>
        (await pullAll<{ type: string; referenceType: string }>(url, 'inventory_movements')).filter(
          (m) => m.referenceType === 'return',
        ).length === 3,
      30_000,
      'return movements',
    );
    const movements = (
      await pullAll<{ type: string; referenceType: string; quantity: number }>(url, 'inventory_movements')
    ).filter((m) => m.referenceType === 'return');
    // The damaged A comes in and is written off; B goes back to stock.
    expect(movements.map((m) => `${m.type}:${m.quantity}`).sort()).toEqual(['adjustment:-1', 'return:1', 'return:1']);
  });

  it("finds the sale from a register of S002 through the server, with S001's returns counted, and returns the last A", async () => {
    const s2 = await register('S002');
    await s2.getByTestId('nav-returns').click();
    await s2.getByTestId('return-lookup').fill(orderNumber);
    await s2.keyboard.press('Enter');
    await s2.getByTestId('return-total').waitFor();
    expect(await s2.getByTestId('returns-error').textContent()).toContain('total printed on the receipt');
    await s2.getByTestId('return-total').fill((saleTotal / 100).toFixed(2));
    await s2.keyboard.press('Enter');
    await s2.getByTestId('return-lines').waitFor();
    expect(await s2.getByTestId('returns-desk').textContent()).toContain('Checked with head office');
    // B is fully returned at S001: its quantity field is closed.
    expect(await s2.getByTestId('return-qty-1').isDisabled()).toBe(true);
    await returnLine(s2, 0, 1);
    await s2.screenshot({ path: 'test-results/returns-desk-cross-store.png' });
    await s2.keyboard.press('F12');
    await s2
      .getByTestId('return-done')
      .waitFor()
      .catch(async (e: unknown) => {
        await s2.screenshot({ path: 'test-results/returns-desk-s2-failed.png' });
        throw e;
      });
    await waitFor(
      async () => (await pullAll<ReturnDoc>(server!.url, 'returns')).length === 3,
      30_000,
      'the S002 return to reach the server',
    );
    const total = (await pullAll<ReturnDoc>(server!.url, 'returns')).reduce((s, r) => s + r.refundTotal, 0);
    expect(total).toBe(saleTotal); // everything came back, and not a cent more was refunded
    await s2.close();
  });

  it('takes a return without a receipt as store credit with a manager PIN, and the credit reaches the customer', async () => {
    // A customer of this register's store (a register holds only its store's customers), found by
    // the e-mail address, which unlike the display name is unique: the search answers one row.
    const customers = await pullAll<{
      id: string;
      displayName: string;
      email: string;
      homeStoreId?: string;
      storeCreditBalance: number;
    }>(server!.url, 'customers');
    const customer = customers.find((c) => c.homeStoreId === saleStoreId && c.email)!;
    expect(customer).toBeDefined();
    await s1.getByTestId('nav-returns').click();
    await s1.getByTestId('no-receipt').click();
    await s1.getByTestId('receiptless-scan').fill(products[2]!.primaryBarcode);
    await s1.keyboard.press('Enter');
    await s1.getByTestId('receiptless-line').waitFor();
    await s1.getByTestId('receiptless-customer').fill(customer.email);
    await s1.getByTestId('receiptless-customer').press('Enter');
    // The search answers asynchronously: wait for this customer's row itself (not "the first row",
    // which may be missing or belong to an earlier search), then check it is the one chosen.
    const pick = s1.locator(`[data-testid="receiptless-customer-pick"][data-customer-id="${customer.id}"]`);
    await pick.waitFor({ state: 'visible', timeout: 30_000 });
    await pick.click();
    await expect.poll(() => pick.getAttribute('aria-pressed')).toBe('true');
    await s1.getByTestId('receiptless-complete').click();
    await s1.getByTestId('approval-dialog').waitFor();
    await s1.getByRole('button', { name: 'Morgan Manager' }).click();
    await s1.getByTestId('approval-pin').fill('918273');
    await s1.keyboard.press('Enter');
    await s1.getByTestId('return-done').waitFor();
    expect(await s1.getByTestId('receipt').textContent()).toContain('Store credit');
    await s1.screenshot({ path: 'test-results/returns-desk-receiptless.png' });
    const price = products[2]!.prices[0]!.amount;
    await waitFor(
      async () => {
        const after = (await pullAll<{ id: string; storeCreditBalance: number }>(server!.url, 'customers')).find(
          (c) => c.id === customer.id,
        )!;
        return after.storeCreditBalance === customer.storeCreditBalance + price;
      },
      30_000,
      'the store credit to reach the customer',
    );
    const ret = (
      await pullAll<ReturnDoc & { receiptless: boolean; approvals: unknown[] }>(server!.url, 'returns')
    ).find((r) => r.receiptless)!;
    expect(ret.approvals).toHaveLength(1);
    await s1.getByTestId('next-return').click();
  });

  it('shows the refunds in the X report and takes them out of the expected cash', async () => {
    await s1.keyboard.press('Control+t');
    await s1.getByTestId('x-report').click();
    await s1.getByTestId('report-expected').waitFor();
    await s1.screenshot({ path: 'test-results/returns-x-report.png' });
    const report = (await s1.getByTestId('x-report').textContent())!;
    expect(report).toContain('Cash refunds');
    const expected = Number((await s1.getByTestId('report-expected').textContent())!.replace(/[^\d]/g, ''));
    const refunded = (await pullAll<ReturnDoc>(server!.url, 'returns'))
      .filter((r) => r.storeId === saleStoreId && r.tenders.some((t) => t.method === 'cash'))
      .reduce((s, r) => s + r.refundTotal, 0);
    expect(expected).toBe(15000 + saleTotal - refunded);
    expect(errors).toEqual([]);
  });
});
