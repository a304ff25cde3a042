// Helpers for the pickup and ship-from-store end-to-end tests: fulfillment orders written on the
// server through the HQ push path (the way orchestration stores them), and reads of what the
// server holds afterwards.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { formatOrderNumber } from '../../shared/ids/order-number';
import type { RunningServer } from '../../sync-server/server';
import { launchChromium } from '../support/chromium';
import { signInAndOpenTill } from '../support/register-ui';
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
