// Finding a sale to return in the local replica: by order number (typed, or the Code 128 on the
// receipt), by customer, or by card last four and day; and "returnable" from the replica plus
// this register's own returns that have not reached the server yet. Works offline; other stores'
// returns of the same sale are only known to the server (the desk says so).
import { DomainError } from '../../../shared/errors';
import { Role } from '../../../shared/pricing';
import { refundLimitsOf } from '../../../shared/payments/refund-limits';
import {
  priorReturnsFor,
  returnability,
  soldLinesFromOrder,
  type CustomerReturnRecord,
  type ReturnPolicy,
  type ReturnableView,
} from '../../../shared/returns';
import type { ConfigDoc, ConfigOf, Order, Payment, Return } from '../../../shared/schemas';
import type { Db } from './types';

export const ReturnLookupError = { NOT_FOUND: 'RETURN_SALE_NOT_FOUND', BAD_QUERY: 'RETURN_BAD_QUERY' } as const;

export const ORDER_NUMBER_PATTERN = /^[A-Z0-9]{1,10}-[A-Z0-9]{1,10}-\d{6,10}-[0-9A-Z]$/;

export interface SaleSummary {
  orderId: string;
  orderNumber: string;
  createdAt: string;
  total: number;
  currency: string;
  lineCount: number;
  registerId: string | undefined;
}

function summary(o: Order): SaleSummary {
  return {
    orderId: o.id,
    orderNumber: o.orderNumber,
    createdAt: o.createdAt,
    total: o.totals?.total ?? 0,
    currency: o.currency,
    lineCount: o.lines.length,
    registerId: o.registerId,
  };
}

export async function findLocalOrderByNumber(db: Db, orderNumber: string): Promise<Order | undefined> {
  const doc = await db.orders.findOne({ selector: { orderNumber: orderNumber.trim().toUpperCase() } }).exec();
  return doc ? (doc.toJSON() as Order) : undefined;
}

/** The sale's returns and payments in this replica, read side by side through their indexes. */
export async function localRelated(db: Db, orderId: string): Promise<{ returns: Return[]; payments: Payment[] }> {
  const [returns, payments] = await Promise.all([
    db.returns.find({ selector: { originalOrderId: orderId } }).exec(),
    db.payments.find({ selector: { orderId } }).exec(),
  ]);
  return { returns: returns.map((r) => r.toJSON() as Return), payments: payments.map((p) => p.toJSON() as Payment) };
}

/** The returnable view of a sale from what this register holds (its store's returns and its own). */
export function localReturnable(order: Order, rets: readonly Return[], pays: readonly Payment[]): ReturnableView {
  const prior = priorReturnsFor(order.id, rets);
  const state = returnability(soldLinesFromOrder(order), prior);
  const live = pays.filter((p) => p.status !== 'declined' && p.status !== 'voided' && p.status !== 'expired');
  return {
    order,
    lines: [...state.values()].map(({ lineId, bought, returned, returnable }) => ({
      lineId,
      bought,
      returned,
      returnable,
    })),
    tenders: live
      .filter((p) => p.kind === 'sale')
      .map((p) => ({
        paymentId: p.id,
        method: p.method,
        amount: p.amount,
        refunded: live
          .filter((r) => r.kind === 'refund' && r.refundsPaymentId === p.id)
          .reduce((s, r) => s + r.amount, 0),
        ...(p.card
          ? { token: p.card.token, last4: p.card.last4 }
          : p.giftCard
            ? { token: p.giftCard.token, last4: p.giftCard.last4 }
            : {}),
        ...(p.gateway ? { gatewayReference: p.gateway.reference } : {}),
        ...(p.storeCreditCustomerId ? { storeCreditCustomerId: p.storeCreditCustomerId } : {}),
      })),
    returnIds: prior.map((r) => r.returnId),
  };
}

/** Sales of customers whose name, phone or e-mail matches (the replica's customers). */
export async function findOrdersByCustomer(db: Db, text: string, limit = 20): Promise<SaleSummary[]> {
  const needle = text.trim().toLowerCase();
  if (needle.length < 3)
    throw new DomainError(ReturnLookupError.BAD_QUERY, 'Type at least three letters of the name, phone or e-mail.');
  const digits = needle.replace(/\D/g, '');
  const customers = (await db.customers.find({ limit: 5000 }).exec()).filter((c) => {
    const d = c.toJSON() as { searchName: string; phone?: string; email?: string };
    return (
      d.searchName.includes(needle) ||
      (d.email ?? '').toLowerCase().includes(needle) ||
      (digits.length >= 4 && (d.phone ?? '').replace(/\D/g, '').includes(digits))
    );
  });
  if (customers.length === 0) return [];
  const orders = await db.orders
    .find({
      selector: { customerId: { $in: customers.slice(0, 50).map((c) => c.id) } },
      sort: [{ createdAt: 'desc' }],
      limit,
    })
    .exec();
  return orders.map((o) => summary(o.toJSON() as Order));
}

