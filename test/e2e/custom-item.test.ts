// A custom (open-price) item by keyboard, in Chromium against the seeded demo server: the clerk
// searches "misc", Enter on the demo's "Misc. item (open price)" opens the custom item dialog with
// the focus in the description; Enter moves to the price; a price over the item's maximum is
// refused in place; Enter adds the item after a manager's approval (a clerk may not ring it alone).
// The line shows the description, the receipt prints it, and the order reaches the server with a
// price_override approval — and the till took no stock of it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { chromiumEnabled } from '../support/env';
import { makeTempDir } from '../support/temp-dir';
import {
  enrollRegister,
  openTillByKeyboard,
  pullAll,
  screenshotOnFailure,
  startSeededServer,
  waitFor,
} from './register-helpers';

const WHAT = 'Hand-painted vase, consignment';

interface OrderLine {
  sku: string;
  note?: string;
  unitPrice: number;
  priceOverride?: { reason: string; approval?: { action: string } };
}

describe.runIf(chromiumEnabled)('register: custom (open-price) item by keyboard', () => {
  const dataDir = makeTempDir('pos-custom-e2e-');
  let server: RunningServer | undefined;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startSeededServer(dataDir.path);
    ({ browser, page } = await enrollRegister(server.url));
    await openTillByKeyboard(page, '100.00');
  });

  afterEach(screenshotOnFailure('custom-item', () => page));

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  const focusedName = () =>
    page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.getAttribute('name') ?? '');

  it('rings the misc item: description, price, manager approval, by keyboard', async () => {
    await page.getByTestId('scan-input').focus();
    await page.keyboard.type('misc');
    await page.getByTestId('search-results').waitFor();
    expect(await page.getByTestId('search-results').textContent()).toContain('Misc. item');
    await page.keyboard.press('Enter');
    await page.getByTestId('custom-item-dialog').waitFor();
    expect(await focusedName()).toBe('description');
    await page.keyboard.type(WHAT);
    await page.keyboard.press('Enter');
    expect(await focusedName()).toBe('price');
    // Typed by hand (keys 90 ms apart): the price field refuses a scanner's burst.
    await page.keyboard.type('600.00', { delay: 90 }); // the demo item's maximum is $500.00
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('custom-item-dialog').getByRole('alert').textContent()).toMatch(/over the most/);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('42.50', { delay: 90 });
    await page.screenshot({ path: 'test-results/custom-item-dialog.png' });
    await page.keyboard.press('Enter');

    await page.getByTestId('approval-dialog').waitFor();
    await page.getByRole('button', { name: 'Morgan Manager' }).click();
    await page.getByTestId('approval-pin').fill('918273');
    await page.keyboard.press('Enter');
    await page.getByTestId('approval-dialog').waitFor({ state: 'detached' });

    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    const line = (await page.getByTestId('cart-line').first().textContent()) ?? '';
    expect(line).toContain(WHAT);
    expect(line).toContain('42.50');
    await page.screenshot({ path: 'test-results/custom-item-cart.png' });

    // At 1280 px the eight line and sale action keys sit in two rows (they wrapped to four).
    const rows = await page.evaluate(
      () =>
        new Set(
          [...document.querySelectorAll<HTMLElement>('[data-testid="action-keys"] button')].map((b) =>
            Math.round(b.getBoundingClientRect().top),
          ),
        ).size,
    );
    expect(rows).toBe(2);
  });

  it('prints it on the receipt and the order reaches the server approved, with no stock taken', async () => {
    await page.keyboard.press('F12');
    await page.getByTestId('pay-screen').waitFor();
    await page.getByTestId('cash-input').fill('100.00');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/receipt\//);
    expect(await page.getByTestId('receipt').textContent()).toContain(WHAT);

    let line: OrderLine | undefined;
    await waitFor(
      async () => {
        const orders = await pullAll<{ lines: OrderLine[] }>(server!.url, 'orders');
        line = orders.flatMap((o) => o.lines).find((l) => l.sku === 'MISC-OPEN');
        return line !== undefined;
      },
      60_000,
      'the order with the custom item on the server',
    );
    expect(line!.note).toBe(WHAT);
    expect(line!.unitPrice).toBe(4250);
    expect(line!.priceOverride?.approval?.action).toBe('price_override');
    const movements = await pullAll<{ sku: string; referenceType: string }>(server!.url, 'inventory_movements');
    expect(movements.some((m) => m.sku === 'MISC-OPEN')).toBe(false);
  });
});
