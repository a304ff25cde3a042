// Returns routes: the returnable lines of an order for a register of any store (the cross-store
// return online), and the over-return alerts for head office. The lookup asks for a second factor
// besides the order number (the receipt's total or the paying card's last four), so a guessed
// order number alone reveals nothing; a wrong factor answers exactly like an unknown order.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/errors';
import { returnability, priorReturnsFor, soldLinesFromOrder } from '../../shared/returns';
import {
  CUSTOMER_RETURNS_PATH,
  RETURN_ALERTS_PATH,
  RETURNABLE_PATH,
  withoutContactData,
  type ReturnableTenderView,
  type ReturnableView,
} from '../../shared/returns/returnable-view';
import { deriveOrderTotals } from '../../shared/pricing/order-totals';
import type { Order, Payment, Return } from '../../shared/schemas';
import { SyncError } from '../errors';
import { authenticate } from '../http/auth-routes';
import type { ServerContext } from '../http/context';
import { ALERT_COLLECTION } from './return-ledger';
import { customerReturnsView } from './customer-returns';
import { registerRefundAuthorizationRoutes } from './refund-authorizations';

const MAX_RELATED = 500;
const NOT_FOUND =
  'No order with this number and total (or card) is known to head office: check the receipt. A sale made offline at another store appears once that store has synced.';

function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max ? value.trim() : undefined;
}

function tendersOf(payments: readonly Payment[]): ReturnableTenderView[] {
  const live = payments.filter((p) => p.status !== 'declined' && p.status !== 'voided' && p.status !== 'expired');
  return live
    .filter((p) => p.kind === 'sale')
    .map((p) => {
      const refunded = live
        .filter((r) => r.kind === 'refund' && r.refundsPaymentId === p.id)
        .reduce((s, r) => s + r.amount, 0);
      const t: ReturnableTenderView = { paymentId: p.id, method: p.method, amount: p.amount, refunded };
      const token = p.card?.token ?? p.giftCard?.token;
      const last4 = p.card?.last4 ?? p.giftCard?.last4;
      if (token !== undefined) t.token = token;
      if (last4 !== undefined) t.last4 = last4;
      if (p.gateway !== undefined) t.gatewayReference = p.gateway.reference;
      if (p.storeCreditCustomerId !== undefined) t.storeCreditCustomerId = p.storeCreditCustomerId;
      return t;
    });
}

export async function returnableView(
  ctx: ServerContext,
  query: { orderNumber?: unknown; total?: unknown; last4?: unknown },
): Promise<ReturnableView> {
  const orderNumber = text(query.orderNumber, 64)?.toUpperCase();
  const total = text(query.total, 12);
  const last4 = text(query.last4, 4);
  if (
    !orderNumber ||
    (total === undefined && last4 === undefined) ||
    (total !== undefined && !/^\d{1,12}$/.test(total)) ||
    (last4 !== undefined && !/^\d{4}$/.test(last4))
  ) {
    throw new DomainError(
      SyncError.BAD_REQUEST,
      'Look a sale up by ?orderNumber=S001-R01-000123-C together with &total=<receipt total in cents> or &last4=<card last four>.',
      { field: 'orderNumber' },
    );
  }
  const found = (await ctx.storage.findByLookup('orders', orderNumber, 1))[0];
  if (!found || found.deleted) throw new DomainError(SyncError.NOT_FOUND, NOT_FOUND);
  const order = found.data as unknown as Order;
  const payments = (await ctx.storage.findByLookup('payments', order.id, MAX_RELATED)).map(
    (d) => d.data as unknown as Payment,
  );
  const paidTotal = order.totals?.total ?? deriveOrderTotals(order).total;
  const factorOk =
    (total !== undefined && Number(total) === paidTotal) ||
    (last4 !== undefined && payments.some((p) => p.kind === 'sale' && p.card?.last4 === last4));
  if (!factorOk) throw new DomainError(SyncError.NOT_FOUND, NOT_FOUND);
  const returns = (await ctx.storage.findByLookup('returns', order.id, MAX_RELATED)).map(
    (d) => d.data as unknown as Return,
  );
  const prior = priorReturnsFor(order.id, returns);
  const state = returnability(soldLinesFromOrder(order), prior);
  return {
    order: withoutContactData(order),
    lines: [...state.values()].map(({ lineId, bought, returned, returnable }) => ({
      lineId,
      bought,
      returned,
      returnable,
    })),
    tenders: tendersOf(payments),
    returnIds: prior.map((r) => r.returnId),
  };
}

async function requireHq(ctx: ServerContext, request: FastifyRequest): Promise<void> {
  const principal = await authenticate(ctx, request);
  if (principal.kind !== 'hq')
    throw new DomainError(SyncError.FORBIDDEN, 'Only head office (the HQ admin token) may read return alerts.');
}

export function registerReturnsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  registerRefundAuthorizationRoutes(app, ctx);
  app.get<{ Querystring: Record<string, unknown> }>(RETURNABLE_PATH, async (request) => {
    await authenticate(ctx, request);
    return returnableView(ctx, request.query);
  });

  app.get<{ Querystring: Record<string, unknown> }>(CUSTOMER_RETURNS_PATH, async (request) =>
    customerReturnsView(ctx, await authenticate(ctx, request), request.query),
  );

  app.get<{ Querystring: { seq?: unknown } }>(RETURN_ALERTS_PATH, async (request) => {
    await requireHq(ctx, request);
    const afterSeq = Number(request.query.seq ?? 0);
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0)
      throw new DomainError(SyncError.BAD_REQUEST, 'seq is a whole number from 0 (the last alert seq you have seen).', {
        field: 'seq',
      });
    const docs = await ctx.storage.pull({ collection: ALERT_COLLECTION, afterSeq, limit: 1000, storeId: null });
    return { alerts: docs.map((d) => ({ ...d.data, seq: d.seq })) };
  });
}