/** Sales paid with a card ending in `last4` on `day` (YYYY-MM-DD, the register's local day). */
export async function findOrdersByCard(db: Db, last4: string, day: string): Promise<SaleSummary[]> {
  if (!/^\d{4}$/.test(last4) || !/^\d{4}-\d{2}-\d{2}$/.test(day))
    throw new DomainError(
      ReturnLookupError.BAD_QUERY,
      'Type the last four digits of the card and the day of the sale, like 4242 2026-12-01.',
    );
  const from = new Date(`${day}T00:00:00`);
  const to = new Date(from.getTime() + 86_400_000);
  const payments = await db.payments
    .find({
      selector: { method: 'card', 'card.last4': last4, createdAt: { $gte: from.toISOString(), $lt: to.toISOString() } },
    })
    .exec();
  const ids = [...new Set(payments.map((p) => p.orderId))];
  const orders = await db.orders.findByIds(ids).exec();
  return [...orders.values()].map((o) => summary(o.toJSON() as Order));
}

/** This register's sales since `since` (ISO), newest first: the recent-sales list. */
export async function recentSales(
  db: Db,
  storeId: string,
  registerId: string | undefined,
  since: string,
  limit = 50,
): Promise<SaleSummary[]> {
  const docs = await db.orders
    .find({ selector: { storeId, createdAt: { $gte: since } }, sort: [{ createdAt: 'desc' }], limit: limit * 4 })
    .exec();
  return docs
    .map((d) => d.toJSON() as Order)
    .filter(
      (o) =>
        o.channel === 'pos' && o.status === 'completed' && (registerId === undefined || o.registerId === registerId),
    )
    .slice(0, limit)
    .map(summary);
}

export interface ReturnSettings {
  policy: ReturnPolicy;
  /** Most this register refunds in cash or receipt-less while offline, summed over what the server has not seen. */
  offlineRefundCap: number;
  storeCode: string;
}

/** The store's return policy (store override, else 'default'), like the sale settings are read. */
export async function returnSettings(db: Db, storeId: string): Promise<ReturnSettings> {
  const docs = (await db.config.find({ selector: { kind: { $in: ['store', 'policy'] } } }).exec()).map(
    (d) => d.toJSON() as ConfigDoc,
  );
  const store = docs.find(
    (d): d is ConfigOf<'store'> => d.kind === 'store' && d.active && (d.storeId === storeId || d.id === storeId),
  );
  const policies = docs.filter((d): d is ConfigOf<'policy'> => d.kind === 'policy' && d.active);
  const policy = (policies.find((p) => p.key === store?.payload.code) ?? policies.find((p) => p.key === 'default'))
    ?.payload;
  const r = policy?.returns;
  return {
    storeCode: store?.payload.code ?? '',
    // Without a published policy: the strict defaults (30 days, no receipt-less refunds).
    policy: {
      returnWindowDays: r?.windowDays ?? 30,
      afterWindow: 'store_credit_with_approval',
      receiptlessCap: r?.receiptlessCap ?? 0,
      receiptlessNeedsApproval: r?.receiptlessNeedsApproval ?? true,
      cashRefundApprovalOver: r?.cashRefundApprovalOver ?? 0,
      approverRole: Role.SUPERVISOR,
      selfApprovingRoles: [Role.SUPERVISOR, Role.MANAGER, Role.ADMIN],
      ...(r?.customerLimit ? { customerLimit: r.customerLimit } : {}),
    },
    offlineRefundCap: refundLimitsOf(policy).offlineRefundCap,
  };
}

/**
 * A customer's returns at this store since `since` (ISO): the replica holds the store's returns
 * and this register's unsynced ones. Read through the (storeId, createdAt) index; the period is
 * short, so the customer filter runs in memory.
 */
export async function customerReturnHistory(
  db: Db,
  storeId: string,
  customerId: string,
  since: string,
): Promise<CustomerReturnRecord[]> {
  const docs = await db.returns.find({ selector: { storeId, createdAt: { $gte: since } } }).exec();
  return docs
    .map((d) => d.toJSON() as Return)
    .filter((r) => r.customerId === customerId && r.status === 'completed')
    .map((r) => ({ returnId: r.id, at: r.createdAt, refundTotal: r.refundTotal }));
}
