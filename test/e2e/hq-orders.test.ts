// Customer service in the HQ console, in headless Chromium against a real seeded server: an HQ
// user signs in, finds a web order by its number, opens it, cancels it with a reason and sees the
// cancellation in the order's timeline; the exceptions queue and the customer 360 page render.
// Screenshots in test-results/.
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { chromiumEnabled } from '../support/env';
import { makeTempDir } from '../support/temp-dir';
import { fixtures } from '../support/fixtures/documents';
import { createChannelKey, pickupPayload, postWebOrder, stockedItems } from '../support/web-orders';
import { createHqUser } from '../integration/hq-harness';
import { hqSignIn, openHqBrowser } from './hq-helpers';
import { HQ_TOKEN, startSeededServer } from './register-helpers';

describe.runIf(chromiumEnabled)('HQ orders and customer service in Chromium', () => {
  const dataDir = makeTempDir('pos-hq-orders-e2e-');
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let orderNumber = '';
  let orderId = '';
  const customerId = randomUUID();
  let errors: string[] = [];
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    server = await startSeededServer(dataDir.path);
    await createHqUser(server.storage, 'agent@chain.example', 'operations');
    const channel = await createChannelKey(server.url, HQ_TOKEN);
    const items = await stockedItems(server.storage, channel.homeStoreId, 2);
    const customer = {
      ...structuredClone(fixtures.customers),
      id: customerId,
      displayName: 'Ada Customer',
      searchName: 'ada customer ada@example.com',
      email: 'ada@example.com',
    };
    const pushed = await fetch(`${server.url}/sync/customers/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${HQ_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ newDocumentState: { ...customer, _deleted: false } }]),
    });
    expect(pushed.status).toBe(200);
    const placed = await postWebOrder(server.url, channel.apiKey, pickupPayload(items[0]!));
    expect(placed.status).toBe(201);
    orderNumber = String(placed.body.orderNumber);
    orderId = String(placed.body.orderId);
    await postWebOrder(server.url, channel.apiKey, pickupPayload(items[1]!));
    const refused = await postWebOrder(server.url, channel.apiKey, pickupPayload({ sku: 'NO-SUCH-SKU', price: 100 }));
    expect(refused.status).toBe(422);
    ({ browser, page, errors, consoleErrors } = await openHqBrowser());
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({
        path: `test-results/hq-orders-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`,
      });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  it('signs in, finds the order by number and opens it', async () => {
    await page.goto(`${server.url}/hq/`);
    await page.getByLabel('E-mail').waitFor();
    // The session probe answers "not signed in" with 200: the sign-in page logs no failed request.
    expect(consoleErrors).toEqual([]);
    await hqSignIn(page, server.url, 'agent@chain.example');
    await page.getByRole('link', { name: 'Orders' }).click();
    const table = page.getByRole('table', { name: 'Orders found' });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 15_000 }).toBe(2);
    await page.getByLabel('Order number').fill(orderNumber.slice(-8));
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await page.screenshot({ path: 'test-results/hq-orders-search.png', fullPage: true });
    await page.getByRole('link', { name: orderNumber }).click();
    await expect.poll(() => page.getByTestId('order-status').textContent(), { timeout: 15_000 }).toBe('allocated');
    expect(page.url()).toContain(`#/orders/${orderId}`);
    expect(await page.getByRole('list', { name: 'Order timeline' }).textContent()).toContain('allocated');
    await page.screenshot({ path: 'test-results/hq-order-page.png', fullPage: true });
  });

  it('cancels the order with a reason and sees the event in the timeline', async () => {
    await page.getByRole('button', { name: 'Cancel order' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel order' });
    await dialog.getByLabel('Reason (kept on the order)').fill('Customer called to cancel');
    await page.screenshot({ path: 'test-results/hq-order-cancel-dialog.png' });
    await dialog.getByRole('button', { name: 'Cancel the order' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toContain('Order cancelled');
    expect(await page.getByRole('status').textContent()).toContain('voided');
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('cancelled');
    const timeline = page.getByRole('list', { name: 'Order timeline' });
    await expect
      .poll(() => timeline.locator('li[data-type="service_action"]').textContent())
      .toContain('Cancelled — Customer called to cancel');
    expect(await timeline.locator('li[data-type="service_action"]').textContent()).toContain(
      'agent@chain.example (operations)',
    );
    expect(await page.getByRole('button', { name: 'Cancel order' }).isDisabled()).toBe(true);
    await page.screenshot({ path: 'test-results/hq-order-cancelled.png', fullPage: true });
  });

  it('shows the exceptions queue and the customer 360 page', async () => {
    await page.getByRole('link', { name: 'Exceptions' }).click();
    const table = page.getByRole('table', { name: 'Order exceptions' });
    await expect.poll(() => table.textContent(), { timeout: 15_000 }).toContain('unknown sku');
    await page.screenshot({ path: 'test-results/hq-exceptions.png', fullPage: true });
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByLabel('Name, e-mail or phone').fill('ada');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Ada Customer' }).click();
    await page.getByRole('heading', { name: 'Ada Customer' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.hq-table tbody tr').count()).toBe(2);
    await page.screenshot({ path: 'test-results/hq-customer-360.png', fullPage: true });
    expect(errors).toEqual([]);
  });
});
