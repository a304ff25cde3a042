// Cross-store order lookup for returns: a register of any store finds the original order by its
// receipt number plus one more thing only the receipt or the customer has (the receipt barcode,
// the card's last four digits, or the total), together with what was already returned of each
// line, so "returnable = bought − already returned" holds across the chain. No customer contact
// data leaves here; every lookup is rate-limited per credential and logged.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import { authenticate } from './auth-routes';
import type { ServerContext } from './context';
import type { RateLimits } from './guard';

const ORDER_LOOKUP_PATH = '/api/orders/lookup';
const MAX_RETURNS = 500;
const MAX_PAYMENTS = 50;

const lookupQuery = z
  .strictObject({
    orderNumber: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .transform((s) => s.toUpperCase()),
    /** The receipt barcode's value when it is the order id. */
    receipt: z.string().trim().max(64).optional(),
    last4: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
    total: z.coerce.number().int().min(0).optional(),
  })
  .refine((q) => q.receipt !== undefined || q.last4 !== undefined || q.total !== undefined, {
    message: 'second factor missing',
  });

type Doc = Record<string, unknown>;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The order as a returns desk needs it: lines with what was returned; no customer, address or notes. */
function publicOrder(order: Doc, returns: Doc[]): Doc {
  const live = returns.filter((r) => r.status !== 'voided');
  const lines = (order.lines as Doc[]).map((line) => ({
    id: line.id,
    productId: line.productId,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    ...(line.weightGrams !== undefined ? { weightGrams: line.weightGrams } : {}),
    unitPrice: line.unitPrice,
    discounts: (line.discounts as Doc[]).map(({ reason: _reason, ...d }) => d),
    taxes: line.taxes,
    fulfillment: line.fulfillment,
    returned: sum(
      live.flatMap((r) =>
        (r.lines as Doc[]).filter((l) => l.originalLineId === line.id).map((l) => Number(l.quantity)),
      ),
    ),
  }));
  const { customerId: _c, customerEmail: _e, notes: _n, externalRef: _x, fulfillment, ...rest } = order;
  const { shippingAddress: _a, ...method } = (fulfillment ?? {}) as Doc;
  return { ...rest, fulfillment: method, lines };
}

function publicReturn(doc: Doc): Doc {
  const { customerId: _c, notes: _n, ...rest } = doc;
  return rest;
}

function publicTender(payment: Doc): Doc {
  const card = payment.card as Doc | undefined;
  return {
    paymentId: payment.id,
    kind: payment.kind,
    method: payment.method,
    status: payment.status,
    amount: payment.amount,
    ...(card ? { last4: card.last4, brand: card.brand } : {}),
  };
}

export function registerLookupRoutes(app: FastifyInstance, ctx: ServerContext, limits: RateLimits): void {
  const rateLimit = {
    max: limits.lookupPerMinute,
    timeWindow: 60_000,
    // Per credential (a store's registers share an address behind NAT); the hash keeps it out of memory dumps.
    keyGenerator: (request: { headers: { authorization?: string | undefined }; ip: string }) =>
      request.headers.authorization
        ? createHash('sha256').update(request.headers.authorization).digest('hex')
        : request.ip,
  };
  app.get(ORDER_LOOKUP_PATH, { config: { rateLimit } }, async (request) => {
    const principal = await authenticate(ctx, request);
    const query = lookupQuery.safeParse(request.query);
    if (!query.success) {
      throw new DomainError(
        SyncError.BAD_REQUEST,
        'Look an order up by its number (?orderNumber=S001-R01-000123-C) and one thing from the receipt: receipt= (the scanned barcode), last4= (the card) or total= (in cents).',
        { field: 'orderNumber' },
      );
    }
    const { orderNumber, receipt, last4, total } = query.data;
    const order = (await ctx.storage.findByLookup('orders', orderNumber, 1))[0];
    const payments = order
      ? (await ctx.storage.findByLookup('payments', order.id, MAX_PAYMENTS)).map((p) => p.data)
      : [];
    const totals = order?.data.totals as { total?: number } | undefined;
    const matches =
      order !== undefined &&
      !order.deleted &&
      ((receipt !== undefined && receipt === order.id) ||
        (total !== undefined && totals?.total === total) ||
        (last4 !== undefined && payments.some((p) => (p.card as Doc | undefined)?.last4 === last4)));
    request.log.info(
      {
        deviceId: principal.deviceId,
        storeId: principal.storeId,
        orderNumber,
        factor: receipt ? 'receipt' : last4 ? 'last4' : 'total',
        found: matches,
      },
      'order lookup',
    );
    if (!matches) {
      // One answer for "no such order" and "wrong second factor", so numbers cannot be probed.
      throw new DomainError(
        SyncError.NOT_FOUND,
        'No order matches this number and receipt detail: check both on the receipt. A sale made offline at another store appears once that store has synced.',
      );
    }
    const returns = (await ctx.storage.findByLookup('returns', order.id, MAX_RETURNS)).map((r) => r.data);
    return {
      order: publicOrder(order.data, returns),
      returns: returns.map(publicReturn),
      tenders: payments.filter((p) => p.kind === 'sale').map(publicTender),
    };
  });
}
