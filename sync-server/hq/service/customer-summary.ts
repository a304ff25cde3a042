// Customer 360: one customer's profile with orders from every channel and store (by customer id,
// and web orders by e-mail), returns, pickups, store credit and the gift cards they paid with.
import { DomainError } from '../../../shared/errors';
import { giftCardDocId, isGiftCardToken } from '../../../shared/balances';
import type { CustomerSummary } from '../../../shared/hq/service';
import type { Storage } from '../../storage/storage';
import type { StoreDirectory } from '../dashboard/store-directory';
import { HqError } from '../errors';
import { orderRow } from './order-queries';
import { notesEditOf } from './customer-notes';

type Doc = Record<string, unknown>;

const MAX_ORDERS = 500;
const parse = (data: string | Doc): Doc => (typeof data === 'string' ? (JSON.parse(data) as Doc) : data);

/** Live documents of a collection whose field is one of `values` (at most a few hundred). */
async function whereIn(storage: Storage, collection: string, path: string, values: readonly string[]): Promise<Doc[]> {
  if (values.length === 0) return [];
  const marks = values.map(() => '?').join(', ');
  const rows = await storage.query<{ data: string | Doc }>(
    {
      sqlite: `SELECT data FROM documents WHERE collection = ? AND deleted = 0 AND json_extract(data, '$.${path}') IN (${marks}) ORDER BY seq`,
      postgres: `SELECT data FROM documents WHERE collection = ? AND NOT deleted AND (data::jsonb ->> '${path}') IN (${marks}) ORDER BY seq`,
    },
    [collection, ...values],
  );
  return rows.map((r) => parse(r.data));
}

export async function customerSummary(
  storage: Storage,
  stores: StoreDirectory,
  customerId: string,
): Promise<CustomerSummary> {
  const stored = (await storage.getDocuments('customers', [customerId])).get(customerId);
  if (!stored || stored.deleted)
    throw new DomainError(HqError.NOT_FOUND, `No customer ${customerId}; search for the customer again.`);
  const customer = stored.data;
  const notesEdited = await notesEditOf(storage, customerId);
  const email = typeof customer.email === 'string' ? customer.email.toLowerCase() : '';
  const orderDocs = (
    await storage.query<{ data: string | Doc }>(
      {
        sqlite: `SELECT data FROM documents WHERE collection = 'orders' AND deleted = 0
          AND (json_extract(data, '$.customerId') = ? OR lower(json_extract(data, '$.customerEmail')) = ?)
          ORDER BY json_extract(data, '$.createdAt') DESC LIMIT ${MAX_ORDERS}`,
        postgres: `SELECT data FROM documents WHERE collection = 'orders' AND NOT deleted
          AND ((data::jsonb ->> 'customerId') = ? OR lower(data::jsonb ->> 'customerEmail') = ?)
          ORDER BY (data::jsonb ->> 'createdAt') DESC LIMIT ${MAX_ORDERS}`,
      },
      [customerId, email || '\u0001none'],
    )
  ).map((r) => parse(r.data));
  const orders = orderDocs.map((d) => orderRow(d, stores));
  const orderIds = orders.map((o) => o.id);
  const [byCustomer, byOrder, fulfillment, payments, credit] = await Promise.all([
    whereIn(storage, 'returns', 'customerId', [customerId]),
    whereIn(storage, 'returns', 'originalOrderId', orderIds),
    whereIn(storage, 'fulfillment_orders', 'orderId', orderIds),
    whereIn(storage, 'payments', 'orderId', orderIds),
    storage.getDocuments('config', [customerId]),
  ]);
  const returnDocs = [...new Map([...byCustomer, ...byOrder].map((r) => [String(r.id), r])).values()].filter(
    (r) => r.status !== 'voided',
  );
  const ledger = credit.get(customerId);
  const ledgerPayload =
    ledger && !ledger.deleted && ledger.data.kind === 'store_credit'
      ? (ledger.data.payload as { balance: number; entries: unknown[]; currency: string })
      : undefined;
  const tokens = [
    ...new Set(
      payments
        .filter((p) => p.method === 'gift_card')
        .map((p) => (p.giftCard as { token?: string } | undefined)?.token)
        // A spend taken offline names its card by the sealed number (no token): it is not listed here.
        .filter((t): t is string => typeof t === 'string' && isGiftCardToken(t)),
    ),
  ];
  const cards = await storage.getDocuments(
    'config',
    tokens.map((t) => giftCardDocId(t)),
  );
  const channels: Record<string, number> = {};
  for (const o of orders) channels[o.channel] = (channels[o.channel] ?? 0) + 1;
  const counted = orders.filter((o) => !['cancelled', 'rejected', 'voided'].includes(o.status));
  return {
    customer,
    orders,
    returns: returnDocs.map((r) => ({
      id: String(r.id),
      storeId: String(r.storeId),
      originalOrderId: String(r.originalOrderId),
      refundTotal: Number(r.refundTotal),
      createdAt: String(r.createdAt),
    })),
    pickups: fulfillment
      .filter((f) => f.type === 'pickup')
      .map((f) => ({
        id: String(f.id),
        orderId: String(f.orderId),
        storeId: String(f.assignedStoreId),
        status: String(f.status),
        pickupCode: typeof f.pickupCode === 'string' ? f.pickupCode : null,
        updatedAt: String(f.updatedAt),
      })),
    storeCredit: {
      balance: ledgerPayload ? ledgerPayload.balance : Number(customer.storeCreditBalance ?? 0),
      currency: ledgerPayload?.currency ?? String(customer.currency),
      entries: ledgerPayload?.entries.length ?? 0,
    },
    giftCards: [...cards.values()]
      .filter((c) => !c.deleted)
      .map((c) => {
        const p = c.data.payload as { token: string; last4: string; balance: number; status: string };
        return { token: p.token, last4: p.last4, balance: p.balance, status: p.status };
      }),
    ...(notesEdited ? { notesEdited } : {}),
    totals: {
      orders: orders.length,
      spent: counted.reduce((sum, o) => sum + o.total, 0),
      returned: returnDocs.reduce((sum, r) => sum + Number(r.refundTotal), 0),
      channels,
    },
  };
}
