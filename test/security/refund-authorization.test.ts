// Online refunds carry a server-issued authorisation (issue 10): the refund cap for offline returns
// used to trust the register's `offline` marker, so a register that left it out refunded cash
// without limit. Now a cash (or receipt-less) return without the marker is accepted outside the
// cap only with an authorisation the server issued for that device, return and amount, redeemed
// once; anything else counts against the register's offline refund cap and is refused beyond it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveOrderTotals } from '../../shared/pricing/order-totals';
import type { Order } from '../../shared/schemas';
import { orderDoc } from '../integration/server-fixtures';
import { backends, enrollDevice, startTwoStoreServer, type Api, type TwoStores } from '../integration/server-harness';
import { authorizeRefund, create, push, returnDoc, stored, T } from './attacker';

const OFFLINE_CAP = 500;

const policy = {
  id: randomUUID(),
  kind: 'policy',
  key: 'default',
  active: true,
  updatedAt: T,
  payload: {
    currency: 'USD',
    returns: {
      windowDays: 30,
      receiptlessCap: 5_000,
      receiptlessNeedsApproval: true,
      cashRefundApprovalOver: 100_000,
      offlineRefundCap: OFFLINE_CAP,
    },
    approvals: {
      discountPpmOver: 200_000,
      discountAmountOver: 2000,
      priceOverride: true,
      voidSale: true,
      paidOutOver: 5000,
    },
    offlineCard: { enabled: true, perTransactionCap: 15_000, perRegisterCap: 100_000, expiryHours: 72 },
    pinLockout: { maxFailures: 5, windowSeconds: 300, lockSeconds: 300 },
  },
};

