// A hostile register with its real credential tries to mint value and erase sales (issue 10):
// each probe must be refused per document with its code, leave balances and documents as they
// were, and leave an alert HQ can list. A legitimate refund against a return still works.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from '../support/fixtures/documents';
import { issueGiftCard } from '../support/gift-cards';
import { backends, startTwoStoreServer, type TwoStores } from '../integration/server-harness';
import { movementDoc, orderDoc } from '../integration/server-fixtures';
import { create, customerDoc, paymentDoc, push, returnDoc, stored, T, update } from './attacker';

describe.each(backends)('a register cannot mint value or erase sales on %s', (backend) => {
  let env: TwoStores;
  let card: { token: string; last4: string };
  let cardId: string;
  let customerId: string;
  const storeA = () => env.a.storeId;

  const cardBalance = async () => ((await stored(env.hq, 'config', cardId))!.payload as { balance: number }).balance;
  const creditBalance = async () => (await stored(env.hq, 'customers', customerId))!.storeCreditBalance;
  const giftCredit = (amount: number, over: Record<string, unknown> = {}) =>
    paymentDoc(storeA(), { kind: 'refund', method: 'gift_card', amount, giftCard: card, ...over });
  const storeCredit = (amount: number, over: Record<string, unknown> = {}) =>
    paymentDoc(storeA(), {
      kind: 'refund',
      method: 'store_credit',
      amount,
      storeCreditCustomerId: customerId,
      ...over,
    });

  beforeAll(async () => {
    env = await startTwoStoreServer(backend);
    const issued = await issueGiftCard(env.hq, '6035719900000042', 500);
    card = { token: issued.token, last4: issued.last4 };
    cardId = issued.id;
    customerId = randomUUID();
    expect((await push(env.hq, 'customers', [create(customerDoc({ id: customerId }))])).body.rejected).toEqual([]);
  });
  afterAll(async () => env?.server.dispose());

  it('refuses a gift card load or store credit that no return of the store justifies, and changes no balance', async () => {
    const bare = giftCredit(1_000_000);
    const credit = storeCredit(50_000);
    const otherStoresReturn = storeCredit(2_000, { returnId: randomUUID() });
    const foreign = returnDoc(env.b.storeId, 2_000, 'store_credit', otherStoresReturn.id as string, {
      id: otherStoresReturn.returnId,
    });
    expect((await push(env.b.api, 'returns', [create(foreign)])).body.rejected).toEqual([]);
    const small = storeCredit(9_000, { returnId: randomUUID() });
    const smallReturn = returnDoc(storeA(), 900, 'store_credit', small.id as string, { id: small.returnId });
    expect((await push(env.a.api, 'returns', [create(smallReturn)])).body.rejected).toEqual([]);
    const notListed = storeCredit(900, { returnId: smallReturn.id });
    const noReturnYet = storeCredit(900, { returnId: randomUUID() });

    const answer = await push(env.a.api, 'payments', [
      create(credit),
      create(otherStoresReturn),
      create(small),
      create(notListed),
      create(noReturnYet),
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body.rejected.map((r) => r.code)).toEqual(Array(5).fill('SYNC_VALUE_NOT_JUSTIFIED'));
    expect((await push(env.a.api, 'payments', [create(bare)])).body.rejected).toEqual([
      expect.objectContaining({ id: bare.id, code: 'SYNC_VALUE_NOT_JUSTIFIED', field: 'returnId' }),
    ]);
    expect(await cardBalance()).toBe(500);
    expect(await creditBalance()).toBe(0);
    for (const doc of [bare, credit, otherStoresReturn, small, notListed, noReturnYet])
      expect(await stored(env.hq, 'payments', doc.id as string)).toBeUndefined();
  });

  it('credits store credit for a refund its return names (the honest path)', async () => {
    const refund = storeCredit(1_250, { returnId: randomUUID() });
    const taken = returnDoc(storeA(), 1_250, 'store_credit', refund.id as string, { id: refund.returnId, customerId });
    expect((await push(env.a.api, 'returns', [create(taken)])).body.rejected).toEqual([]);
    expect((await push(env.a.api, 'payments', [create(refund)])).body).toEqual({ conflicts: [], rejected: [] });
    expect(await creditBalance()).toBe(1_250);
    // The same return cannot be edited to justify more, nor voided to take the refund back silently.
    const edited = {
      ...taken,
      tenders: [{ method: 'store_credit', amount: 9_999, paymentId: refund.id }],
      refundTotal: 9_999,
      refundSubtotal: 9_999,
      lines: [{ ...(taken.lines as Record<string, unknown>[])[0]!, refundAmount: 9_999 }],
    };
    expect((await push(env.a.api, 'returns', [update(taken, edited)])).body.rejected).toEqual([
      expect.objectContaining({ code: 'SYNC_CHANGE_FORBIDDEN' }),
    ]);
  });

  it('keeps payments append-only: no rewrite, no void, no tombstone of an approved spend', async () => {
    const spend = paymentDoc(storeA(), { method: 'gift_card', amount: 200, giftCard: card });
    expect((await push(env.a.api, 'payments', [create(spend)])).body.rejected).toEqual([]);
    expect(await cardBalance()).toBe(300);
    const probes = [
      update(spend, { ...spend, status: 'voided' }),
      update(spend, { ...spend, amount: 1 }),
      update(spend, { ...spend, kind: 'refund' }),
      update(spend, spend, true),
    ];
    const codes: string[] = [];
    for (const probe of probes)
      codes.push(...(await push(env.a.api, 'payments', [probe])).body.rejected.map((r) => r.code));
    expect(codes).toEqual([
      'SYNC_CHANGE_FORBIDDEN',
      'SYNC_CHANGE_FORBIDDEN',
      'SYNC_CHANGE_FORBIDDEN',
      'SYNC_DELETE_FORBIDDEN',
    ]);
    expect(await cardBalance()).toBe(300);
    // A balance spend is never "pending offline" (it could later expire and give the value back).
    const pending = paymentDoc(storeA(), {
      method: 'gift_card',
      amount: 100,
      giftCard: card,
      status: 'pending_offline',
      offline: { capturedAt: T, expiresAt: T },
    });
    expect((await push(env.a.api, 'payments', [create(pending)])).body.rejected).toEqual([
      expect.objectContaining({ code: 'SYNC_CHANGE_FORBIDDEN', field: 'status' }),
    ]);
    // The legal move: an offline card authorisation forwarded later.
    const offline = paymentDoc(storeA(), {
      method: 'card',
      card: fixtures.payments.card,
      status: 'pending_offline',
      offline: { capturedAt: T, expiresAt: T },
    });
    expect((await push(env.a.api, 'payments', [create(offline)])).body.rejected).toEqual([]);
    const forwarded = {
      ...offline,
      status: 'approved',
      offline: { capturedAt: T, expiresAt: T, forwardedAt: T },
      updatedAt: '2026-11-27T11:00:00.000Z',
    };
    expect((await push(env.a.api, 'payments', [update(offline, forwarded)])).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    expect(
      (await push(env.a.api, 'payments', [update(forwarded, { ...forwarded, status: 'pending_offline' })])).body
        .rejected,
    ).toEqual([expect.objectContaining({ code: 'SYNC_CHANGE_FORBIDDEN' })]);
  });

  it('refuses a register tombstone of every sales record, and a document created already deleted', async () => {
    const order = orderDoc(storeA());
    const payment = paymentDoc(storeA(), { orderId: order.id, card: fixtures.payments.card });
    const ret = returnDoc(storeA(), 100, 'card', randomUUID());
    const shift = { ...fixtures.till_shifts, id: randomUUID(), storeId: storeA() };
    const movement = movementDoc(storeA(), 'SKU-1', 'sale', -1, order.id as string);
    const customer = customerDoc();
    const fulfillment = { ...fixtures.fulfillment_orders, id: randomUUID(), assignedStoreId: storeA() };
    const docs: [string, Record<string, unknown>][] = [
      ['orders', order],
      ['payments', payment],
      ['returns', ret],
      ['till_shifts', shift],
      ['inventory_movements', movement],
      ['customers', customer],
      ['fulfillment_orders', fulfillment],
    ];
    for (const [collection, doc] of docs) {
      const writer = collection === 'fulfillment_orders' ? env.hq : env.a.api;
      expect((await push(writer, collection, [create(doc)])).body.rejected, collection).toEqual([]);
    }
    for (const [collection, doc] of docs) {
      const answer = await push(env.a.api, collection, [update(doc, doc, true)]);
      expect(answer.body.rejected, collection).toEqual([
        expect.objectContaining({ id: doc.id, code: 'SYNC_DELETE_FORBIDDEN', field: '_deleted' }),
      ]);
      expect((await stored(env.hq, collection, doc.id as string))?._deleted, collection).toBe(false);
    }
    // Nobody, not even HQ, creates a document that is already deleted.
    for (const api of [env.a.api, env.hq]) {
      const ghost = orderDoc(storeA());
      expect((await push(api, 'orders', [create(ghost, true)])).body.rejected).toEqual([
        expect.objectContaining({ code: 'SYNC_DELETE_FORBIDDEN' }),
      ]);
      expect(await stored(env.hq, 'orders', ghost.id as string)).toBeUndefined();
    }
  });

  it('lets a register create and edit customer contact fields only, never tax exemption or credit', async () => {
    const exempt = customerDoc({ taxExempt: true, taxExemptId: 'NY-123' });
    expect((await push(env.a.api, 'customers', [create(exempt)])).body.rejected).toEqual([
      expect.objectContaining({ code: 'SYNC_CHANGE_FORBIDDEN', field: 'taxExempt' }),
    ]);
    const customer = customerDoc();
    expect((await push(env.a.api, 'customers', [create(customer)])).body.rejected).toEqual([]);
    const renamed = { ...customer, displayName: 'Sam R.', phone: '+1 212 555 0100' };
    expect((await push(env.a.api, 'customers', [update(customer, renamed)])).body.rejected).toEqual([]);
    expect(
      (await push(env.a.api, 'customers', [update(renamed, { ...renamed, taxExempt: true })])).body.rejected,
    ).toEqual([expect.objectContaining({ code: 'SYNC_CHANGE_FORBIDDEN', field: 'taxExempt' })]);
    expect(
      (await push(env.a.api, 'customers', [update(renamed, { ...renamed, storeCreditBalance: 10_000 })])).body.rejected,
    ).toEqual([expect.objectContaining({ code: 'SYNC_CHANGE_FORBIDDEN', field: 'storeCreditBalance' })]);
    expect(await stored(env.hq, 'customers', customer.id as string)).toMatchObject({
      taxExempt: false,
      storeCreditBalance: 0,
      displayName: 'Sam R.',
    });
  });

  it('lists every refusal above as an alert HQ can read, and only HQ', async () => {
    const alerts = await env.hq.get<{ alerts: { code: string; deviceId: string; collection: string }[] }>(
      '/api/hq/security-alerts?limit=500',
    );
    expect(alerts.status).toBe(200);
    const codes = new Set(alerts.body.alerts.map((a) => a.code));
    expect([...codes].sort()).toEqual(['SYNC_CHANGE_FORBIDDEN', 'SYNC_DELETE_FORBIDDEN', 'SYNC_VALUE_NOT_JUSTIFIED']);
    expect(
      alerts.body.alerts
        .filter((a) => a.code === 'SYNC_DELETE_FORBIDDEN' && a.deviceId === env.a.deviceId)
        .map((a) => a.collection),
    ).toEqual(
      expect.arrayContaining([
        'orders',
        'payments',
        'returns',
        'till_shifts',
        'inventory_movements',
        'customers',
        'fulfillment_orders',
      ]),
    );
    expect((await env.a.api.get('/api/hq/security-alerts')).status).toBe(403);
  });
});
