// A web pickup order from the shop to the customer's hands, in headless Chromium against a real
// sync server with two stores' registers: posted to the intake API with a channel key (pay at
// pickup), it appears on the S001 register; picked by scanning, one line short → the server
// re-routes that line to S002, where it appears on S002's register; S001 stages the rest, the
// ready e-mail reaches the test SMTP server, the customer gives the pickup code and pays the
// balance in cash; S002 picks, stages and hands over its part, collecting its balance from the
// part's server-kept settlement; the server shows the order fulfilled.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { storedLineFigures } from '../../shared/pricing/order-totals';
import type { Order } from '../../shared/schemas/orders';
import { chromiumEnabled } from '../support/env';
import { startTestSmtp, type TestSmtp } from '../support/test-smtp';
import { createChannelKey, postWebOrder, type ChannelKeyResult } from '../support/web-orders';
import { HQ_TOKEN, pullAll, waitFor, type DemoProduct } from './register-helpers';
import {
  openRegisterPage,
  pickupKeys,
  pickupSuite,
  reportShort,
  scannableProducts,
  serverFulfillment,
  serverOrder,
  stageOrder,
  storeIdOf,
  type PickupRegister,
  type ServerFulfillment,
} from './pickup-helpers';

interface Level {
  storeId: string;
  sku: string;
  available: number;
}

