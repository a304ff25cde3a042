// The pickup counter of store S001 in headless Chromium against a real sync server: a pickup
// order written on the server appears on the register live; the clerk accepts it, picks it by
// scanning (a wrong item is refused), reports one line short (the server receives the short
// quantity and a stock adjustment), stages it and hands it over with the pickup code. A second
// order is handed over with the network gone and reaches the server when it is back.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumEnabled } from '../support/env';
import { pullAll, waitFor, type DemoProduct } from './register-helpers';
import {
  bringServerBack,
  createFulfillment,
  pickupKeys,
  pickupSuite,
  reportShort,
  scannableProducts,
  serverFulfillment,
  stageOrder,
  storeIdOf,
  takeServerAway,
} from './pickup-helpers';

interface Movement {
  type: string;
  quantity: number;
  referenceId: string;
  sku: string;
}

describe.runIf(chromiumEnabled)(
  'pickup counter: live order, pick by scan, short line, ready, hand-over online and offline',
  () => {
    const suite = pickupSuite('pickup');
    let products: DemoProduct[] = [];
    let storeId = '';
    let first: { id: string; orderNumber: string };
    let page: Page;
    let errors: string[] = [];
    /** The suite's server (replaced when it comes back after going offline). */
    const url = (): string => suite.r.server.url;

    beforeAll(async () => {
      ({ page, errors } = suite.r);
      products = await scannableProducts(url());
      storeId = await storeIdOf(url(), 'S001');
    });

    const scan = (code: string): Promise<void> => pickupKeys(page).scan(code);
    const openFromHub = (query: string): Promise<void> => pickupKeys(page).openFromHub(query);

    it('shows a pickup order written on the server on the S001 register at once, with a notice and counts', async () => {
      const [a, b] = products;
      const started = Date.now();
      first = await createFulfillment(url(), {
        storeId,
        type: 'pickup',
        lines: [
          { product: a!, quantity: 2 },
          { product: b!, quantity: 1 },
        ],
        customer: { name: 'Sam Rivera', phone: '+1 212 555 0142' },
        pickupCode: 'K7Q2M9',
        dueInMinutes: 90,
      });
      await page.getByTestId('pickups-notice').waitFor({ timeout: 10_000 });
      console.log(`[pickup] server write → notice on the register: ${Date.now() - started} ms`);
      expect(await page.getByTestId('pickups-notice').textContent()).toContain(first.orderNumber);
      expect(await page.getByTestId('nav-pickups').textContent()).toContain('1 new');
      await page.keyboard.press('Control+p');
      await page.getByTestId('pickups-hub').waitFor();
      expect(await page.getByTestId('count-new').textContent()).toBe('1');
      expect(await page.getByTestId('pickup-age').first().textContent()).toMatch(/due in 1 h 29 min|due in 1 h 30 min/);
      // Search by phone digits, then by name: the same single row.
      await page.getByTestId('pickups-search').fill('555 0142');
      expect(await page.getByTestId('pickup-row').count()).toBe(1);
      await page.getByTestId('pickups-search').fill('sam riv');
      expect(await page.getByTestId('pickup-row').getAttribute('data-order')).toBe(first.orderNumber);
      await page.screenshot({ path: 'test-results/pickup-hub.png' });
      await page.keyboard.press('Enter');
      await page.getByTestId('accept-panel').waitFor();
      expect(errors).toEqual([]);
    });

    it('accepts and picks by scanning; a wrong item is refused with a buzz; progress survives a reload', async () => {
      const [a, , c] = products;
      await page.getByTestId('accept-order').click();
      await page.getByTestId('pick-panel').waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('pick-scan');
      await scan(c!.primaryBarcode);
      await expect.poll(() => page.getByTestId('pick-error').textContent()).toContain('not in this order');
      expect(await page.evaluate(() => (globalThis as { __posSounds?: { errors: number } }).__posSounds?.errors)).toBe(
        1,
      );
      await scan(a!.primaryBarcode);
      await expect.poll(() => page.getByTestId('pick-confirmed').textContent()).toContain(`${a!.name}: 1 of 2`);
      await page.screenshot({ path: 'test-results/pickup-pick-list.png' });
      // Reload: the scan was written through to the replica.
      await page.reload();
      await page.getByTestId('staff-Casey Clerk').click();
      await page.getByTestId('pin-input').fill('1111');
      await page.keyboard.press('Enter');
      await page.getByTestId('sell-screen').waitFor();
      await openFromHub(first.orderNumber);
      await expect
        .poll(() => page.locator(`[data-testid=pick-line][data-sku="${a!.sku}"]`).getAttribute('data-open'))
        .toBe('1');
      await scan(a!.primaryBarcode);
      await expect.poll(() => page.locator(`[data-testid=pick-line][data-sku="${a!.sku}"]`).count()).toBe(0);
    });

    it('reports the last line short: the server gets the short quantity and a stock adjustment', async () => {
      const [a, b] = products;
      await reportShort(page, b!.sku, 'not on the shelf');
      await page.getByTestId('pick-all-done').waitFor();
      await page.getByTestId('finish-pick').click();
      await page.getByTestId('ready-panel').waitFor();
      await waitFor(
        async () => (await serverFulfillment(url(), first.id))?.status === 'picked',
        15_000,
        'the picked order on the server',
      );
      const held = (await serverFulfillment(url(), first.id))!;
      expect(held.lines.map((l) => [l.sku, l.pickedQuantity, l.shortQuantity])).toEqual([
        [a!.sku, 2, 0],
        [b!.sku, 0, 1],
      ]);
      expect(held.history.some((h) => h.reason === 'short 1: not on the shelf')).toBe(true);
      await waitFor(
        async () => (await pullAll<Movement>(url(), 'inventory_movements')).some((m) => m.referenceId === first.id),
        15_000,
        'the short-pick adjustment',
      );
      const adjustments = (await pullAll<Movement>(url(), 'inventory_movements')).filter(
        (m) => m.referenceId === first.id,
      );
      expect(adjustments).toEqual([expect.objectContaining({ type: 'adjustment', quantity: -1, sku: b!.sku })]);
    });

    it('stages the rest as ready, then hands it over with the pickup code (a wrong code is refused)', async () => {
      await stageOrder(page, 'p-03');
      await waitFor(
        async () => (await serverFulfillment(url(), first.id))?.status === 'ready_for_pickup',
        15_000,
        'ready on the server',
      );
      expect((await serverFulfillment(url(), first.id))?.staging?.location).toBe('P-03');
      // The customer comes back: the clerk finds the order by its pickup code.
      await openFromHub('K7Q2M9');
      expect(await page.getByTestId('handover-staging').textContent()).toBe('P-03');
      await page.getByTestId('handover-code').fill('K7Q2M8');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('pickup-error').textContent()).toContain('does not match');
      await page.getByTestId('handover-code').fill('k7q2m9');
      await page.screenshot({ path: 'test-results/pickup-handover.png' });
      await page.keyboard.press('Enter');
      await page.getByTestId('handover-record').waitFor();
      // The pickup receipt lists what was collected and what comes separately; focus is on its print button.
      const receipt = (await page.getByTestId('pickup-receipt').textContent())!;
      expect(receipt).toContain(`2 ×${products[0]!.name}`);
      expect(receipt).toContain(`1 × ${products[1]!.name} will come separately`);
      expect(receipt).toContain('Collected by Sam Rivera');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'print-pickup-receipt',
      );
      await waitFor(
        async () => (await serverFulfillment(url(), first.id))?.status === 'picked_up',
        15_000,
        'picked up on the server',
      );
      expect((await serverFulfillment(url(), first.id))?.handover).toMatchObject({
        method: 'pickup_code',
        collectedBy: 'Sam Rivera',
        by: { staffId: expect.any(String) },
      });
    });

    it('hands an order over with the network down, and the server has it after reconnecting', async () => {
      const [a] = products;
      const second = await createFulfillment(url(), {
        storeId,
        type: 'pickup',
        lines: [{ product: a!, quantity: 1 }],
        customer: { name: 'Ana Núñez' },
        pickupCode: 'ZX4W7P',
      });
      await page.getByTestId('pickups-notice').waitFor({ timeout: 10_000 });
      await openFromHub(second.orderNumber);
      await page.getByTestId('accept-order').click();
      await scan(a!.primaryBarcode);
      await page.getByTestId('finish-pick').click();
      await page.getByTestId('staging-input').fill('P-04');
      await page.keyboard.press('Enter');
      await waitFor(
        async () => (await serverFulfillment(url(), second.id))?.status === 'ready_for_pickup',
        15_000,
        'the second order ready on the server',
      );
      // The server goes away (as in register-day): the register notices and works on its replica.
      const port = await takeServerAway(suite);
      await openFromHub('Núñez');
      await page.getByTestId('handover-code').fill('ZX4W7P');
      await page.keyboard.press('Enter');
      await page.getByTestId('handover-record').waitFor();
      expect(await page.getByTestId('status-waiting').textContent()).toMatch(/waiting to sync/);
      await bringServerBack(suite, port);
      expect((await serverFulfillment(url(), second.id))?.status).toBe('ready_for_pickup');
      await waitFor(
        async () => (await serverFulfillment(url(), second.id))?.status === 'picked_up',
        60_000,
        'the offline hand-over to reach the server',
      );
      expect(errors).toEqual([]);
    });
  },
);
