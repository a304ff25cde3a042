// The ship-from-store bench of S001 in headless Chromium against a real sync server: two orders
// picked in one batch walk, then the ship order packed by scan (a wrong item refused), labelled
// through the carrier port's simulator (the ZPL bytes checked) and marked shipped on the server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../sync-server/server';
import { isSimulatedTrackingNumber } from '../../shared/shipping/simulator';
import { chromiumEnabled } from '../support/env';
import { makeTempDir } from '../support/temp-dir';
import { waitFor, type DemoProduct } from './register-helpers';
import {
  createFulfillment,
  openPickupRegister,
  scannableProducts,
  serverFulfillment,
  storeIdOf,
} from './pickup-helpers';

describe.runIf(chromiumEnabled)('ship from store: batch pick, pack by scan, label, shipped', () => {
  const dataDir = makeTempDir('pos-ship-e2e-');
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let products: DemoProduct[] = [];
  let ship: { id: string; orderNumber: string };
  let pickup: { id: string; orderNumber: string };
  let errors: string[] = [];

  beforeAll(async () => {
    ({ server, browser, page, errors } = await openPickupRegister(dataDir.path, 'S001', { width: 1280, height: 900 }));
    products = await scannableProducts(server.url);
    const storeId = await storeIdOf(server.url, 'S001');
    const [a, b] = products;
    ship = await createFulfillment(server.url, {
      storeId,
      type: 'ship',
      lines: [
        { product: a!, quantity: 1 },
        { product: b!, quantity: 1 },
      ],
      customer: { name: 'Lee Park', email: 'lee@example.com' },
    });
    pickup = await createFulfillment(server.url, {
      storeId,
      type: 'pickup',
      lines: [{ product: a!, quantity: 1 }],
      customer: { name: 'Kim Ode' },
      pickupCode: 'PQ7R2T',
    });
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({
        path: `test-results/ship-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`,
      });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dataDir.remove();
  });

  const openOrder = async (orderNumber: string): Promise<void> => {
    await page.keyboard.press('Control+p');
    await page.getByTestId('pickups-search').fill(orderNumber);
    // The hub lists only the order searched for; Enter opens it on the key press.
    await expect.poll(() => page.getByTestId('pickup-row').count()).toBe(1);
    await page.keyboard.press('Enter');
    await page.getByTestId('pickup-order').waitFor();
  };

  it('picks two orders in one batch walk: a scan fills the first order needing the item, then the next', async () => {
    const [a, b] = products;
    for (const o of [ship, pickup]) {
      await openOrder(o.orderNumber);
      await page.getByTestId('accept-order').click();
      await page.getByTestId('pick-panel').waitFor();
    }
    await page.keyboard.press('Control+p');
    await page.getByTestId('batch-pick').click();
    await page.getByTestId('batch-pick-screen').waitFor();
    expect(await page.getByTestId('pick-line').count()).toBe(3);
    for (const code of [a!.primaryBarcode, a!.primaryBarcode, b!.primaryBarcode]) {
      await page.getByTestId('pick-scan').fill(code);
      await page.keyboard.press('Enter');
    }
    await page.getByTestId('pick-all-done').waitFor();
    await expect.poll(() => page.getByTestId('finish-pick').isEnabled()).toBe(true);
    await page.getByTestId('finish-pick').click();
    await waitFor(
      async () =>
        (await serverFulfillment(server.url, ship.id))?.status === 'picked' &&
        (await serverFulfillment(server.url, pickup.id))?.status === 'picked',
      15_000,
      'both orders picked on the server',
    );
  });

  it('packs by scan, prints a ZPL label with a tracking number and marks the order shipped', async () => {
    const [a, b, c] = products;
    await openOrder(ship.orderNumber);
    await page.getByTestId('ship-panel').waitFor();
    await page.getByTestId('pack-scan').fill(c!.primaryBarcode);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('pickup-error').textContent()).toContain('not in this parcel');
    for (const code of [a!.primaryBarcode, b!.primaryBarcode]) {
      await page.getByTestId('pack-scan').fill(code);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => page.getByTestId('get-label').isEnabled()).toBe(true);
    await page.getByTestId('pack-box').selectOption('S');
    await page.getByTestId('pack-weight').fill('850');
    await page.getByTestId('get-label').click();
    await page.getByTestId('ship-label').waitFor();
    await page.screenshot({ path: 'test-results/ship-label.png' });
    const tracking = (await page.getByTestId('tracking-number').textContent())!;
    expect(isSimulatedTrackingNumber(tracking)).toBe(true);
    const zpl = (await page.getByTestId('zpl').textContent())!;
    const bytes = new TextEncoder().encode(zpl);
    expect([...bytes.slice(0, 4)]).toEqual([0x5e, 0x58, 0x41, 0x0a]); // "^XA\n"
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    expect(zpl).toContain(`^BCN,220,Y,N,N^FD${tracking}^FS`);
    expect(zpl).toContain('^FDLee Park^FS');
    expect(zpl).toContain('^FD350 5th Ave^FS'); // the store's address as sender
    expect(zpl).toContain('Box S  0.85 kg');
    await page.getByTestId('mark-shipped').click();
    await page.getByTestId('shipment-record').waitFor();
    await waitFor(
      async () => (await serverFulfillment(server.url, ship.id))?.status === 'shipped',
      15_000,
      'shipped on the server',
    );
    expect((await serverFulfillment(server.url, ship.id))?.shipment).toEqual({
      carrier: 'SIMSHIP',
      trackingNumber: tracking,
      cost: 599 + 120 * 1,
    });
    expect(errors).toEqual([]);
  });
});
