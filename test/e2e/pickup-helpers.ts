// Helpers for the pickup and ship-from-store end-to-end tests: fulfillment orders written on the
// server through the HQ push path (the way orchestration stores them), and reads of what the
// server holds afterwards.
import { randomUUID } from 'node:crypto';
import { formatOrderNumber } from '../../shared/ids/order-number';
import { hq, pullAll, type DemoProduct } from './register-helpers';

export interface StoreDoc {
  id: string;
  kind: string;
  key: string;
}

export interface ServerFulfillment {
  id: string;
  status: string;
  orderNumber: string;
  lines: { sku: string; quantity: number; pickedQuantity: number; shortQuantity: number }[];
  staging?: { location: string };
  handover?: { method: string; collectedBy: string; by: { staffId?: string } };
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
}

/** Writes an allocated fulfillment order to the server as HQ (orchestration's writer role). */
export async function createFulfillment(
  url: string,
  input: NewFulfillment,
): Promise<{ id: string; orderNumber: string }> {
  const now = new Date().toISOString();
  const id = randomUUID();
  const orderNumber = formatOrderNumber({ storeCode: 'WEB', registerCode: 'W01', sequence: serial++ });
  const doc = {
    id,
    orderId: randomUUID(),
    orderNumber,
    assignedStoreId: input.storeId,
    type: input.type,
    status: 'allocated',
    lines: input.lines.map(({ product, quantity }) => ({
      id: randomUUID(),
      orderLineId: randomUUID(),
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
