// A cycle count in headless Chromium against a real seeded server: a clerk of S001 counts two items
// of a shelf location blind while another register of the store sells — one item before it is
// counted, the other after — and a manager reviews and books the count: the variance is only the
// unit really missing, and the ledger ends at what was counted plus what sold afterwards. Then a
// damaged-goods adjustment above the limit needs the manager's PIN, drives the item negative, and
// the stock screen's alerts show it.
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

describe.runIf(chromiumEnabled)('inventory: a cycle count with sales during it, and an adjustment', () => {
  const dataDir = makeTempDir('pos-count-e2e-');
  let server: RunningServer | undefined;
  let browser: Browser;
  let page: Page;
  const items: DemoProduct[] = [];
  let s001 = '';
  const errors: string[] = [];

  const onHand = async (sku: string) =>
    (await hq<AvailabilityAnswer>(server!.url, INVENTORY_PATHS.availability, { skus: [sku] })).rows.find(
      (r) => r.storeCode === 'S001',
    )!.onHand;

  /** Another register of S001 sells `units` of `sku` now (its movement reaches this register by sync). */
  const otherRegisterSells = async (credential: string, sku: string, units: number) => {
    const response = await fetch(`${server!.url}/sync/inventory_movements/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ newDocumentState: { ...movementDoc(s001, sku, 'sale', -units), _deleted: false } }]),
    });
    expect(response.status).toBe(200);
  };

  const scan = async (item: DemoProduct, units: number) => {
    await page.getByTestId('count-qty').fill(String(units));
    await page.getByTestId('count-code').fill(item.primaryBarcode);
    await page.getByTestId('count-code').press('Enter');
    await expect
      .poll(() => page.getByTestId(`count-line-${item.sku}`).locator('td').last().textContent())
      .toBe(String(units));
  };

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    server = await startSeededServer(dataDir.path);
    s001 = (await pullAll<{ id: string; key: string; kind: string }>(server.url, 'config')).find(
      (c) => c.kind === 'store' && c.key === 'S001',
    )!.id;
    const products = (await pullAll<DemoProduct>(server.url, 'products')).filter(
      (p) => p.active && p.unit === 'each' && p.primaryBarcode,
    );
    for (const p of products.slice(0, 100)) {
      if ((await onHand(p.sku)) >= 5) items.push(p);
      if (items.length === 3) break;
    }
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  }, 120_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({
        path: `test-results/inventory-count-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`,
      });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  it('counts blind while the store sells; the manager books only the real loss', async () => {
    const url = server!.url;
    const [a, b] = items as [DemoProduct, DemoProduct];
    const other = await fetch(`${url}/api/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: await enrollmentCode(url, 'S001'), name: 'Second register' }),
    }).then((r) => r.json() as Promise<{ credential: string }>);
    const code = await enrollmentCode(url, 'S001');
    await page.goto(`${url}/#/enroll?code=${encodeURIComponent(code)}&server=${encodeURIComponent(url)}`);
    await page.getByTestId('enroll-submit').click();
    await page.getByTestId('sign-in').waitFor({ timeout: 90_000 });
    await signInAndOpenTill(page);
    const startA = await onHand(a.sku);
    const startB = await onHand(b.sku);

    await page.keyboard.press('F7');
    await page.getByTestId('stock-screen').waitFor();
    await page.getByTestId('go-count').click();
    await page.getByTestId('count-kind').selectOption('location');
    await page.getByTestId('count-location').fill('A3');
    await page.getByTestId('count-start').click();
    await page.getByTestId('count-code').waitFor();

    // B is counted first (all there), then sells one: that sale is after its count.
    await scan(b, startB);
    await otherRegisterSells(other.credential, b.sku, 1);
    // A sells two before it is counted; one more unit is simply gone (shrink).
    await otherRegisterSells(other.credential, a.sku, 2);
    await scan(a, startA - 3);
    // Blind: the counter sees counted figures only.
    const counting = await page.getByTestId('count-lines').textContent();
    expect(counting).toContain(String(startA - 3));
    expect(await page.getByTestId('count-screen').textContent()).not.toContain('Expected');

    // The manager reviews once the sales have reached this register (sync is live, but poll).
    await expect
      .poll(
        async () => {
          await page.getByTestId('count-finish').click();
          await page.getByRole('button', { name: 'Morgan Manager' }).click();
          await page.getByTestId('approval-pin').fill('918273');
          await page.keyboard.press('Enter');
          await page.getByTestId('count-report').waitFor();
          const va = await page.getByTestId(`count-report-${a.sku}`).getByTestId('variance').textContent();
          const vb = await page.getByTestId(`count-report-${b.sku}`).getByTestId('variance').textContent();
          if (va !== '-1' || vb !== '0') await page.getByRole('button', { name: 'Back to counting' }).click();
          return [va, vb];
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toEqual(['-1', '0']);
    await page.screenshot({ path: 'test-results/inventory-count-report.png' });
    await page.getByTestId('count-approve').click();
    await page.getByTestId('count-note').filter({ hasText: 'Count booked' }).waitFor();

    // The ledger, once synced: A is what was counted, B what was counted less the later sale.
    await expect.poll(() => onHand(a.sku), { timeout: 30_000 }).toBe(startA - 3);
    await expect.poll(() => onHand(b.sku), { timeout: 30_000 }).toBe(startB - 1);
    expect(errors).toEqual([]);
  }, 180_000);

  it('a damaged-goods adjustment above the limit needs the manager; the negative level shows as an alert', async () => {
    const c = items[2]!;
    const before = await onHand(c.sku);
    await page.keyboard.press('Escape');
    await page.getByTestId('stock-screen').waitFor();
    await page.getByTestId('go-adjust').click();
    await page.getByTestId('adjust-code').fill(c.primaryBarcode);
    await page.getByTestId('adjust-code').press('Enter');
    await page.getByTestId('adjust-item').waitFor();
    await page.getByTestId('adjust-reason').selectOption('damaged');
    const units = before + 500;
    await page.getByTestId('adjust-units').fill(String(units));
    await page.getByTestId('adjust-save').click();
    await page.getByTestId('approval-dialog').waitFor();
    await page.getByRole('button', { name: 'Morgan Manager' }).click();
    await page.getByTestId('approval-pin').fill('918273');
    await page.keyboard.press('Enter');
    await page.getByTestId('adjust-done').waitFor();
    await expect.poll(() => onHand(c.sku), { timeout: 30_000 }).toBe(-500);
    await page.keyboard.press('Escape');
    await page.getByTestId('stock-screen').waitFor();
    // The stock screen asks for alerts when it opens: leave and come back until the server has it.
    await expect
      .poll(
        async () => {
          await page.getByTestId('go-adjust').click();
          await page.getByTestId('adjust-screen').waitFor();
          await page.keyboard.press('Escape');
          await page.getByTestId('stock-alerts').waitFor();
          return page.getByTestId(`stock-alert-${c.sku}`).count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
    expect(await page.getByTestId(`stock-alert-${c.sku}`).textContent()).toContain('Negative stock');
    await page.screenshot({ path: 'test-results/inventory-alerts.png' });
    expect(errors).toEqual([]);
  }, 120_000);
});
