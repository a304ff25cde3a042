// Helpers for the pickup and ship-from-store end-to-end tests: the shared setup (`pickupSuite`),
// fulfillment orders written on the server through the HQ push path (the way orchestration
// stores them), reads of what the server holds afterwards, and the clerk's common steps.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { formatOrderNumber } from '../../shared/ids/order-number';
import type { RunningServer } from '../../sync-server/server';
import { launchChromium } from '../support/chromium';
import { signInAndOpenTill } from '../support/register-ui';
import { makeTempDir } from '../support/temp-dir';
import { enrollmentCode, hq, pullAll, startSeededServer, type DemoProduct } from './register-helpers';

export interface StoreDoc {
  id: string;
  kind: string;
  key: string;
  payload?: { currency: string; taxJurisdiction: string; priceBookId: string };
}

export interface ServerFulfillment {
  id: string;
  orderId: string;
  assignedStoreId: string;
  status: string;
  orderNumber: string;
  pickupCode?: string;
  lines: { sku: string; quantity: number; pickedQuantity: number; shortQuantity: number }[];
  staging?: { location: string };
  handover?: {
    method: string;
    collectedBy: string;
    by: { staffId?: string };
    payment?: { currency: string; value: number; balanceCollected: number; capture: number; paymentIds: string[] };
  };
  shipment?: { carrier: string; trackingNumber: string; cost: number };
  history: { status: string; reason?: string }[];
}

export async function storeIdOf(url: string, code: string): Promise<string> {
  const store = (await pullAll<StoreDoc>(url, 'config')).find((d) => d.kind === 'store' && d.key === code);
  if (!store) throw new Error(`No store ${code} in the seeded chain`);
  return store.id;
}

// Distinct per test file run, so two files never share an order number.
let serial = (Date.now() % 900_000) + 1;

export interface NewFulfillment {
  storeId: string;
  type: 'pickup' | 'ship';
  lines: { product: DemoProduct; quantity: number }[];
  customer: { name: string; phone?: string; email?: string };
  pickupCode?: string;
  dueInMinutes?: number;
  /** The web order this work belongs to (its id, number and line ids); a random one when omitted. */
  order?: { id: string; orderNumber: string; lineIds: string[] };
}

/** Writes an allocated fulfillment order to the server as HQ (orchestration's writer role). */
export async function createFulfillment(
  url: string,
  input: NewFulfillment,
): Promise<{ id: string; orderNumber: string }> {
  const now = new Date().toISOString();
  const id = randomUUID();
  const orderNumber =
    input.order?.orderNumber ?? formatOrderNumber({ storeCode: 'WEB', registerCode: 'W01', sequence: serial++ });
  const doc = {
    id,
    orderId: input.order?.id ?? randomUUID(),
    orderNumber,
    assignedStoreId: input.storeId,
    type: input.type,
    status: 'allocated',
    lines: input.lines.map(({ product, quantity }, i) => ({
      id: randomUUID(),
      orderLineId: input.order?.lineIds[i] ?? randomUUID(),
      productId: product.id,
      sku: product.sku,
      name: product.name,
      quantity,
      pickedQuantity: 0,
      shortQuantity: 0,
    })),
    customer: input.customer,
    ...(input.pickupCode ? { pickupCode: input.pickupCode } : {}),
    ...(input.type === 'ship'
      ? {
          shippingAddress: {
            name: input.customer.name,
            line1: '9 Elm Rd',
            city: 'Brooklyn',
            region: 'NY',
            postalCode: '11201',
            country: 'US',
          },
        }
      : {}),
    reservationMovementIds: [],
    rerouteCount: 0,
    history: [
      { status: 'created', at: now, by: { kind: 'server' } },
      { status: 'allocated', at: now, by: { kind: 'server' } },
    ],
    ...(input.dueInMinutes ? { dueAt: new Date(Date.now() + input.dueInMinutes * 60_000).toISOString() } : {}),
    createdAt: now,
    updatedAt: now,
  };
  const result = await hq<{ conflicts: unknown[]; rejected: unknown[] }>(url, '/sync/fulfillment_orders/push', [
    { newDocumentState: { ...doc, _deleted: false } },
  ]);
  if (result.rejected.length || result.conflicts.length)
    throw new Error(`The server refused the fulfillment order: ${JSON.stringify(result)}`);
  return { id, orderNumber };
}

