// Order intake: dedupe (Idempotency-Key and externalRef), validate, authorise the card, then in
// ONE transaction number the order, route it, reserve stock, create fulfillment orders, write the
// order, payment and events (or park it in the exceptions queue). A crash before the commit
// leaves nothing but the dedupe claim, which a retry takes over; after it, a retry gets the
// stored answer. So an order is routed exactly once however often it is sent.
import { createHash } from 'node:crypto';
import { DomainError } from '../../shared/errors';
import { formatOrderNumber } from '../../shared/ids/order-number';
import type { Order } from '../../shared/schemas/orders';
import type { Payment } from '../../shared/schemas/payments';
import { PlanKind } from '../../shared/routing';
import type { WriteTx } from '../storage/storage';
import { buildOrderDraft, type ChannelKey, type OrderDraft } from './build-order';
import type { Orchestration } from './context';
import { serverWrite } from './documents';
import { ExceptionReason, OrdersError } from './errors';
import { eventWrite } from './events';
import { closeExceptions, ExceptionStatus, raiseException } from './exceptions';
import type { IntakePayload } from './intake-schema';
import { placeOrder } from './placement';
import { refreshSettlements } from './settlements';
import { canonicalJson } from '../replication/canonical';

const CHANNEL_PREFIX: Readonly<Record<ChannelKey['channel'], string>> = { web: 'WEB', mobile: 'MOB', phone: 'PHN' };

export interface IntakeAnswer {
  status: number;
  body: Record<string, unknown>;
}

interface KeyRow {
  kind: string;
  key: string;
  request_hash: string;
  order_id: string;
  status_code: number;
  response: string | null;
  claimed_at: string;
}

