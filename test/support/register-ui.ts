// Register steps shared by the end-to-end tests and the register benchmark (demo clerk, demo float).
import type { Page } from 'playwright-core';

export async function signInAndOpenTill(page: Page): Promise<void> {
  await page.getByTestId('staff-Casey Clerk').click();
  await page.getByTestId('pin-input').fill('1111');
  await page.keyboard.press('Enter');
  await page.getByTestId('float-input').fill('150.00');
  await page.getByTestId('open-till').click();
  await page.getByTestId('go-sell').click();
  await page.getByTestId('sell-screen').waitFor();
}