export async function serverFulfillment(url: string, id: string): Promise<ServerFulfillment | undefined> {
  return (await pullAll<ServerFulfillment & { id: string }>(url, 'fulfillment_orders')).find((d) => d.id === id);
}

/** Demo products sold by the unit with a barcode, for scanning. */
export async function scannableProducts(url: string): Promise<DemoProduct[]> {
  return (await pullAll<DemoProduct>(url, 'products')).filter((p) => p.active && p.unit === 'each' && p.primaryBarcode);
}

export interface WebServerOrder {
  id: string;
  status: string;
  totals: { total: number };
}

/**
 * A web pickup order as orchestration stores it, unpaid (the customer pays at the counter) or
 * with a payment of `paid` (less than the total leaves a balance), and its fulfillment order for
 * `storeCode`. Lines are priced without tax, so the total is the sum of the unit prices.
 */
export async function createWebPickup(
  url: string,
  input: Omit<NewFulfillment, 'storeId' | 'type' | 'order'> & { storeCode: string },
): Promise<{ id: string; orderId: string; orderNumber: string; total: number }> {
  const store = (await pullAll<StoreDoc>(url, 'config')).find((d) => d.kind === 'store' && d.key === input.storeCode);
  if (!store?.payload) throw new Error(`No store ${input.storeCode} in the seeded chain`);
  const now = new Date().toISOString();
  const orderId = randomUUID();
  const orderNumber = formatOrderNumber({ storeCode: 'WEB', registerCode: 'W01', sequence: serial++ });
  const lines = input.lines.map(({ product, quantity }) => ({
    id: randomUUID(),
    productId: product.id,
    sku: product.sku,
    name: product.name,
    taxCategory: product.taxCategory,
    quantity,
    unitPrice: product.prices[0]!.amount,
    discounts: [],
    taxes: [],
    fulfillment: 'pickup',
  }));
  const total = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const order = {
    id: orderId,
    orderNumber,
    channel: 'web',
    status: 'allocated',
    storeId: store.id,
    currency: store.payload.currency,
    priceBookId: store.payload.priceBookId,
    taxJurisdiction: store.payload.taxJurisdiction,
    taxMode: 'exclusive',
    taxRounding: 'line',
    taxExempt: false,
    lines,
    orderDiscounts: [],
    totals: { subtotal: total, discountTotal: 0, taxTotal: 0, total },
    fulfillment: { method: 'pickup', pickupStoreId: store.id },
    createdAt: now,
    updatedAt: now,
  };
  const pushed = await hq<{ conflicts: unknown[]; rejected: unknown[] }>(url, '/sync/orders/push', [
    { newDocumentState: { ...order, _deleted: false } },
  ]);
  if (pushed.rejected.length || pushed.conflicts.length)
    throw new Error(`The server refused the web order: ${JSON.stringify(pushed)}`);
  const fo = await createFulfillment(url, {
    ...input,
    storeId: store.id,
    type: 'pickup',
    order: { id: orderId, orderNumber, lineIds: lines.map((l) => l.id) },
  });
  return { id: fo.id, orderId, orderNumber, total };
}

export interface ServerPayment {
  id: string;
  orderId: string;
  method: string;
  status: string;
  amount: number;
  tillShiftId?: string;
}

export async function serverPayments(url: string, orderId: string): Promise<ServerPayment[]> {
  return (await pullAll<ServerPayment>(url, 'payments')).filter((p) => p.orderId === orderId);
}

export async function serverOrder(url: string, orderId: string): Promise<WebServerOrder | undefined> {
  return (await pullAll<WebServerOrder>(url, 'orders')).find((o) => o.id === orderId);
}

export interface PickupRegister {
  server: RunningServer;
  browser: Browser;
  page: Page;
  /** Uncaught page errors; a test ends by expecting none. */
  errors: string[];
}

/** A register of `storeCode` in a new browser context: enrolled, signed in, till open. */
export async function openRegisterPage(
  browser: Browser,
  serverUrl: string,
  storeCode: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const code = await enrollmentCode(serverUrl, storeCode);
  await page.goto(`${serverUrl}/#/enroll?code=${encodeURIComponent(code)}&server=${encodeURIComponent(serverUrl)}`);
  await page.getByTestId('enroll-submit').click();
  await page.getByTestId('sign-in').waitFor({ timeout: 90_000 });
  await signInAndOpenTill(page);
  return { page, errors };
}

