// The HQ console in headless Chromium against a real seeded server: a register rings up a sale;
// an HQ user signs in and sees it on the dashboard; imports a product CSV with two bad rows (the
// dry run lists them, the real run imports the rest) and the register scans a new product; edits a
// store's policy override with the store picker; then
// revokes the register, which is refused from its next request. Screenshots in test-results/.
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { withCheckDigit } from '../../shared/barcode/gtin';
import { chromiumEnabled } from '../support/env';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { signInAndOpenTill } from '../support/register-ui';
import { createHqUser, HQ_PASSWORD } from '../integration/hq-harness';
import { enrollmentCode, HQ_TOKEN, pullAll, startSeededServer, waitFor, type DemoProduct } from './register-helpers';

const NEW_BARCODE = withCheckDigit('400638133301');

describe.runIf(chromiumEnabled)('HQ console in Chromium', () => {
  const dataDir = makeTempDir('pos-hq-e2e-');
  let server: RunningServer;
  let browser: Browser;
  let register: Page;
  let console_: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    server = await startSeededServer(dataDir.path);
    await createHqUser(server.storage, 'ops@chain.example', 'admin');
    browser = await launchChromium();
    register = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    console_ = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    for (const page of [register, console_]) page.on('pageerror', (e) => errors.push(e.message));
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await console_?.screenshot({
        path: `test-results/hq-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`,
      });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  it('a register of S001 rings up a cash sale that reaches the server', async () => {
    const code = await enrollmentCode(server.url, 'S001');
    await register.goto(
      `${server.url}/#/enroll?code=${encodeURIComponent(code)}&server=${encodeURIComponent(server.url)}`,
    );
    await register.getByTestId('enroll-submit').click();
    await register.getByTestId('sign-in').waitFor({ timeout: 90_000 });
    await signInAndOpenTill(register);
    const product = (await pullAll<DemoProduct>(server.url, 'products')).find(
      (p) => p.active && p.unit === 'each' && p.primaryBarcode && p.prices[0]!.amount < 5000,
    )!;
    await register.keyboard.type(product.primaryBarcode);
    await register.keyboard.press('Enter');
    await expect.poll(() => register.getByTestId('cart-line').count()).toBe(1);
    await register.keyboard.press('F12');
    await register.getByTestId('pay-screen').waitFor();
    await register.keyboard.press('Enter');
    await register.getByTestId('receipt-screen').waitFor();
    await register.keyboard.press('Enter');
    await waitFor(
      async () => (await pullAll(server.url, 'orders')).length === 1,
      30_000,
      'the sale to reach the server',
    );
  });

  it('an HQ user signs in and sees the sale on the dashboard', async () => {
    await console_.goto(`${server.url}/hq/`);
    await console_.getByLabel('E-mail').waitFor();
    expect(await console_.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
    await console_.screenshot({ path: 'test-results/hq-login.png' });
    await console_.getByLabel('E-mail').fill('ops@chain.example');
    await console_.getByLabel('Password').fill('wrong password!');
    await console_.keyboard.press('Enter');
    await expect.poll(() => console_.getByRole('alert').textContent()).toContain('e-mail or password is wrong');
    await console_.getByLabel('Password').fill(HQ_PASSWORD);
    await console_.keyboard.press('Enter');
    await expect.poll(() => console_.getByTestId('tile-orders').textContent(), { timeout: 15_000 }).toContain('1');
    const orders = await pullAll<{ totals: { total: number } }>(server.url, 'orders');
    const total = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
      orders[0]!.totals.total / 100,
    );
    expect(await console_.getByTestId('tile-sales').textContent()).toContain(total);
    expect(await console_.getByRole('table', { name: 'Sales by store' }).textContent()).toContain('S001');
    expect(await console_.getByRole('table', { name: 'Register health' }).textContent()).toContain('Online');
    await console_.locator('.hq-chart canvas').first().waitFor();
    await console_.screenshot({ path: 'test-results/hq-dashboard.png', fullPage: true });
  });

  it('imports a product CSV with two bad rows: the dry run shows them, the real run imports the rest, and the register scans the new product', async () => {
    const csv = [
      'sku,name,price,department,tax_category,barcode',
      `HQ-NEW-1,Console mug,6.50,KITCHEN,GENERAL,${NEW_BARCODE}`,
      'HQ-NEW-2,No price,,KITCHEN,GENERAL,',
      'HQ-NEW-3,Bad barcode,1.00,KITCHEN,GENERAL,4006381333932',
      'HQ-NEW-4,Console plate,8.25,KITCHEN,GENERAL,',
    ].join('\n');
    await console_.getByRole('link', { name: 'Import' }).click();
    await console_
      .getByLabel('CSV file')
      .setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await console_.getByRole('button', { name: 'Check file (dry run)' }).click();
    const report = console_.getByTestId('import-report');
    await expect.poll(() => report.textContent()).toContain('Dry run: nothing was written');
    expect(await report.textContent()).toContain('2 with problems');
    const problems = await console_
      .getByRole('table', { name: 'Problems by row' })
      .locator('tbody tr')
      .allTextContents();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^2price/);
    expect(problems[1]).toMatch(/^3barcode/);
    await console_.screenshot({ path: 'test-results/hq-import-dry-run.png', fullPage: true });
    await console_.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => report.textContent()).toContain('Import finished');
    expect(await report.textContent()).toContain('2 created');
    await console_.screenshot({ path: 'test-results/hq-import.png', fullPage: true });
    // The register receives the new product by replication and sells it by its barcode.
    await register.getByTestId('sell-screen').waitFor();
    await expect
      .poll(
        async () => {
          await register.keyboard.type(NEW_BARCODE);
          await register.keyboard.press('Enter');
          return register.getByTestId('cart-lines').textContent();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toContain('Console mug');
  });

  it('edits a store override of the policy with the store picker, leaving the default as it was', async () => {
    await console_.getByRole('link', { name: 'Policies' }).click();
    const windowDays = console_.getByLabel('Return window (days)');
    await expect.poll(() => windowDays.inputValue()).toBe('30');
    await console_.getByLabel('Policy for').selectOption({ label: 'S002 Demo SoHo' });
    await expect
      .poll(() => console_.locator('.hq-filters').first().textContent())
      .toContain('follows the chain default');
    await windowDays.fill('14');
    await windowDays.press('Enter');
    await expect.poll(() => console_.getByRole('status').textContent()).toContain('Policy saved');
    const policies = (
      await pullAll<{ kind: string; key: string; payload: { returns: { windowDays: number } } }>(server.url, 'config')
    ).filter((d) => d.kind === 'policy');
    expect(policies.find((p) => p.key === 'S002')?.payload.returns.windowDays).toBe(14);
    expect(policies.find((p) => p.key === 'default')?.payload.returns.windowDays).toBe(30);
    await console_.getByLabel('Policy for').selectOption({ label: 'Chain default' });
    await expect.poll(() => windowDays.inputValue()).toBe('30');
  });

  it('shows an enrollment code as a QR code and revokes the register, which is refused within a second', async () => {
    await console_.getByRole('link', { name: 'Devices' }).click();
    await console_.getByRole('button', { name: 'New enrollment code' }).click();
    await console_.getByRole('img', { name: /QR code for enrollment code/ }).waitFor();
    await console_.screenshot({ path: 'test-results/hq-devices-qr.png' });
    await console_.keyboard.press('Escape');
    await console_
      .getByRole('button', { name: /^Revoke / })
      .first()
      .click();
    const confirm = console_.getByRole('dialog').getByRole('button', { name: 'Revoke register' });
    await confirm.waitFor();
    // Focus lands on the button the dialog is for: Enter confirms.
    expect(await console_.evaluate(() => document.activeElement?.textContent)).toBe('Revoke register');
    const refused = register.waitForResponse((r: Response) => r.url().includes('/sync/') && r.status() === 401, {
      timeout: 10_000,
    });
    await confirm.click();
    await expect.poll(() => console_.getByRole('status').textContent()).toContain('is revoked');
    const revokedAt = Date.now();
    // Anything that makes the register call the server now: a change HQ publishes reaches it live.
    await fetch(`${server.url}/api/hq/console/policies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${HQ_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'default', payload: { returns: { windowDays: 45 } } }),
    });
    const response = await refused;
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    expect(((await response.json()) as { code: string }).code).toBe('SYNC_CREDENTIAL_REVOKED');
    expect(await console_.getByRole('table', { name: 'Register health' }).textContent()).toContain('Revoked');
    await console_.screenshot({ path: 'test-results/hq-devices.png' });
    expect(errors).toEqual([]);
  });
});