describe.each(backends)('online refunds need a server-issued authorisation on %s', (backend) => {
  let env: TwoStores;
  let order: Record<string, unknown>;
  let orderTotal: number;
  const storeA = () => env.a.storeId;
  let registers = 0;
  /** A register of its own, so each test starts with an unused offline refund cap. */
  const freshRegister = async (): Promise<Api> =>
    (await enrollDevice(env.server, storeA(), `Refund register ${++registers}`)).api;
  /** A cash return of the stored order, taken online (no `offline` marker). */
  const cashReturn = (amount: number, over: Record<string, unknown> = {}) =>
    returnDoc(storeA(), amount, 'cash', randomUUID(), { originalOrderId: order.id, ...over });

  /** A sale of store A on the server: one line of 100.00, room for every refund below. */
  async function storedOrder(): Promise<Record<string, unknown>> {
    const sale = orderDoc(storeA());
    sale.lines = [{ ...(sale.lines as Record<string, unknown>[])[0]!, unitPrice: 10_000 }];
    orderTotal = deriveOrderTotals(sale as unknown as Order).total;
    expect((await push(env.a.api, 'orders', [create(sale)])).body.rejected).toEqual([]);
    return sale;
  }

  beforeAll(async () => {
    env = await startTwoStoreServer(backend);
    expect((await push(env.hq, 'config', [create(policy)])).body.rejected).toEqual([]);
    order = await storedOrder();
  }, 60_000);
  afterAll(async () => env?.server.dispose());

  it('counts a cash refund pushed without the offline marker and without a proof against the cap', async () => {
    const api = await freshRegister();
    const within = cashReturn(OFFLINE_CAP - 100);
    const beyond = cashReturn(200);
    const answer = await push(api, 'returns', [create(within), create(beyond)]);
    expect(answer.body.rejected.map((r) => [r.id, r.code])).toEqual([[beyond.id, 'SYNC_OFFLINE_REFUND_CAP']]);
    expect(await stored(env.hq, 'returns', beyond.id as string)).toBeUndefined();
    // The unmarked refunds and the marked offline ones share the register's cap.
    const offline = cashReturn(200, { offline: { since: '2026-11-27T08:00:00.000Z' } });
    expect((await push(api, 'returns', [create(offline)])).body.rejected.map((r) => r.code)).toEqual([
      'SYNC_OFFLINE_REFUND_CAP',
    ]);
  });

  it('accepts an online refund over the offline cap with its authorisation, once', async () => {
    const api = await freshRegister();
    const ret = cashReturn(OFFLINE_CAP + 300);
    const auth = await authorizeRefund(api, ret, OFFLINE_CAP + 300);
    expect(auth.status).toBe(200);
    const authorized = { ...ret, refundAuthorization: { id: auth.body.authorizationId } };
    expect((await push(api, 'returns', [create(authorized)])).body.rejected).toEqual([]);
    expect(await stored(env.hq, 'returns', ret.id as string)).toMatchObject({
      refundAuthorization: { id: auth.body.authorizationId },
    });
    // A resend of the accepted return is a no-op; the cap is still whole for an honest offline refund.
    expect((await push(api, 'returns', [create(authorized)])).body.rejected).toEqual([]);
    const offline = cashReturn(OFFLINE_CAP, { offline: { since: '2026-11-27T08:00:00.000Z' } });
    expect((await push(api, 'returns', [create(offline)])).body.rejected).toEqual([]);
    // The same proof on another return of the same amount is spent: counted against the (now full) cap.
    const reuse = cashReturn(OFFLINE_CAP + 300, { refundAuthorization: { id: auth.body.authorizationId } });
    expect((await push(api, 'returns', [create(reuse)])).body.rejected.map((r) => r.code)).toEqual([
      'SYNC_OFFLINE_REFUND_CAP',
    ]);
  });

  it('refuses a proof for another amount, another return, another register, or a made-up one', async () => {
    const api = await freshRegister();
    const other = await freshRegister();
    const amount = OFFLINE_CAP + 1;
    const probes: Record<string, unknown>[] = [];
    // Authorised for less than is refunded.
    const more = cashReturn(amount + 50);
    probes.push({
      ...more,
      refundAuthorization: { id: (await authorizeRefund(api, more, amount)).body.authorizationId },
    });
    // Authorised for another return id.
    const first = cashReturn(amount);
    const forFirst = (await authorizeRefund(api, first, amount)).body.authorizationId;
    probes.push(cashReturn(amount, { refundAuthorization: { id: forFirst } }));
    // Issued to another register.
    const theirs = cashReturn(amount);
    const forTheirs = (await authorizeRefund(other, theirs, amount)).body.authorizationId;
    probes.push({ ...theirs, refundAuthorization: { id: forTheirs } });
    // Never issued.
    probes.push(cashReturn(amount, { refundAuthorization: { id: randomUUID() } }));
    const answer = await push(
      api,
      'returns',
      probes.map((p) => create(p)),
    );
    expect(answer.body.rejected.map((r) => [r.id, r.code])).toEqual(
      probes.map((p) => [p.id, 'SYNC_OFFLINE_REFUND_CAP']),
    );
    for (const p of probes) expect(await stored(env.hq, 'returns', p.id as string)).toBeUndefined();
    // The right register's return with its own proof still goes through.
    expect(
      (await push(api, 'returns', [create({ ...first, refundAuthorization: { id: forFirst } })])).body.rejected,
    ).toEqual([]);
  });

  it('authorises no more than the sale has left to refund, and nothing for an unknown sale', async () => {
    const api = await freshRegister();
    const sale = await storedOrder();
    const ofSale = (amount: number) => cashReturn(amount, { originalOrderId: sale.id });
    const tooMuch = await authorizeRefund(api, ofSale(orderTotal + 1), orderTotal + 1);
    expect([tooMuch.status, tooMuch.body.code]).toEqual([422, 'SYNC_VALUE_NOT_JUSTIFIED']);
    // A completed return takes its part; an unused authorisation holds its part until redeemed or expired.
    const part = ofSale(1_000);
    const forPart = (await authorizeRefund(api, part, 1_000)).body.authorizationId;
    expect(
      (await push(api, 'returns', [create({ ...part, refundAuthorization: { id: forPart } })])).body.rejected,
    ).toEqual([]);
    expect((await authorizeRefund(api, ofSale(orderTotal - 1_000), orderTotal - 1_000)).status).toBe(200);
    const second = await authorizeRefund(api, ofSale(1), 1);
    expect([second.status, second.body.code]).toEqual([422, 'SYNC_VALUE_NOT_JUSTIFIED']);
    const unknown = await authorizeRefund(api, cashReturn(100, { originalOrderId: randomUUID() }), 100);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'SYNC_NOT_FOUND']);
    const receiptless = await authorizeRefund(api, { id: randomUUID(), originalOrderId: '', receiptless: true }, 5_001);
    expect([receiptless.status, receiptless.body.code]).toEqual([422, 'SYNC_RECEIPTLESS_OVER_CAP']);
    const malformed = await api.post<{ code: string }>('/api/returns/refund-authorizations', { amount: -1 });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'SYNC_BAD_REQUEST']);
  });
});