/** A seeded server and one enrolled register of `storeCode` in Chromium, signed in with the till open. */
export async function openPickupRegister(
  dataDir: string,
  storeCode = 'S001',
  viewport = { width: 1280, height: 800 },
): Promise<PickupRegister> {
  mkdirSync('test-results', { recursive: true });
  const server = await startSeededServer(dataDir);
  const browser = await launchChromium();
  const { page, errors } = await openRegisterPage(browser, server.url, storeCode, viewport);
  return { server, browser, page, errors };
}

/** Scan into the pick field; open an order from the hub by a search (number, code, name). */
export function pickupKeys(page: Page) {
  return {
    async scan(code: string): Promise<void> {
      await page.getByTestId('pick-scan').fill(code);
      await page.keyboard.press('Enter');
    },
    async openFromHub(query: string): Promise<void> {
      await page.keyboard.press('Control+p');
      await page.getByTestId('pickups-hub').waitFor();
      await page.getByTestId('pickups-search').fill(query);
      await page.keyboard.press('Enter');
      await page.getByTestId('pickup-order').waitFor();
    },
  };
}

export interface PickupSuite {
  /** The register of the file, set before its first test. */
  r: PickupRegister;
  /** The server's data directory (a restart after going offline reuses it). */
  dataDir: string;
  /** Further pages (another store's register) screenshotted with the main one when a test fails. */
  pages: { name: string; page: Page }[];
}

/**
 * The setup every pickup test file shares: a seeded server and an S001 (or `storeCode`) register
 * opened before the tests — with `env` set while the server starts (its orchestration reads the
 * mail settings then) — a screenshot of each page when a test fails, and everything closed and
 * removed after the file. `afterClose` runs last (e.g. a test SMTP server).
 */
export function pickupSuite(
  name: string,
  options: {
    storeCode?: string;
    env?: () => Promise<Record<string, string>> | Record<string, string>;
    afterClose?: () => Promise<void>;
  } = {},
): PickupSuite {
  const dir = makeTempDir(`pos-${name}-e2e-`);
  const suite = { dataDir: dir.path, pages: [] } as unknown as PickupSuite;
  beforeAll(async () => {
    const env = (await options.env?.()) ?? {};
    Object.assign(process.env, env);
    try {
      suite.r = await openPickupRegister(dir.path, options.storeCode ?? 'S001');
    } finally {
      for (const key of Object.keys(env)) delete process.env[key];
    }
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const test = ctx.task.name.slice(0, 30).replace(/\W+/g, '-');
    await suite.r?.page.screenshot({ path: `test-results/${name}-failed-${test}.png` });
    for (const p of suite.pages) await p.page.screenshot({ path: `test-results/${name}-failed-${test}-${p.name}.png` });
  });
  afterAll(async () => {
    await suite.r?.browser.close();
    await suite.r?.server.close();
    await options.afterClose?.();
    dir.remove();
  });
  return suite;
}

/** Stages the order open on `page` on shelf `shelf` (the ready panel is showing); the hand-over panel follows. */
export async function stageOrder(page: Page, shelf: string): Promise<void> {
  await page.getByTestId('staging-input').fill(shelf);
  await page.keyboard.press('Enter');
  await page.getByTestId('handover-panel').waitFor();
}

/** Reports the whole pick line of `sku` short with `reason` (the pick panel is showing). */
export async function reportShort(page: Page, sku: string, reason: string): Promise<void> {
  await page.locator(`[data-testid=pick-line][data-sku="${sku}"] [data-testid=short-line]`).click();
  await page.getByTestId('short-dialog').waitFor();
  await page.getByTestId('short-reason').fill(reason);
  await page.keyboard.press('Enter');
}

/** Stops the suite's server and waits until the register shows it is offline; answers the port. */
export async function takeServerAway(suite: PickupSuite): Promise<number> {
  const port = Number(new URL(suite.r.server.url).port);
  await suite.r.server.close();
  await expect.poll(() => suite.r.page.getByTestId('status-online').textContent(), { timeout: 40_000 }).toBe('Offline');
  return port;
}

/** Starts the suite's server again on `port` with its data. */
export async function bringServerBack(suite: PickupSuite, port: number): Promise<RunningServer> {
  suite.r.server = await startSeededServer(suite.dataDir, port);
  return suite.r.server;
}
