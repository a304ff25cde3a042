// What the HQ console e2e tests share: a Chromium page that records page errors and console
// errors, and signing in on the console's sign-in page.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { HQ_PASSWORD } from '../integration/hq-harness';

export interface HqBrowser {
  browser: Browser;
  page: Page;
  /** Uncaught errors in the page. */
  errors: string[];
  /** Messages the page logged at the console's error level (a failed request shows there too). */
  consoleErrors: string[];
}

/** A console-sized page in a fresh headless Chromium. */
export async function openHqBrowser(): Promise<HqBrowser> {
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  return { browser, page, errors, consoleErrors };
}

/** Opens the console at `${baseUrl}/hq/`, signs in with the e-mail (the test password) and waits for the menu. */
export async function hqSignIn(page: Page, baseUrl: string, email: string, password = HQ_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/hq/`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Dashboard' }).waitFor({ timeout: 15_000 });
}
