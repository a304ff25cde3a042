// Stock in headless Chromium against a real seeded server: a clerk of S001 opens the lookup with
// F7 from the sell screen, scans an item, and sees S001's own figures and S002's with distance; a
// receipt at S002 shows at S001 within the one-second refresh; S001 receives an ASN one carton
// short; with the server gone the lookup keeps S002's last figure and says how old it is.
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { INVENTORY_PATHS, type AvailabilityAnswer } from '../../shared/inventory/availability';
import { chromiumEnabled } from '../support/env';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { signInAndOpenTill } from '../support/register-ui';
import { movementDoc } from '../integration/server-fixtures';
import { enrollmentCode, hq, pullAll, startSeededServer, type DemoProduct } from './register-helpers';

describe.runIf(chromiumEnabled)('inventory: stock lookup across stores, online and offline', () => {
  const dataDir = makeTempDir('pos-inventory-e2e-');
  let server: RunningServer | undefined;
  let browser: Browser;
  let page: Page;
  let product: DemoProduct;
  let stores: { id: string; key: string }[] = [];
  const errors: string[] = [];

  const availability = async (sku: string) =>
    (await hq<AvailabilityAnswer>(server!.url, INVENTORY_PATHS.availability, { skus: [sku] })).rows;
  const otherAvailable = (code: string) =>
    page.getByTestId(`stock-other-${code}`).getByTestId('available').textContent();

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    server = await startSeededServer(dataDir.path);
    stores = (await pullAll<{ id: string; key: string; kind: string }>(server.url, 'config')).filter(
      (c) => c.kind === 'store',
    );
    const products = (await pullAll<DemoProduct>(server.url, 'products')).filter(
      (p) => p.active && p.unit === 'each' && p.primaryBarcode,
    );
    // An item both stores stock.
    for (const p of products.slice(0, 200)) {
      const rows = await availability(p.sku);
      if (
        rows.find((r) => r.storeCode === 'S001')!.onHand > 0 &&
        rows.find((r) => r.storeCode === 'S002')!.onHand > 0
      ) {
        product = p;
        break;
      }
    }
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  }, 120_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({
        path: `test-results/inventory-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`,
      });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  it('opens from the sell screen with F7 and shows this store and the others, nearest first', async () => {
    const url = server!.url;
    const code = await enrollmentCode(url, 'S001');
    await page.goto(`${url}/#/enroll?code=${encodeURIComponent(code)}&server=${encodeURIComponent(url)}`);
    await page.getByTestId('enroll-submit').click();
    await page.getByTestId('sign-in').waitFor({ timeout: 90_000 });
    await signInAndOpenTill(page);
    await page.keyboard.press('F7');
    await page.getByTestId('stock-screen').waitFor();
    // Focus lands in the code field: a scanner's digits + Enter look the item up.
    await page.keyboard.type(product.primaryBarcode);
    await page.keyboard.press('Enter');
    const rows = await availability(product.sku);
    const s1 = rows.find((r) => r.storeCode === 'S001')!;
    const s2 = rows.find((r) => r.storeCode === 'S002')!;
    await expect
      .poll(() => page.getByTestId(`stock-local-${product.sku}`).getByTestId('available').textContent())
      .toBe(String(s1.available));
    await expect.poll(() => otherAvailable('S002')).toBe(String(s2.available));
    const others = await page.getByTestId('stock-others').locator('tbody tr').allTextContents();
    expect(others).toHaveLength(stores.length - 1);
    expect(others[0]).toContain('km');
    expect(await page.getByTestId('stock-others-age').textContent()).toContain('Live');
    await page.screenshot({ path: 'test-results/inventory-stock-lookup.png' });
    expect(errors).toEqual([]);
  }, 150_000);

  it("shows S002's new level at S001 within a second of the receipt", async () => {
    const s2 = stores.find((s) => s.key === 'S002')!;
    const before = (await availability(product.sku)).find((r) => r.storeCode === 'S002')!.available;
    await hq(server!.url, '/sync/inventory_movements/push', [
      { newDocumentState: { ...movementDoc(s2.id, product.sku, 'receipt', 7), _deleted: false } },
    ]);
    const started = Date.now();
    // The screen re-reads every second; allow one period plus the request on a busy machine.
    await expect.poll(() => otherAvailable('S002'), { timeout: 2500, interval: 50 }).toBe(String(before + 7));
    console.info(`[inventory-lookup] S002 receipt visible at S001 after ${Date.now() - started} ms`);
  });

  it('receives an ASN at S001 with one carton short, a damaged unit and an unannounced extra', async () => {
    const products = (await pullAll<DemoProduct>(server!.url, 'products')).filter(
      (p) => p.active && p.unit === 'each' && p.primaryBarcode && p.sku !== product.sku,
    );
    const other = products[0]!;
    const asnId = '0193a000-0000-7000-8000-0000000000e1';
    const before = (await availability(product.sku)).find((r) => r.storeCode === 'S001')!.onHand;
    const otherBefore = (await availability(other.sku)).find((r) => r.storeCode === 'S001')!.onHand;
    await hq(server!.url, '/api/hq/inventory/purchase-orders', {
      id: asnId,
      kind: 'asn',
      number: 'ASN-E2E',
      storeId: 'S001',
      supplier: 'Demo Supplier',
      lines: [
        { sku: product.sku, quantity: 12 },
        { sku: other.sku, quantity: 4 },
      ],
      cartons: [
        { code: 'C-0001', lines: [{ sku: product.sku, quantity: 6 }] },
        { code: 'C-0002', lines: [{ sku: product.sku, quantity: 6 }] },
        { code: 'C-0003', lines: [{ sku: other.sku, quantity: 4 }] },
      ],
    });
    await page.getByTestId('go-receiving').click();
    await page.getByTestId('receiving-order-ASN-E2E').click();
    await page.getByTestId('receiving-scan').waitFor();
    // Carton C-0002 never arrives; one unit of the other item comes loose in the truck.
    for (const code of ['C-0001', 'C-0003', other.primaryBarcode]) {
      await page.keyboard.type(code);
      await page.keyboard.press('Enter');
      await page.getByTestId('receiving-note').waitFor();
    }
    await expect
      .poll(() => page.getByTestId(`receiving-line-${other.sku}`).getByTestId('received').textContent())
      .toBe('5');
    await page.getByTestId(`damaged-${product.sku}`).fill('1');
    expect(await page.getByTestId(`receiving-line-${product.sku}`).getByTestId('short').textContent()).toBe('6');
    expect(await page.getByTestId(`receiving-line-${other.sku}`).getByTestId('over').textContent()).toBe('1');
    await page.screenshot({ path: 'test-results/inventory-receiving.png' });
    await page.getByTestId('receiving-close').click();
    await page.getByTestId('receiving-result').waitFor();
    const after = await availability(product.sku);
    expect(after.find((r) => r.storeCode === 'S001')!.onHand).toBe(before + 5);
    expect((await availability(other.sku)).find((r) => r.storeCode === 'S001')!.onHand).toBe(otherBefore + 5);
    await page.getByTestId('receiving-result').getByRole('button').click();
    await page.getByTestId('stock-screen').waitFor();
    await page.getByTestId('stock-code').fill('');
    await page.getByTestId('stock-code').type(product.primaryBarcode);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId(`stock-local-${product.sku}`).getByTestId('available').textContent())
      .toBe(String(after.find((r) => r.storeCode === 'S001')!.available));
    expect(errors).toEqual([]);
  });

  it('ships a transfer S001 → S002 by scan; S002 receives it one short; the lookup follows', async () => {
    const url = server!.url;
    const enrolled = await fetch(`${url}/api/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: await enrollmentCode(url, 'S002'), name: 'S002 till' }),
    });
    const s2 = (await enrolled.json()) as { credential: string };
    const asS2 = async <T>(path: string, body: unknown): Promise<T> => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s2.credential}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as T;
    };
    const transferId = '0193a000-0000-7000-8000-0000000000e2';
    await asS2('/api/inventory/transfers', {
      id: transferId,
      fromStoreId: 'S001',
      lines: [{ sku: product.sku, quantity: 3 }],
    });
    const before = await availability(product.sku);
    const at = (code: string, rows = before) => rows.find((r) => r.storeCode === code)!;
    await page.getByTestId('go-transfers').click();
    await page.getByTestId(`transfer-out-${transferId}`).getByTestId('transfer-approve').click();
    await page.getByTestId(`transfer-out-${transferId}`).getByTestId('transfer-pick').click();
    await page.getByTestId('transfer-scan').waitFor();
    for (let i = 0; i < 3; i += 1) {
      await page.keyboard.type(product.primaryBarcode);
      await page.keyboard.press('Enter');
    }
    await expect
      .poll(() => page.getByTestId(`transfer-line-${product.sku}`).locator('td').nth(2).textContent())
      .toBe('3');
    await page.screenshot({ path: 'test-results/inventory-transfer-pick.png' });
    await page.getByTestId('transfer-done').click();
    await expect.poll(() => page.getByTestId('transfers-message').textContent()).toContain('in transit');
    const shipped = await availability(product.sku);
    expect([at('S001', shipped).onHand, at('S002', shipped).onHand, at('S002', shipped).inTransit]).toEqual([
      at('S001').onHand - 3,
      at('S002').onHand,
      3,
    ]);
    const received = await asS2<{ discrepancies: { difference: number }[] }>(
      `/api/inventory/transfers/${transferId}/receive`,
      { lines: [{ sku: product.sku, quantity: 2 }] },
    );
    expect(received.discrepancies).toEqual([{ sku: product.sku, shipped: 3, received: 2, difference: -1 }]);
    const after = await availability(product.sku);
    expect([at('S002', after).onHand, at('S002', after).inTransit]).toEqual([at('S002').onHand + 2, 0]);
    await page.keyboard.press('Escape');
    await page.getByTestId('stock-screen').waitFor();
    await page.getByTestId('stock-code').fill(product.primaryBarcode);
    await page.keyboard.press('Enter');
    await expect.poll(() => otherAvailable('S002')).toBe(String(at('S002', after).available));
    expect(errors).toEqual([]);
  });

  it('offline: keeps the last answer and shows its age', async () => {
    await expect.poll(() => page.getByTestId('stock-others-age').textContent()).toContain('Live');
    const shown = await otherAvailable('S002');
    await server!.close();
    server = undefined;
    await expect
      .poll(() => page.getByTestId('stock-others-age').textContent(), { timeout: 10_000 })
      .toContain('Offline — figures from');
    expect(await otherAvailable('S002')).toBe(shown);
    // This store's figure still shows, from the register's own copy.
    expect(await page.getByTestId(`stock-local-${product.sku}`).getByTestId('available').textContent()).toMatch(
      /^-?\d+$/,
    );
    await page.waitForTimeout(2200);
    expect(await page.getByTestId('stock-others-age').textContent()).toMatch(/figures from [2-9] s ago/);
    await page.screenshot({ path: 'test-results/inventory-stock-lookup-offline.png' });
  });
});
