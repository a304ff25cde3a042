// Paying by gift card in Chromium against a real sync server (issue 10): online, the register asks
// the server for the card (it holds no gift card document) and the payment carries the keyed token;
// offline, the number is sealed for the server, the sale completes, and once back online the server
// books the spend on the card.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { GIFT_CARD_API } from '../../shared/balances';
import type { RunningServer } from '../../sync-server/server';
import { chromiumEnabled } from '../support/env';
import { makeTempDir } from '../support/temp-dir';
import {
  enrollRegister,
  hq,
  openTillByKeyboard,
  pullAll,
  screenshotOnFailure,
  startSeededServer,
  waitFor,
  type DemoProduct,
} from './register-helpers';

interface PaymentDoc {
  orderId: string;
  method: string;
  amount: number;
  giftCard?: { token: string; last4: string };
}

describe.runIf(chromiumEnabled)('register: paying by gift card', () => {
  const dataDir = makeTempDir('pos-gift-e2e-');
  let server: RunningServer | undefined;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let product: DemoProduct;

  const cardBalance = async (number: string): Promise<number> => {
    const { id } = await hq<{ id: string }>(server!.url, GIFT_CARD_API.hqToken, { number });
    const card = (await pullAll<{ id: string; payload: { balance: number } }>(server!.url, 'config')).find(
      (c) => c.id === id,
    );
    return card!.payload.balance;
  };

  /** Rings up one item, takes `amount` (empty: what the dialog offers) from the card, the rest in cash. */
  async function sellWithGiftCard(number: string, amount: string): Promise<string> {
    await page.getByTestId('sell-screen').waitFor();
    await page.keyboard.type(product.primaryBarcode);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('F12');
    await page.getByTestId('pay-screen').waitFor();
    await page.getByTestId('gift-card-button').click();
    await page.getByTestId('gift-card-number').fill(number);
    await page.getByTestId('balance-amount').fill(amount);
    await page.keyboard.press('Enter');
    await page.getByTestId('cash-input').waitFor();
    await expect.poll(() => page.getByTestId('gift-card-number').count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId('cash-input').fill('500.00');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/receipt\//, { timeout: 15_000 });
    const orderId = page.url().split('/receipt/')[1]!;
    await page.getByTestId('next-sale').click();
    return orderId;
  }

  beforeAll(async () => {
    server = await startSeededServer(dataDir.path);
    product = (await pullAll<DemoProduct>(server.url, 'products')).find(
      (p) => p.active && p.unit === 'each' && p.primaryBarcode && p.taxCategory === 'GENERAL',
    )!;
    ({ browser, context, page } = await enrollRegister(server.url));
    await openTillByKeyboard(page, '150.00');
  });

  afterEach(screenshotOnFailure('gift', () => page));

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  it('looks the card up online and pays with its keyed token', async () => {
    const orderId = await sellWithGiftCard('6035 7100 0000 0003', '');
    await waitFor(
      async () =>
        (await pullAll<PaymentDoc>(server!.url, 'payments')).some((p) => p.orderId === orderId && p.method === 'cash'),
      20_000,
      'the sale on the server',
    );
    const gift = (await pullAll<PaymentDoc>(server!.url, 'payments')).find(
      (p) => p.orderId === orderId && p.method === 'gift_card',
    )!;
    expect(gift).toMatchObject({ amount: 500, giftCard: { last4: '0003' } });
    expect(gift.giftCard!.token).toMatch(/^gc_[a-p]{64}$/);
    expect(await cardBalance('6035710000000003')).toBe(0);
  });

  it('seals the number offline; the server books the spend once the register is back', async () => {
    await context.setOffline(true);
    await expect.poll(() => page.getByTestId('status-online').textContent(), { timeout: 10_000 }).toBe('Offline');
    const orderId = await sellWithGiftCard('6035710000000002', '1.00');
    await context.setOffline(false);
    await waitFor(
      async () =>
        (await pullAll<PaymentDoc>(server!.url, 'payments')).some(
          (p) => p.orderId === orderId && p.method === 'gift_card',
        ),
      30_000,
      'the offline gift card spend on the server',
    );
    const gift = (await pullAll<PaymentDoc>(server!.url, 'payments')).find(
      (p) => p.orderId === orderId && p.method === 'gift_card',
    )!;
    expect(gift.giftCard!.token).toMatch(/^gcs_/);
    expect(gift.giftCard!.token).not.toContain('6035710000000002');
    expect(await cardBalance('6035710000000002')).toBe(10_000 - 100);
  });
});