export function requestHash(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

type Claim = { kind: 'claimed'; orderId: string } | { kind: 'answer'; answer: IntakeAnswer };

async function claim(
  o: Orchestration,
  channel: ChannelKey,
  keys: { kind: string; key: string }[],
  hash: string,
): Promise<Claim> {
  const orderId = o.newId();
  const now = o.now();
  return o.storage.write(async (tx) => {
    const rows: KeyRow[] = [];
    for (const k of keys)
      rows.push(
        ...(await tx.query<KeyRow>('SELECT * FROM order_intake_keys WHERE channel_id = ? AND kind = ? AND key = ?', [
          channel.id,
          k.kind,
          k.key,
        ])),
      );
    const first = rows[0];
    if (first) {
      const byIdem = rows.find((r) => r.kind === 'idempotency');
      if (byIdem && byIdem.request_hash !== hash) {
        throw new DomainError(
          OrdersError.IDEMPOTENCY_KEY_REUSED,
          'This Idempotency-Key was used for a different order; send a new key for a new order.',
        );
      }
      if (first.response !== null)
        return {
          kind: 'answer' as const,
          answer: { status: Number(first.status_code), body: JSON.parse(first.response) as Record<string, unknown> },
        };
      // A claim older than staleClaimMs belongs to a request that died; a retry takes it over.
      if (Date.parse(now) - Date.parse(first.claimed_at) < o.settings.staleClaimMs) {
        throw new DomainError(
          OrdersError.IN_PROGRESS,
          'This order is being placed by an earlier request; retry in a few seconds with the same Idempotency-Key.',
        );
      }
      await tx.query('UPDATE order_intake_keys SET claimed_at = ? WHERE channel_id = ? AND order_id = ?', [
        now,
        channel.id,
        first.order_id,
      ]);
      for (const k of keys) {
        if (!rows.some((r) => r.kind === k.kind && r.key === k.key)) {
          await tx.query(
            'INSERT INTO order_intake_keys (channel_id, kind, key, request_hash, order_id, status_code, claimed_at) VALUES (?, ?, ?, ?, ?, 0, ?)',
            [channel.id, k.kind, k.key, hash, first.order_id, now],
          );
        }
      }
      return { kind: 'claimed' as const, orderId: first.order_id };
    }
    for (const k of keys) {
      await tx.query(
        'INSERT INTO order_intake_keys (channel_id, kind, key, request_hash, order_id, status_code, claimed_at) VALUES (?, ?, ?, ?, ?, 0, ?)',
        [channel.id, k.kind, k.key, hash, orderId, now],
      );
    }
    return { kind: 'claimed' as const, orderId };
  });
}

async function answerWith(
  tx: Pick<WriteTx, 'query'>,
  channelId: string,
  orderId: string,
  answer: IntakeAnswer,
): Promise<IntakeAnswer> {
  await tx.query('UPDATE order_intake_keys SET status_code = ?, response = ? WHERE channel_id = ? AND order_id = ?', [
    answer.status,
    JSON.stringify(answer.body),
    channelId,
    orderId,
  ]);
  return answer;
}

/** POST /api/orders and the webhook: dedupe, then place. */
export async function intakeOrder(
  o: Orchestration,
  channel: ChannelKey,
  payload: IntakePayload,
  idempotencyKey: string | undefined,
): Promise<IntakeAnswer> {
  const keys = [
    ...(idempotencyKey ? [{ kind: 'idempotency', key: idempotencyKey }] : []),
    ...(payload.externalRef ? [{ kind: 'external_ref', key: payload.externalRef }] : []),
  ];
  let orderId = o.newId();
  if (keys.length > 0) {
    const claimed = await claim(o, channel, keys, requestHash(payload));
    if (claimed.kind === 'answer')
      return {
        status: claimed.answer.status === 201 ? 200 : claimed.answer.status,
        body: { ...claimed.answer.body, replayed: true },
      };
    orderId = claimed.orderId;
  }
  try {
    return await placeNewOrder(o, channel, payload, orderId);
  } catch (error) {
    // Let a retry start over at once instead of waiting for the claim to go stale.
    await o.storage
      .query('DELETE FROM order_intake_keys WHERE channel_id = ? AND order_id = ? AND response IS NULL', [
        channel.id,
        orderId,
      ])
      .catch(() => undefined);
    throw error;
  }
}

function exceptionAnswer(
  orderId: string,
  exceptionId: string,
  reason: string,
  message: string,
  details: Record<string, unknown>,
): IntakeAnswer {
  const status = reason === ExceptionReason.PAYMENT_DECLINED ? 402 : 422;
  const code = reason === ExceptionReason.PAYMENT_DECLINED ? OrdersError.PAYMENT_DECLINED : OrdersError.ORDER_EXCEPTION;
  return { status, body: { code, message, orderId, exception: { id: exceptionId, reason, details } } };
}

/** Validates, authorises and places; also what an HQ retry of a refused intake runs. */
export async function placeNewOrder(
  o: Orchestration,
  channel: ChannelKey,
  payload: IntakePayload,
  orderId: string,
): Promise<IntakeAnswer> {
  await o.catalog.refresh();
  const draft = buildOrderDraft(payload, channel, o.catalog, {
    priceToleranceMinor: o.settings.priceToleranceMinor,
    newId: o.newId,
  });
  if (!draft.ok) {
    return o.storage.write(async (tx) => {
      const e = await raiseException(
        tx,
        {
          id: o.newId(),
          orderId,
          channelId: channel.id,
          reason: draft.reason,
          message: draft.message,
          payload,
          details: draft.details,
        },
        o.now(),
      );
      return answerWith(tx, channel.id, orderId, exceptionAnswer(orderId, e.id, e.reason, e.message, e.details));
    });
  }
  const paymentId = o.newId();
  const token = 'token' in payload.payment ? payload.payment.token : undefined;
  if (token === undefined) {
    return o.storage.write((tx) => commitOrder(tx, o, channel, payload, draft, orderId, undefined));
  }
  const auth = await o.payments.authorize(token, draft.amountDue, payload.currency, paymentId, {
    keepPartial: 'payAtPickup' in payload.payment,
  });
  if (!auth.ok) {
    return o.storage.write(async (tx) => {
      const e = await raiseException(
        tx,
        {
          id: o.newId(),
          orderId,
          channelId: channel.id,
          reason: ExceptionReason.PAYMENT_DECLINED,
          message: auth.message,
          payload,
          details: { declineCode: auth.declineCode },
        },
        o.now(),
      );
      return answerWith(tx, channel.id, orderId, exceptionAnswer(orderId, e.id, e.reason, e.message, e.details));
    });
  }
  try {
    return await o.storage.write((tx) => commitOrder(tx, o, channel, payload, draft, orderId, { paymentId, ...auth }));
  } catch (error) {
    await o.payments.void(auth.authorizationId);
    throw error;
  }
}

async function commitOrder(
  tx: WriteTx,
  o: Orchestration,
  channel: ChannelKey,
  payload: IntakePayload,
  draft: OrderDraft,
  orderId: string,
  auth:
    | { paymentId: string; authorizationId: string; authCode: string; last4: string; brand: string; amount: number }
    | undefined,
): Promise<IntakeAnswer> {
  const now = o.now();
  const seqName = `${channel.channel}:${channel.code}`;
  const seq = (
    await tx.query<{ value: number }>(
      'INSERT INTO order_sequences (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = order_sequences.value + 1 RETURNING value',
      [seqName],
    )
  )[0];
  const orderNumber = formatOrderNumber({
    storeCode: CHANNEL_PREFIX[channel.channel],
    registerCode: channel.code.toUpperCase(),
    sequence: Number(seq?.value ?? 1),
  });
  const f = payload.fulfillment;
  const placement = await placeOrder(tx, o, {
    order: { id: orderId, orderNumber },
    lines: draft.order.lines.map((l) => ({
      lineId: l.id,
      sku: l.sku,
      quantity: l.quantity,
      productId: l.productId,
      name: l.name,
    })),
    destination: draft.pickupStore
      ? { kind: 'pickup', storeId: draft.pickupStore.id, location: draft.destination }
      : { kind: 'ship', location: draft.destination },
    exclude: [],
    customer: {
      name: payload.customer.name,
      ...(payload.customer.email ? { email: payload.customer.email } : {}),
      ...(payload.customer.phone ? { phone: payload.customer.phone } : {}),
    },
    ...(f.method === 'ship' && f.shippingAddress ? { shippingAddress: f.shippingAddress } : {}),
    rerouteCount: 0,
    now,
    why: 'routed at intake',
  });
  const routed = placement.plan.kind === PlanKind.ROUTED;
  const order: Order = {
    ...draft.order,
    id: orderId,
    orderNumber,
    status: routed ? 'allocated' : 'on_hold',
    createdAt: now,
    updatedAt: now,
  };
  const token = 'token' in payload.payment ? payload.payment.token : undefined;
  const payment: Payment | undefined =
    !auth || token === undefined
      ? undefined
      : {
          id: auth.paymentId,
          orderId,
          storeId: order.storeId,
          deviceId: 'orchestration',
          kind: 'sale',
          method: 'card',
          status: 'approved',
          amount: auth.amount,
          currency: order.currency,
          card: {
            token,
            last4: auth.last4,
            brand: (['visa', 'mastercard', 'amex', 'discover', 'jcb', 'unionpay', 'debit'].includes(auth.brand)
              ? auth.brand
              : 'other') as 'visa',
            entryMode: 'ecommerce',
            authCode: auth.authCode.replace(/[^A-Za-z0-9]/g, '').slice(0, 12),
          },
          gateway: { name: o.payments.gateway.name, reference: auth.authorizationId },
          createdAt: now,
          updatedAt: now,
        };
  const at = { orderId, storeId: order.storeId, now };
  const writes = [
    serverWrite(o.policies, 'orders', order as unknown as Record<string, unknown>),
    ...(payment ? [serverWrite(o.policies, 'payments', payment as unknown as Record<string, unknown>)] : []),
    eventWrite(o.policies, o.newId, at, 'status_changed', {
      from: 'created',
      to: 'validated',
      reason: `received from ${channel.channel} channel ${channel.code}`,
    }),
  ];
  let exception: Record<string, unknown> | undefined;
  if (routed) {
    for (const fo of placement.fulfillmentOrders) {
      writes.push(
        eventWrite(o.policies, o.newId, { ...at, storeId: fo.assignedStoreId }, 'status_changed', {
          from: 'validated',
          to: 'allocated',
          fulfillmentOrderId: fo.id,
          reason: `routed to store ${o.catalog.storeById(fo.assignedStoreId)?.payload.code ?? fo.assignedStoreId}`,
        }),
      );
    }
  } else {
    const plan = placement.plan;
    const reason =
      plan.kind === PlanKind.PICKUP_ALTERNATIVES ? ExceptionReason.PICKUP_STORE_UNAVAILABLE : ExceptionReason.NO_ROUTE;
    const message =
      plan.kind === PlanKind.PICKUP_ALTERNATIVES
        ? `The chosen pickup store cannot take this order (${plan.reason.replace(/_/g, ' ')}); offer the customer one of the alternatives.`
        : plan.kind === PlanKind.UNROUTABLE
          ? plan.message
          : 'No store can fill this order.';
    const details =
      plan.kind === PlanKind.PICKUP_ALTERNATIVES
        ? {
            alternatives: plan.alternatives.map((a) => ({
              ...a,
              storeCode: o.catalog.storeById(a.storeId)?.payload.code,
            })),
          }
        : plan.kind === PlanKind.UNROUTABLE
          ? { unfillableSkus: plan.unfillableSkus }
          : {};
    const e = await raiseException(
      tx,
      { id: o.newId(), orderId, channelId: channel.id, reason, message, payload, details },
      now,
    );
    exception = { id: e.id, reason, message, details };
    writes.push(
      eventWrite(o.policies, o.newId, at, 'status_changed', {
        from: 'validated',
        to: 'on_hold',
        reason: message.slice(0, 200),
      }),
    );
  }
  await tx.putDocuments(writes);
  // Each pickup part carries the money its hand-over works from.
  await refreshSettlements(tx, o, orderId);
  // An HQ retry that now succeeds closes the exception it came from.
  if (!exception) await closeExceptions(tx, orderId, ExceptionStatus.RESOLVED, now);
  const body = {
    orderId,
    orderNumber,
    status: order.status,
    currency: order.currency,
    totals: order.totals,
    amountAuthorized: auth?.amount ?? 0,
    // Pay at pickup: what the counter collects at hand-over (the total less the authorisation).
    ...('payAtPickup' in payload.payment
      ? { payAtPickup: true, balanceDueAtPickup: Math.max(0, draft.amountDue - (auth?.amount ?? 0)) }
      : {}),
    fulfillmentOrders: placement.fulfillmentOrders.map((fo) => ({
      id: fo.id,
      storeId: fo.assignedStoreId,
      storeCode: o.catalog.storeById(fo.assignedStoreId)?.payload.code,
      type: fo.type,
      status: fo.status,
      pickupCode: fo.pickupCode,
      lines: fo.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    })),
    ...(exception ? { exception } : {}),
  };
  return answerWith(tx, channel.id, orderId, { status: 201, body });
}
