// Price books and promotions in the HQ console, in headless Chromium against a real seeded server:
// an operations user signs in, changes a price in the chain's book (search by SKU, Enter saves),
// is refused a promotion with a bad field (the field is marked), then creates a "buy 2 get 1 free"
// for store S001. What a register pulls then contains it, and the register's pricing engine gives
// the discount. Screenshots in test-results/.
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { money } from '../../shared/money';
import { priceCart, promotionsFromConfig } from '../../shared/pricing';
import type { ConfigOf } from '../../shared/schemas';
import { chromiumEnabled } from '../support/env';
import { makeTempDir } from '../support/temp-dir';
import { createHqUser } from '../integration/hq-harness';
import { hqSignIn, openHqBrowser } from './hq-helpers';
import { pullAll, startSeededServer, waitFor, type DemoProduct } from './register-helpers';

type Doc = Record<string, unknown>;

describe.runIf(chromiumEnabled)('HQ price books and promotions in Chromium', () => {
  const dataDir = makeTempDir('pos-hq-pricing-e2e-');
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let product: DemoProduct;
  let errors: string[] = [];

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    server = await startSeededServer(dataDir.path);
    await createHqUser(server.storage, 'pricing@chain.example', 'operations');
    product = (await pullAll<DemoProduct>(server.url, 'products')).find((p) => p.active && p.unit === 'each')!;
    ({ browser, page, errors } = await openHqBrowser());
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({
        path: `test-results/hq-pricing-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`,
      });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  it('signs in and changes a price in the chain price book by keyboard', async () => {
    await hqSignIn(page, server.url, 'pricing@chain.example');
    await page.getByRole('link', { name: 'Price books' }).click();
    await page.getByRole('button', { name: 'Prices of Standard USD' }).click();
    const search = page.getByLabel('SKU or name');
    await search.fill(product.sku);
    await search.press('Enter');
    const priceInput = page.getByLabel(`Price of ${product.sku}`);
    await expect
      .poll(() => page.getByRole('table', { name: 'Prices in Standard USD' }).locator('tbody tr').count())
      .toBe(1);
    await priceInput.fill('12.34');
    await priceInput.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('1 price(s) saved');
    await waitFor(
      async () =>
        (await pullAll<DemoProduct>(server.url, 'products'))
          .find((p) => p.id === product.id)
          ?.prices.some((p) => p.amount === 1234) === true,
      10_000,
      'the new price to be stored',
    );
    expect(await page.getByRole('table', { name: 'Changes' }).textContent()).toContain('pricing@chain.example');
    await page.screenshot({ path: 'test-results/hq-price-books.png', fullPage: true });
  });

  it('refuses a bad promotion naming the field, then creates a buy 2 get 1 free for S001 that its registers apply', async () => {
    await page.getByRole('link', { name: 'Promotions' }).click();
    await page.getByRole('button', { name: 'New promotion' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Code', { exact: true }).fill('E2E-3FOR2');
    await dialog.getByLabel('Name', { exact: true }).fill('Three for two');
    await dialog.getByLabel('Type').selectOption('buy_x_get_y');
    await dialog.getByLabel('Buy SKUs').fill(product.sku);
    await dialog.getByLabel('Buy quantity').fill('0');
    await dialog.getByLabel(/Discount on the "get" items/).fill('100');
    await dialog.getByLabel('S001').check();
    await dialog.getByLabel('Buy quantity').press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('rule.buyQuantity');
    expect(await dialog.getByLabel('Buy quantity').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: 'test-results/hq-promotion-refused.png' });
    await dialog.getByLabel('Buy quantity').fill('2');
    await dialog.getByRole('button', { name: 'Save promotion' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Three for two saved');
    const row = page.getByTestId('promotion-E2E-3FOR2');
    expect(await row.textContent()).toContain('S001');
    expect(await row.textContent()).toContain('Running');
    await page.screenshot({ path: 'test-results/hq-promotions.png', fullPage: true });

    const config = await pullAll<Doc>(server.url, 'config');
    const s001 = config.find((d) => d.kind === 'store' && d.key === 'S001')!;
    const s002 = config.find((d) => d.kind === 'store' && d.key === 'S002')!;
    const promotions = config.filter((d): d is ConfigOf<'promotion'> & Doc => d.kind === 'promotion');
    const forS001 = promotionsFromConfig(promotions, String(s001.id));
    expect(forS001.promotions.map((p) => p.name)).toContain('Three for two');
    expect(promotionsFromConfig(promotions, String(s002.id)).promotions.map((p) => p.name)).not.toContain(
      'Three for two',
    );
    const totals = priceCart({
      currency: 'USD',
      lines: [
        {
          key: 'l1',
          sku: product.sku,
          category: 'x',
          taxCategory: 'none',
          quantity: 3,
          unitPrice: money(1234, 'USD'),
        },
      ],
      promotions: forS001.promotions,
      at: new Date().toISOString(),
      jurisdiction: { code: 'T', mode: 'exclusive', rounding: 'line', roundingMode: 'half-up', rates: [] },
    });
    expect(totals.discountTotal.amount).toBe(1234);
    expect(errors).toEqual([]);
  });
});
