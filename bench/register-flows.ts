// The clerk's steps the register benchmarks drive through the real UI, the same way the register
// e2e does (test/e2e/register-day.test.ts): enroll, initial sync, sign in, open the till, search,
// scan like a scanner (digits then Enter from the keyboard), pay exact cash, next sale.
import type { Page } from 'playwright-core';
import { hqRequest } from './register-catalog';
import { waitForSamples } from './register-probe';
import { signInAndOpenTill } from '../test/support/register-ui';

/** Milliseconds from the Enroll click to each milestone of the first run. */
export interface BootstrapTimes {
  setupShown: number;
  /** Initial sync finished: the app left the progress screen for sign-in. */
  syncDone: number;
  /** Signed in and till opened by the script (a few hundred ms of UI, not sync). */
  sellShown: number;
  /** The first scan (the product that reaches the register last) is a line in the cart: the first sale. */
  firstScan: number;
  /** The searched product's name listed in the search results: search works. */
  searchResult: number;
  /** From the first typed search key to the result (typing, 120 ms debounce, query, render). */
  searchTyped: number;
}

async function enrollmentCode(url: string, storeCode: string): Promise<string> {
  return (await hqRequest<{ code: string }>(url, '/api/hq/enrollment-codes', { storeId: storeCode })).code;
}

/**
 * First run, measured from pressing Enroll to the first scan of `product` added to the cart (it
 * stays in the first sale), then to the first search result for its name.
 */
export async function bootstrap(
  page: Page,
  serverUrl: string,
  product: { name: string; barcode: string },
  timeoutMs: number,
): Promise<BootstrapTimes> {
  const productName = product.name;
  const code = await enrollmentCode(serverUrl, 'S001');
  await page.goto(`${serverUrl}/#/enroll?code=${encodeURIComponent(code)}&server=${encodeURIComponent(serverUrl)}`);
  const submit = page.getByTestId('enroll-submit');
  await submit.waitFor();
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  await submit.click();
  await page.getByTestId('setup-screen').waitFor({ timeout: timeoutMs });
  const setupShown = since();
  await page.getByTestId('sign-in').waitFor({ timeout: timeoutMs });
  const syncDone = since();
  await signInAndOpenTill(page);
  const sellShown = since();
  await page.getByTestId('scan-input').pressSequentially(product.barcode);
  await page.keyboard.press('Enter');
  await page.getByTestId('cart-line').filter({ hasText: productName }).waitFor({ timeout: timeoutMs });
  const firstScan = since();
  await page.getByTestId('scan-input').pressSequentially(productName);
  await page.getByTestId('search-results').getByText(productName, { exact: true }).waitFor({ timeout: timeoutMs });
  const searchResult = since();
  await page.getByTestId('scan-input').fill('');
  return { setupShown, syncDone, sellShown, firstScan, searchResult, searchTyped: searchResult - firstScan };
}

/**
 * Scans each code like a scanner and waits until the probe has seen its line painted.
 * Returns the probe's sample count afterwards.
 */
export async function scanAll(page: Page, codes: readonly string[], samplesBefore: number): Promise<number> {
  let samples = samplesBefore;
  for (const code of codes) {
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    samples++;
    await waitForSamples(page, samples);
  }
  return samples;
}

/** F12, Enter (exact cash): the sale completes and the receipt shows; Enter again: next sale. */
export async function payExactCashAndContinue(page: Page, samplesBefore: number): Promise<number> {
  await page.keyboard.press('F12');
  await page.getByTestId('pay-screen').waitFor();
  await page.keyboard.press('Enter');
  await waitForSamples(page, samplesBefore + 1, 15_000);
  await page.getByTestId('receipt-screen').waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('sell-screen').waitFor();
  return samplesBefore + 1;
}
