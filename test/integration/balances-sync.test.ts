// Gift card and store credit balances against a real sync server: the server projects them from
// the payments registers push. A retried push counts once; two registers spending one gift card
// offline both keep their sale, the card goes negative (on the server: registers never hold gift
// card documents) and the store gets one alert; a return
// refunded to store credit raises the customer's balance on every register.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from '../support/fixtures/documents';
import { issueGiftCard } from '../support/gift-cards';
import { Api, backends, startTestServer, type TestServer } from './server-harness';
import { storeDoc } from './server-fixtures';
import { enroll, eventually, hqPush, openRegister, pullAll, type TestRegister } from '../support/sync-clients';

const T = '2026-11-27T10:00:00.000Z';
const CARD_NUMBER = '6035719900000042';

describe.each(backends)('balances on %s', (backend) => {
  let server: TestServer;
  const registers: TestRegister[] = [];
  const store = storeDoc('S001');
  const storeId = String(store.id);
  const customerId = randomUUID();
  let card: { token: string; last4: string };
  let cardId: string;

  function payment(over: Record<string, unknown>): Record<string, unknown> {
    const { card: _card, ...base } = fixtures.payments as Record<string, unknown>;
    return {
      ...base,
      registerId: undefined,
      id: randomUUID(),
      orderId: randomUUID(),
      storeId,
      createdAt: T,
      updatedAt: T,
      ...over,
    };
  }
  const giftSpend = (amount: number) => payment({ method: 'gift_card', amount, giftCard: card });
  const creditPayment = (amount: number, kind: 'sale' | 'refund') =>
    payment({ method: 'store_credit', amount, kind, storeCreditCustomerId: customerId });
  const customerBalance = async () =>
    (await pullAll(server.url, server.hqToken, 'customers')).find((c) => c.id === customerId)?.storeCreditBalance;

  beforeAll(async () => {
    server = await startTestServer(backend);
    const hq = new Api(server.url, server.hqToken);
    await hqPush(server, 'config', [store]);
    const issued = await issueGiftCard(hq, CARD_NUMBER, 5_000);
    card = { token: issued.token, last4: issued.last4 };
    cardId = issued.id;
    await hqPush(server, 'customers', [
      { ...fixtures.customers, id: customerId, storeCreditBalance: 2_000, homeStoreId: storeId },
    ]);
    for (const name of ['R01', 'R02']) {
      const device = await enroll(server, 'S001', name);
      registers.push(
        await openRegister(server, device, ['payments', 'config', 'customers', 'order_events', 'returns']),
      );
    }
  });

  afterAll(async () => {
    for (const register of registers) await register.close();
    await server?.dispose();
  });

  it('takes a store-credit spend off the balance exactly once when the push is retried', async () => {
    const api = new Api(server.url, registers[0]!.device.credential);
    const rows = [{ newDocumentState: { ...creditPayment(750, 'sale'), _deleted: false } }];
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await api.post<{ conflicts: unknown[]; rejected: unknown[] }>('/sync/payments/push', rows);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ conflicts: [], rejected: [] });
    }
    expect(await customerBalance()).toBe(1_250);
  });

  it('keeps both offline gift card sales, takes the card below zero and alerts the store once', async () => {
    // Each till takes $40 from the $50 card before either can reach the server.
    const spends = [giftSpend(4_000), giftSpend(4_000)];
    for (const [i, register] of registers.entries()) await register.db.payments.insert(spends[i] as never);
    for (const register of registers) register.startSync();
    for (const register of registers) await register.sync!.awaitInSync();

    const payments = await pullAll(server.url, server.hqToken, 'payments');
    expect(
      payments
        .filter((p) => p.method === 'gift_card')
        .map((p) => p.id)
        .sort(),
    ).toEqual(spends.map((s) => s.id).sort());
    const cardDoc = (await pullAll(server.url, server.hqToken, 'config')).find((c) => c.id === cardId);
    expect(cardDoc).toMatchObject({ payload: { issued: 5_000, balance: -3_000 } });
    const alerts = (await pullAll(server.url, server.hqToken, 'order_events')).filter(
      (e) => e.type === 'alert_balance_overspent',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ storeId, payload: { account: 'gift_card', last4: '0042', balance: -3_000 } });
    expect(spends.map((s) => s.orderId)).toContain(alerts[0]!.orderId);
    // Both tills see the alert; the card itself stays on the server (registers look balances up online).
    for (const register of registers) {
      expect(await register.db.config.findOne(cardId).exec()).toBeNull();
      await eventually(
        async () =>
          (await register.db.order_events.find({ selector: { type: 'alert_balance_overspent' } }).exec()).length === 1,
        'alert on the till',
      );
    }
  });

  it("raises the customer's store credit when a return is refunded to it, on every register", async () => {
    // The server credits a balance only against a return of the store naming the refund, so the
    // register's return goes up first.
    const refund: Record<string, unknown> = { ...creditPayment(3_000, 'refund'), returnId: randomUUID() };
    const line = { ...fixtures.returns.lines[0]!, id: randomUUID(), refundAmount: 3_000, taxes: [] };
    const taken = {
      ...fixtures.returns,
      id: refund.returnId,
      storeId,
      customerId,
      lines: [line],
      refundSubtotal: 3_000,
      refundTax: 0,
      refundTotal: 3_000,
      tenders: [{ method: 'store_credit', amount: 3_000, paymentId: refund.id }],
    };
    await registers[1]!.db.returns.insert(taken as never);
    await registers[1]!.sync!.awaitInSync();
    await registers[1]!.db.payments.insert(refund as never);
    await registers[1]!.sync!.awaitInSync();
    expect(await customerBalance()).toBe(4_250);
    for (const register of registers) {
      await eventually(
        async () => (await register.db.customers.findOne(customerId).exec())?.get('storeCreditBalance') === 4_250,
        'new balance on the till',
      );
    }
  });
});
