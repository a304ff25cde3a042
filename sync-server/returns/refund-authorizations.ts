// Online refund authorisations (shared/returns/refund-authorization.ts). A register online asks
// POST /api/returns/refund-authorizations before it pays a refund in cash or without a receipt:
// the server checks the amount against the original order (its total, less what completed returns
// already refunded and what other unused authorisations of the order hold) or, receipt-less,
// against the store policy's cap, and stores a single-use authorisation (a server-only document,
// `refund_authorizations`, keyed by a random id; scope `~hq`, so no register pulls it) bound to the
// device, the return id and the amount. The refund guard (replication/refund-guard.ts) redeems it
// when the return is pushed; a return without a valid one counts against the offline refund cap.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../../shared/errors';
import { refundLimitsOf } from '../../shared/payments/refund-limits';
import { deriveOrderTotals } from '../../shared/pricing/order-totals';
import {
  REFUND_AUTHORIZATION_PATH,
  REFUND_AUTHORIZATION_TTL_MS,
  type RefundAuthorizationAnswer,
  type RefundAuthorizationRequest,
} from '../../shared/returns/refund-authorization';
import type { Order } from '../../shared/schemas';
import { uuid } from '../../shared/schemas/fields';
import type { Principal } from '../auth/auth-service';
import { SyncError } from '../errors';
import { authenticate } from '../http/auth-routes';
import type { ServerContext } from '../http/context';
import { storePolicy } from '../replication/refund-guard';
import type { DocumentWrite, Storage } from '../storage/storage';
import { hqOnlyWrite } from './return-ledger';

export const REFUND_AUTHORIZATION_COLLECTION = 'refund_authorizations';

/** Returns and authorisations of one order read to compute what is left to refund. */
const MAX_RELATED = 500;
const BODY_LIMIT = 1024;

export interface RefundAuthorization {
  id: string;
  deviceId: string;
  storeId: string;
  returnId: string;
  /** '' for a receipt-less return. */
  orderId: string;
  receiptless: boolean;
  amount: number;
  issuedAt: string;
  expiresAt: string;
  /** Set when a pushed return redeemed it (always the return it was issued for). */
  usedAt?: string;
}

const requestBody = z.strictObject({
  returnId: uuid,
  originalOrderId: z.union([uuid, z.literal('')]),
  receiptless: z.boolean(),
  amount: z.number().int().min(1).max(1_000_000_000),
});

function parseRequest(body: unknown): RefundAuthorizationRequest {
  const parsed = requestBody.safeParse(body);
  if (!parsed.success || parsed.data.receiptless !== (parsed.data.originalOrderId === '')) {
    throw new DomainError(
      SyncError.BAD_REQUEST,
      'Send {"returnId": <uuid>, "originalOrderId": <uuid, or "" without a receipt>, "receiptless": <bool>, "amount": <minor units > 0>}.',
      { field: parsed.success ? 'originalOrderId' : String(parsed.error.issues[0]?.path.join('.') ?? '') },
    );
  }
  return parsed.data;
}

const holds = (auth: RefundAuthorization, at: string): boolean => auth.usedAt === undefined && auth.expiresAt > at;

/** What the order still allows to be refunded: its total less completed returns and unused authorisations of others. */
async function refundableLeft(storage: Storage, orderId: string, returnId: string, at: string): Promise<number> {
  const order = (await storage.getDocuments('orders', [orderId])).get(orderId);
  if (!order || order.deleted) {
    throw new DomainError(
      SyncError.NOT_FOUND,
      'Head office does not know this sale yet (a sale made offline appears once its register has synced). The refund is taken as an offline one.',
    );
  }
  const data = order.data as unknown as Order;
  const total = data.totals?.total ?? deriveOrderTotals(data).total;
  const [returns, authorizations] = await Promise.all([
    storage.findByLookup('returns', orderId, MAX_RELATED),
    storage.findByLookup(REFUND_AUTHORIZATION_COLLECTION, orderId, MAX_RELATED),
  ]);
  const refunded = returns
    .filter((r) => !r.deleted && r.id !== returnId && r.data.status === 'completed')
    .reduce((sum, r) => sum + Number(r.data.refundTotal), 0);
  const held = authorizations
    .map((a) => a.data as unknown as RefundAuthorization)
    .filter((a) => a.returnId !== returnId && holds(a, at))
    .reduce((sum, a) => sum + a.amount, 0);
  return total - refunded - held;
}

export async function authorizeRefund(
  storage: Storage,
  principal: Principal,
  request: RefundAuthorizationRequest,
  now: Date = new Date(),
): Promise<RefundAuthorizationAnswer> {
  if (principal.kind !== 'device') {
    throw new DomainError(
      SyncError.FORBIDDEN,
      'Refund authorisations are for registers; head office writes returns directly.',
    );
  }
  const at = now.toISOString();
  if (request.receiptless) {
    const { receiptlessCap } = refundLimitsOf(await storePolicy(storage, principal.storeId));
    if (request.amount > receiptlessCap) {
      throw new DomainError(
        SyncError.RECEIPTLESS_OVER_CAP,
        `Without a receipt at most ${(receiptlessCap / 100).toFixed(2)} can be refunded; this return is ${(request.amount / 100).toFixed(2)}.`,
        { field: 'amount' },
      );
    }
  } else {
    const left = await refundableLeft(storage, request.originalOrderId, request.returnId, at);
    if (request.amount > left) {
      throw new DomainError(
        SyncError.VALUE_NOT_JUSTIFIED,
        `This sale has ${(Math.max(0, left) / 100).toFixed(2)} left to refund (its total, less earlier returns and refunds in progress); ${(request.amount / 100).toFixed(2)} was asked.`,
        { field: 'amount' },
      );
    }
  }
  const auth: RefundAuthorization = {
    id: randomUUID(),
    deviceId: principal.deviceId,
    storeId: principal.storeId,
    returnId: request.returnId,
    orderId: request.originalOrderId,
    receiptless: request.receiptless,
    amount: request.amount,
    issuedAt: at,
    expiresAt: new Date(now.getTime() + REFUND_AUTHORIZATION_TTL_MS).toISOString(),
  };
  await storage.write((tx) => tx.putDocuments([authorizationWrite(auth)]));
  return { authorizationId: auth.id, amount: auth.amount, expiresAt: auth.expiresAt };
}

/** The stored document (looked up by its order, so the next request of the order sees it). */
export function authorizationWrite(auth: RefundAuthorization): DocumentWrite {
  return { ...hqOnlyWrite(REFUND_AUTHORIZATION_COLLECTION, auth), lookup: auth.orderId === '' ? null : auth.orderId };
}

/**
 * Whether `auth` lets this device's return `returnId` refund `amount` outside the offline cap:
 * issued to the same device for the same return and amount, not redeemed and not expired.
 */
export function redeemable(
  auth: RefundAuthorization | undefined,
  deviceId: string,
  returnId: string,
  amount: number,
  at: string,
): auth is RefundAuthorization {
  return (
    auth !== undefined &&
    auth.deviceId === deviceId &&
    auth.returnId === returnId &&
    auth.amount === amount &&
    holds(auth, at)
  );
}

export function registerRefundAuthorizationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post(REFUND_AUTHORIZATION_PATH, { bodyLimit: BODY_LIMIT }, async (request) => {
    const principal = await authenticate(ctx, request);
    const answer = await authorizeRefund(ctx.storage, principal, parseRequest(request.body));
    request.log.info(
      { deviceId: principal.deviceId, authorizationId: answer.authorizationId, amount: answer.amount },
      'refund authorised',
    );
    return answer;
  });
}
