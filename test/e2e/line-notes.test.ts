// A line note by keyboard alone, in Chromium against the seeded demo server: a scanned item,
// Alt+N puts the focus in the note dialog's field, Enter saves; the note shows on the cart line
// and the customer display, prints on the receipt, and reaches HQ on the order line.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
  type DemoProduct,
} from './register-helpers';

const NOTE = 'Gift wrap, blue ribbon';

describe.runIf(chromiumEnabled)('register: line note by keyboard', () => {
  const dataDir = makeTempDir('pos-note-e2e-');
  let server: RunningServer | undefined;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let display: Page;
  let item: DemoProduct | undefined;

  beforeAll(async () => {
    server = await startSeededServer(dataDir.path);
    item = (await pullAll<DemoProduct>(server.url, 'products')).find(
      (p) => p.active && p.unit === 'each' && /^\d{13}$/.test(p.primaryBarcode),
    );
    ({ browser, context, page } = await enrollRegister(server.url));
    await openTillByKeyboard(page, '100.00');
    display = await context.newPage();
    await display.goto(`${server.url}/#/customer-display`);
    await page.bringToFront();
  });

  afterEach(screenshotOnFailure('line-note', () => page));

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  const focusedInDialog = () =>
    page.evaluate(() => document.activeElement?.closest('[data-testid="note-dialog"]') !== null);

  it('adds a note with Alt+N and Enter, shows it on the line and the customer display', async () => {
    expect(item).toBeDefined();
    await page.keyboard.type(item!.primaryBarcode);
    await page.keyboard.press('Enter');
    await page.getByTestId('cart-line').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Alt+n');
    await page.getByTestId('note-dialog').waitFor();
    expect(await focusedInDialog()).toBe(true);
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Enter');
    await page.getByTestId('note-dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('cart-line-note').textContent()).toBe(`Note: ${NOTE}`);

    // Esc leaves the note as it was.
    await page.keyboard.press('Alt+n');
    await page.getByTestId('note-dialog').waitFor();
    await page.keyboard.type(' and a card');
    await page.keyboard.press('Escape');
    await page.getByTestId('note-dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('cart-line-note').textContent()).toBe(`Note: ${NOTE}`);

    await display.waitForFunction(
      (note) => document.querySelector('[data-testid="cd-line-note"]')?.textContent === note,
      NOTE,
      { timeout: 30_000 },
    );
    await page.screenshot({ path: 'test-results/line-note-cart.png' });
  });

  it('prints the note on the receipt and sends it to HQ on the order line', async () => {
    await page.keyboard.press('F12');
    await page.getByTestId('pay-screen').waitFor();
    await page.getByTestId('cash-input').fill('500.00');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/receipt\//);
    expect(await page.getByTestId('receipt').textContent()).toContain(`Note: ${NOTE}`);
    await waitFor(
      async () =>
        (await pullAll<{ lines: { note?: string }[] }>(server!.url, 'orders')).some((o) =>
          o.lines.some((l) => l.note === NOTE),
        ),
      60_000,
      'the order with the line note on the server',
    );
  });
});
