// Balance due at the pickup counter, in headless Chromium against a real sync server: an unpaid
// web order for S001 is picked, staged and handed over; the hand-over is refused until the
// balance is paid through the sale's card dialog; the server gets the payment, the hand-over's
// money record and rolls the web order up to fulfilled. Then the same with the server gone:
// staged and handed over on the replica (pickup code checked locally, balance in cash) and
// synced when the server is back — ready and picked up reach it in one push.
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumEnabled } from '../support/env';
import { waitFor, type DemoProduct } from './register-helpers';
import {
  bringServerBack,
  createWebPickup,
  pickupKeys,
  pickupSuite,
  scannableProducts,
  serverFulfillment,
  serverOrder,
  serverPayments,
  stageOrder,
  takeServerAway,
  type PickupRegister,
} from './pickup-helpers';

describe.runIf(chromiumEnabled)('pickup counter: balance due collected at hand-over, online and offline', () => {
  const suite = pickupSuite('pickup-balance');
  let r: PickupRegister;
  let products: DemoProduct[] = [];

  beforeAll(async () => {
    r = suite.r;
    products = await scannableProducts(r.server.url);
  });

  /** Accepts, picks every line by scanning and finishes the pick of an order open on screen. */
  const pickAll = async (items: DemoProduct[]): Promise<void> => {
    const { page } = r;
    await page.getByTestId('accept-order').click();
    await page.getByTestId('pick-panel').waitFor();
    for (const p of items) await pickupKeys(page).scan(p.primaryBarcode);
    await page.getByTestId('pick-all-done').waitFor();
    await page.getByTestId('finish-pick').click();
    await page.getByTestId('ready-panel').waitFor();
  };

  it('refuses the hand-over of an unpaid order until the balance is paid by card; the server has it all', async () => {
    const { page } = r;
    const [a, b] = products;
    const web = await createWebPickup(r.server.url, {
      storeCode: 'S001',
      lines: [
        { product: a!, quantity: 1 },
        { product: b!, quantity: 1 },
      ],
      customer: { name: 'Lee Okafor', phone: '+1 212 555 0188' },
      pickupCode: 'B4L7NC',
    });
    await page.getByTestId('pickups-notice').waitFor({ timeout: 10_000 });
    await pickupKeys(page).openFromHub(web.orderNumber);
    await pickAll([a!, b!]);
    await stageOrder(page, 'P-07');
    // The whole order is due at the counter: hand-over waits for the payment.
    await expect.poll(() => page.getByTestId('balance-panel').getAttribute('data-remaining')).toBe(String(web.total));
    expect(await page.getByTestId('handover-balance').textContent()).toContain('Balance due');
    await page.getByTestId('handover-code').fill('B4L7NC');
    expect(await page.getByTestId('handover-confirm').isDisabled()).toBe(true);
    // The sale's own card dialog takes it (the terminal simulator approves).
    await page.getByTestId('balance-card').click();
    await page.getByTestId('card-dialog').waitFor();
    await page.getByTestId('card-charge').click();
    await expect.poll(() => page.getByTestId('balance-panel').getAttribute('data-remaining')).toBe('0');
    await page.screenshot({ path: 'test-results/pickup-balance-paid.png' });
    await page.getByTestId('handover-confirm').click();
    await page.getByTestId('handover-record').waitFor();
    expect(await page.getByTestId('pickup-receipt').textContent()).toContain('Paid at the counter');
    await waitFor(
      async () => (await serverFulfillment(r.server.url, web.id))?.status === 'picked_up',
      20_000,
      'picked up on the server',
    );
    const handover = (await serverFulfillment(r.server.url, web.id))?.handover;
    expect(handover?.payment).toMatchObject({ value: web.total, balanceCollected: web.total, capture: 0 });
    await waitFor(
      async () => (await serverPayments(r.server.url, web.orderId)).length === 1,
      20_000,
      'the counter payment on the server',
    );
    expect(await serverPayments(r.server.url, web.orderId)).toEqual([
      expect.objectContaining({
        id: handover!.payment!.paymentIds[0],
        method: 'card',
        status: 'approved',
        amount: web.total,
        tillShiftId: expect.any(String),
      }),
    ]);
    await waitFor(
      async () => (await serverOrder(r.server.url, web.orderId))?.status === 'fulfilled',
      20_000,
      'the web order complete on the server',
    );
    expect(r.errors).toEqual([]);
  });

  it('stages and hands over with the server gone (balance in cash), and the server has it after reconnecting', async () => {
    const { page } = r;
    const [a] = products;
    const web = await createWebPickup(r.server.url, {
      storeCode: 'S001',
      lines: [{ product: a!, quantity: 2 }],
      customer: { name: 'Mia Jovanović' },
      pickupCode: 'Q8R2TW',
    });
    await page.getByTestId('pickups-notice').waitFor({ timeout: 10_000 });
    await pickupKeys(page).openFromHub(web.orderNumber);
    await pickAll([a!, a!]);
    await waitFor(
      async () => (await serverFulfillment(r.server.url, web.id))?.status === 'picked',
      20_000,
      'picked on the server',
    );
    // The server goes away: "ready" and the hand-over both happen on the replica only.
    const port = await takeServerAway(suite);
    await stageOrder(page, 'P-08');
    await expect.poll(() => page.getByTestId('balance-panel').getAttribute('data-remaining')).toBe(String(web.total));
    await page.getByTestId('handover-code').fill('WRONG9');
    await page.getByTestId('balance-cash-input').fill(((web.total + 500) / 100).toFixed(2));
    await page.getByTestId('balance-cash').click();
    await expect.poll(() => page.getByTestId('balance-message').textContent()).toContain('change');
    await page.getByTestId('handover-confirm').click();
    await expect.poll(() => page.getByTestId('pickup-error').textContent()).toContain('does not match');
    await page.getByTestId('handover-code').fill('q8r2tw');
    await page.getByTestId('handover-confirm').click();
    await page.getByTestId('handover-record').waitFor();
    expect(await page.getByTestId('status-waiting').textContent()).toMatch(/waiting to sync/);
    await bringServerBack(suite, port);
    expect((await serverFulfillment(r.server.url, web.id))?.status).toBe('picked');
    await waitFor(
      async () => (await serverFulfillment(r.server.url, web.id))?.status === 'picked_up',
      60_000,
      'the offline hand-over to reach the server',
    );
    const fo = (await serverFulfillment(r.server.url, web.id))!;
    // Ready and picked up arrived in one push; the server checked both moves.
    expect(fo.history.map((h) => h.status).slice(-2)).toEqual(['ready_for_pickup', 'picked_up']);
    expect(fo.handover?.payment).toMatchObject({ value: web.total, balanceCollected: web.total, capture: 0 });
    await waitFor(
      async () => (await serverPayments(r.server.url, web.orderId)).length === 1,
      30_000,
      'the cash payment on the server',
    );
    expect(await serverPayments(r.server.url, web.orderId)).toEqual([
      expect.objectContaining({ method: 'cash', status: 'approved', amount: web.total }),
    ]);
    await waitFor(
      async () => (await serverOrder(r.server.url, web.orderId))?.status === 'fulfilled',
      30_000,
      'the web order complete on the server',
    );
    expect(r.errors).toEqual([]);
  });
});