describe.runIf(chromiumEnabled)('pickup flow: intake API → S001 and S002 registers → customer', () => {
  let smtp: TestSmtp;
  // The server's orchestration reads its mail settings when it starts.
  const suite = pickupSuite('pickup-flow', {
    env: async () => {
      smtp = await startTestSmtp();
      return { SMTP_URL: smtp.url };
    },
    afterClose: async () => smtp?.close(),
  });
  let r: PickupRegister;
  let s002: { page: Page; errors: string[] };
  let channel: ChannelKeyResult;
  let products: DemoProduct[] = [];
  const stores: Record<string, string> = {};

  beforeAll(async () => {
    r = suite.r;
    s002 = await openRegisterPage(r.browser, r.server.url, 'S002');
    suite.pages.push({ name: 's002', page: s002.page });
    channel = await createChannelKey(r.server.url, HQ_TOKEN);
    products = await scannableProducts(r.server.url);
    for (const code of ['S001', 'S002', 'S004']) stores[code] = await storeIdOf(r.server.url, code);
  });

  /** The fulfillment orders of a web order as the server holds them. */
  const workOf = async (orderId: string): Promise<ServerFulfillment[]> =>
    (await pullAll<ServerFulfillment>(r.server.url, 'fulfillment_orders')).filter((f) => f.orderId === orderId);

  const stage = stageOrder;

  /** The customer at the counter: found by pickup code, code verified, any balance paid in exact cash. */
  const handOver = async (page: Page, pickupCode: string, balance?: number): Promise<void> => {
    await pickupKeys(page).openFromHub(pickupCode);
    await page.getByTestId('handover-code').fill(pickupCode.toLowerCase());
    if (balance !== undefined) {
      await expect.poll(() => page.getByTestId('balance-panel').getAttribute('data-remaining')).toBe(String(balance));
      await page.getByTestId('balance-cash-input').focus();
      await page.keyboard.press('Enter'); // an empty cash field takes the exact balance
      await expect.poll(() => page.getByTestId('balance-panel').getAttribute('data-remaining')).toBe('0');
    }
    await page.getByTestId('handover-confirm').click();
    await page.getByTestId('handover-record').waitFor();
  };

  it('goes from the intake API to picked up at two stores, short line re-routed, ready e-mail sent, balance paid', async () => {
    const levels = await pullAll<Level>(r.server.url, 'inventory_levels');
    const stock = (storeId: string, sku: string): number =>
      levels.find((l) => l.storeId === storeId && l.sku === sku)?.available ?? 0;
    // `b` is short at S001; S002 has it and S004 (nearer to S001) does not, so the re-route goes to S002.
    const a = products.find((p) => stock(stores.S001!, p.sku) >= 3);
    const b = products.find(
      (p) =>
        p !== a &&
        stock(stores.S001!, p.sku) >= 3 &&
        stock(stores.S002!, p.sku) >= 3 &&
        stock(stores.S004!, p.sku) === 0,
    );
    if (!a || !b) throw new Error('the demo chain has no item in stock at S001 and S002 only (of the nearest three)');

    // The web shop posts the order with its channel key; the customer pays at the counter.
    const posted = Date.now();
    const placed = await postWebOrder(r.server.url, channel.apiKey, {
      externalRef: `shop-${randomUUID()}`,
      currency: 'USD',
      customer: { name: 'Noor Haddad', email: 'noor@example.com', phone: '+1 212 555 0177' },
      lines: [a, b].map((p) => ({ sku: p.sku, quantity: 1, unitPrice: p.prices[0]!.amount })),
      fulfillment: { method: 'pickup', pickupStoreCode: 'S001' },
      payment: { payAtPickup: true },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body).toMatchObject({ status: 'allocated', amountAuthorized: 0, payAtPickup: true });
    const orderId = String(placed.body.orderId);
    const orderNumber = String(placed.body.orderNumber);
    const [first] = placed.body.fulfillmentOrders as { id: string; storeCode: string; pickupCode: string }[];
    expect(first).toMatchObject({ storeCode: 'S001' });

    // It appears on the S001 register live (the new-order notice on the status bar).
    const { page } = r;
    await expect
      .poll(() => page.getByTestId('pickups-notice').textContent(), { timeout: 10_000 })
      .toContain(orderNumber);
    console.log(`[pickup-flow] intake POST → notice on the S001 register: ${Date.now() - posted} ms`);

    // Picked by scanning; b is not on the shelf: reported short with a reason.
    await pickupKeys(page).openFromHub(orderNumber);
    await page.getByTestId('accept-order').click();
    await page.getByTestId('pick-panel').waitFor();
    await pickupKeys(page).scan(a.primaryBarcode);
    await expect.poll(() => page.locator(`[data-testid=pick-line][data-sku="${a.sku}"]`).count()).toBe(0);
    await reportShort(page, b.sku, 'not on the shelf');
    await page.getByTestId('pick-all-done').waitFor();
    await page.getByTestId('finish-pick').click();
    await page.getByTestId('ready-panel').waitFor();

    // The server re-routes the short line to S002; it appears on S002's register.
    await waitFor(
      async () => (await workOf(orderId)).some((f) => f.assignedStoreId === stores.S002 && f.status === 'allocated'),
      20_000,
      'the short line re-routed to S002',
    );
    const moved = (await workOf(orderId)).find((f) => f.assignedStoreId === stores.S002)!;
    expect(moved.lines.map((l) => [l.sku, l.quantity])).toEqual([[b.sku, 1]]);
    await expect
      .poll(() => s002.page.getByTestId('pickups-notice').textContent(), { timeout: 20_000 })
      .toContain(moved.orderNumber);

    // S001 stages the rest: the customer's ready e-mail arrives at the SMTP server.
    await stage(page, 'P-11');
    await waitFor(
      async () => (await serverFulfillment(r.server.url, first!.id))?.status === 'ready_for_pickup',
      20_000,
      'ready at S001 on the server',
    );
    await waitFor(
      async () => smtp.mails.some((m) => m.to === 'noor@example.com' && m.text.includes(first!.pickupCode)),
      30_000,
      'the ready-for-pickup e-mail with the pickup code',
    );
    expect(smtp.mails.find((m) => m.text.includes(first!.pickupCode))?.text).toContain('ready for pickup');

    // The customer comes with the pickup code and pays the balance (a's price with tax) at S001.
    await handOver(page, first!.pickupCode, (await serverOrderLineTotal(orderId, a.sku))!);
    await waitFor(
      async () => (await serverFulfillment(r.server.url, first!.id))?.status === 'picked_up',
      20_000,
      'picked up at S001 on the server',
    );
    expect((await serverFulfillment(r.server.url, first!.id))?.handover?.payment).toMatchObject({
      capture: 0,
      balanceCollected: await serverOrderLineTotal(orderId, a.sku),
    });

    // S002 works its part the same way by keyboard and scanner.
    const p2 = s002.page;
    await pickupKeys(p2).openFromHub(moved.orderNumber);
    await p2.getByTestId('accept-order').click();
    await p2.getByTestId('pick-panel').waitFor();
    await pickupKeys(p2).scan(b.primaryBarcode);
    await p2.getByTestId('pick-all-done').waitFor();
    await p2.getByTestId('finish-pick').click();
    await p2.getByTestId('ready-panel').waitFor();
    await stage(p2, 'B-02');
    const code2 = (await serverFulfillment(r.server.url, moved.id))?.pickupCode ?? moved.pickupCode;
    if (!code2) throw new Error('the re-routed order has no pickup code');
    // S002's replica holds the fulfillment order, not the web order (the order's pull scope is its
    // pickup store, S001): the balance comes from the part's server-kept settlement. Nothing was
    // paid online, so S002 collects b's price with tax.
    const balanceB = (await serverOrderLineTotal(orderId, b.sku))!;
    await handOver(p2, code2, balanceB);
    await waitFor(
      async () => (await serverFulfillment(r.server.url, moved.id))?.status === 'picked_up',
      20_000,
      'picked up at S002 on the server',
    );
    expect((await serverFulfillment(r.server.url, moved.id))?.handover?.payment).toMatchObject({
      value: balanceB,
      balanceCollected: balanceB,
      capture: 0,
    });

    // The server shows the whole order complete.
    await waitFor(
      async () => (await serverOrder(r.server.url, orderId))?.status === 'fulfilled',
      30_000,
      'the web order fulfilled on the server',
    );
    expect(r.errors).toEqual([]);
    expect(s002.errors).toEqual([]);
  });

  /** A line's total with tax as the server stored the order (what the counter collects for it). */
  async function serverOrderLineTotal(orderId: string, sku: string): Promise<number | undefined> {
    const order = (await pullAll<Order>(r.server.url, 'orders')).find((o) => o.id === orderId);
    const line = order?.lines.find((l) => l.sku === sku);
    return order && line ? storedLineFigures(line, order).total : undefined;
  }
});
