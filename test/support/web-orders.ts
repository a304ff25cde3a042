// Placing web orders in tests, the way a web shop does it over HTTP: HQ creates a channel API
// key, the shop posts orders with it. Also a sample payload built from what the server holds
// (a SKU in stock at a store, with its price-book price) and a Shopify webhook signer; the server
// set-up the web-order integration tests share, and what they read back of an order.
import { createHmac, randomUUID } from 'node:crypto';
import type { Payment } from '../../shared/schemas/payments';
import { documentsWhere } from '../../sync-server/orchestration/documents';
import type { Storage } from '../../sync-server/storage/storage';
import {
  enrollDevice,
  startTestServer,
  type Backend,
  type EnrolledDevice,
  type TestServer,
} from '../integration/server-harness';

export interface ChannelKeyResult {
  id: string;
  apiKey: string;
  webhookSecret: string;
  homeStoreId: string;
}

/** POST /api/hq/channels with the HQ token; returns the key (shown once) and webhook secret. */
export async function createChannelKey(
  baseUrl: string,
  hqToken: string,
  input: { channel?: 'web' | 'mobile' | 'phone'; code?: string; name?: string; homeStoreCode?: string } = {},
): Promise<ChannelKeyResult> {
  const response = await fetch(`${baseUrl}/api/hq/channels`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hqToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      channel: input.channel ?? 'web',
      code: input.code ?? 'W01',
      name: input.name ?? 'Web shop',
      homeStoreCode: input.homeStoreCode ?? 'S001',
    }),
  });
  if (response.status !== 201) throw new Error(`create channel key: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as ChannelKeyResult;
}

export interface PostResult {
  status: number;
  body: Record<string, unknown>;
}

/** POST /api/orders as a web shop would (Idempotency-Key optional). */
export async function postWebOrder(
  baseUrl: string,
  apiKey: string,
  payload: unknown,
  options: { idempotencyKey?: string } = {},
): Promise<PostResult> {
  const response = await fetch(`${baseUrl}/api/orders`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export interface StockedItem {
  sku: string;
  price: number;
  storeId: string;
  available: number;
}

/** SKUs with stock at a store (demo chain), with their price-book price, most stocked first. */
export async function stockedItems(storage: Storage, storeId: string, limit = 5): Promise<StockedItem[]> {
  const levels = await storage.query<{ data: string }>(
    "SELECT data FROM documents WHERE collection = 'inventory_levels' AND id LIKE ? ORDER BY id",
    [`${storeId}:%`],
  );
  // Shelf levels of this store only (a transit location has its own storeId).
  const withStock = levels
    .map((r) => JSON.parse(r.data) as { storeId: string; sku: string; available: number })
    .filter((l) => l.storeId === storeId && l.available > 0);
  const products = await storage.query<{ data: string }>(
    "SELECT data FROM documents WHERE collection = 'products'",
    [],
  );
  const priceOf = new Map(
    products
      .map((r) => JSON.parse(r.data) as { sku: string; unit: string; active: boolean; prices: { amount: number }[] })
      .filter((p) => p.unit === 'each' && p.active)
      .map((p) => [p.sku, p.prices[0]?.amount ?? 0]),
  );
  return withStock
    .filter((l) => priceOf.has(l.sku))
    .sort((a, b) => b.available - a.available || (a.sku < b.sku ? -1 : 1))
    .slice(0, limit)
    .map((l) => ({ sku: l.sku, price: priceOf.get(l.sku) ?? 0, storeId, available: l.available }));
}

/** A pickup order for one line, paid with the simulator's approving test token. */
export function pickupPayload(
  item: { sku: string; price: number },
  pickupStoreCode = 'S001',
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    externalRef: `shop-${randomUUID()}`,
    currency: 'USD',
    customer: { name: 'Ada Customer', email: 'ada@example.com', phone: '+1 212 555 0100' },
    lines: [{ sku: item.sku, quantity: 1, unitPrice: item.price }],
    fulfillment: { method: 'pickup', pickupStoreCode },
    payment: { token: 'tok_test_4242' },
    ...overrides,
  };
}

/** A ship order to Manhattan. */
export function shipPayload(
  lines: { sku: string; price: number; quantity?: number }[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    externalRef: `shop-${randomUUID()}`,
    currency: 'USD',
    customer: { name: 'Ben Buyer', email: 'ben@example.com' },
    lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity ?? 1, unitPrice: l.price })),
    fulfillment: {
      method: 'ship',
      shippingAddress: {
        name: 'Ben Buyer',
        line1: '1 Centre St',
        city: 'New York',
        region: 'NY',
        postalCode: '10007',
        country: 'US',
      },
      location: { lat: 40.7128, lng: -74.006 },
      shippingMethod: 'Ground',
      shippingCost: 599,
    },
    payment: { token: 'tok_test_4242' },
    ...overrides,
  };
}

/** The X-Shopify-Hmac-Sha256 value for a raw body. */
export function shopifySignature(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64');
}

/** A seeded server a web shop sells through: its channel key (home store S001), a register there, and S001's stock. */
export interface WebOrderServer {
  server: TestServer;
  channel: ChannelKeyResult;
  /** The pickup counter at the channel's home store. */
  register: EnrolledDevice;
  /** The home store's most stocked items, each with at least `minAvailable` units. */
  items: StockedItem[];
}

/** Starts the demo chain on a backend with a web channel key and a pickup-counter register at S001. */
export async function startWebOrderServer(
  backend: Backend,
  options: { items: number; minAvailable?: number },
): Promise<WebOrderServer> {
  const server = await startTestServer(backend, { seedDemo: true });
  const channel = await createChannelKey(server.url, server.hqToken);
  const register = await enrollDevice(server, channel.homeStoreId, 'Pickup counter');
  const items = (await stockedItems(server.server.storage, channel.homeStoreId, options.items)).filter(
    (i) => i.available >= (options.minAvailable ?? 0),
  );
  return { server, channel, register, items };
}

export interface InventoryLevelRow {
  storeId: string;
  sku: string;
  available: number;
}

/** Every inventory level the server holds (PostgreSQL answers the data as an object, SQLite as text). */
export async function inventoryLevels(storage: Storage): Promise<InventoryLevelRow[]> {
  const rows = await storage.query<{ data: string | Record<string, unknown> }>(
    "SELECT data FROM documents WHERE collection = 'inventory_levels'",
    [],
  );
  return rows.map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as unknown as InventoryLevelRow);
}

/** Items of `pool` that another store than `homeStoreId` also has (more than one unit), so a short line can move there. */
export async function stockedElsewhere(
  storage: Storage,
  pool: StockedItem[],
  homeStoreId: string,
): Promise<StockedItem[]> {
  const levels = await inventoryLevels(storage);
  return pool.filter((i) => levels.some((l) => l.sku === i.sku && l.storeId !== homeStoreId && l.available > 1));
}

/** The fulfillment orders of an order, as stored. */
export async function fulfillmentOrdersOf<T>(storage: Storage, orderId: string): Promise<T[]> {
  return (await documentsWhere(storage, 'fulfillment_orders', 'orderId', orderId)).map((d) => d.data as unknown as T);
}

/** The payments of an order, as stored. */
export async function paymentsOf(storage: Storage, orderId: string): Promise<Payment[]> {
  return (await documentsWhere(storage, 'payments', 'orderId', orderId)).map((d) => d.data as unknown as Payment);
}
