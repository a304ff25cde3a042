// A sale to a customer, by keyboard, in Chromium against the seeded demo server: F4 opens the
// customer dialog, a new customer is created (its fields filled by locator: see the report) and attached, the customer summary panel shows on
// the sell screen, the sale is paid in cash, and the receipt screen offers the customer's e-mail;
// Enter sends it. The server records the request and mails the receipt to the test SMTP server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { chromiumEnabled } from '../support/env';
import { makeTempDir } from '../support/temp-dir';
import { startTestSmtp, until, type TestSmtp } from '../support/test-smtp';
import {
  enrollRegister,
  openTillByKeyboard,
  pullAll,
  screenshotOnFailure,
  startSeededServer,
  type DemoProduct,
} from './register-helpers';

const EMAIL = 'dana.receipt@example.com';

describe.runIf(chromiumEnabled)('register: customer attached, receipt e-mailed', () => {
  const dataDir = makeTempDir('pos-customer-e2e-');
  let server: RunningServer | undefined;
  let smtp: TestSmtp;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  let item: DemoProduct | undefined;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    // The server reads SMTP_URL when it starts its job worker.
    process.env.SMTP_URL = smtp.url;
    server = await startSeededServer(dataDir.path);
    delete process.env.SMTP_URL;
    item = (await pullAll<DemoProduct>(server.url, 'products')).find(
      (p) => p.active && p.unit === 'each' && /^\d{13}$/.test(p.primaryBarcode),
    );
    ({ browser, page, errors } = await enrollRegister(server.url));
    await openTillByKeyboard(page, '100.00');
  }, 180_000);

  afterEach(screenshotOnFailure('customer-attach', () => page));

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
    dataDir.remove();
  });

  const focused = () =>
    page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

  it('attaches a new customer with F4 and shows the customer summary', async () => {
    await page.keyboard.press('F4');
    await page.getByTestId('customer-dialog').waitFor();
    await page.keyboard.type('Dana Receipt');
    await page.getByText('No customer matches').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'New customer' }).click();
    await page.getByText('Create and attach').waitFor();
    // The name typed in the search is carried over; phone and e-mail are typed in their fields.
    expect(await page.getByLabel('Name').inputValue()).toBe('Dana Receipt');
    await page.getByLabel('Phone').fill('555-0142');
    await page.getByLabel('Email').fill(EMAIL);
    await page.keyboard.press('Enter');
    await page.getByTestId('customer-dialog').waitFor({ state: 'detached' });
    await page.getByText('Customer: Dana Receipt').waitFor();
    await page.getByTestId('customer-summary').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: 'test-results/customer-attach-summary.png' });
  }, 120_000);

  it('sells, and the receipt screen e-mails the receipt to the customer with Enter', async () => {
    expect(item).toBeDefined();
    await page.getByTestId('sell-screen').click({ position: { x: 5, y: 5 } });
    await page.keyboard.type(item!.primaryBarcode);
    await page.keyboard.press('Enter');
    await page.getByTestId('cart-line').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('F12');
    await page.getByTestId('pay-screen').waitFor();
    await page.keyboard.press('Enter'); // exact cash
    await page.getByTestId('receipt-screen').waitFor({ timeout: 30_000 });
    const field = page.getByTestId('receipt-email');
    await expect.poll(() => field.inputValue(), { timeout: 10_000 }).toBe(EMAIL);
    const number = /Order ([A-Z0-9]+-[A-Z0-9]+-\d+-[0-9A-Z])/.exec(
      (await page.getByTestId('receipt').textContent())!,
    )![1]!;
    // Next sale has the focus; Tab past Print receipt to the e-mail field, Enter sends.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('receipt-email');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('receipt-message').textContent()).toContain(`emailed to ${EMAIL}`);
    await page.screenshot({ path: 'test-results/customer-attach-receipt.png' });

    const events = await until(
      'the receipt request on the server',
      async () => {
        const all = await pullAll<{ type: string; payload: { email?: string } }>(server!.url, 'order_events');
        return all.find((e) => e.type === 'receipt_email_requested' && e.payload.email === EMAIL);
      },
      60_000,
    );
    expect(events).toBeDefined();
    const mail = await until('the receipt mail', async () => smtp.mails.find((m) => m.to === EMAIL), 60_000);
    expect(mail.text).toContain(`Order ${number}`);
    expect(mail.text).toContain('Register S001-R01');
    expect(errors).toEqual([]);
  }, 180_000);
});
