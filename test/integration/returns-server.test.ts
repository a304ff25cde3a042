// The server as the authority on returns: returnable lines across stores (with a second factor),
// returns from two stores taken offline against the same line both kept and raised to HQ, a
// return that arrives before its order, refunds over what was paid, and store credit refunds
// projected into the balance. SQLite, and PostgreSQL when POS_TEST_PG_URL is set.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CUSTOMER_RETURNS_PATH,
  RETURN_ALERTS_PATH,
  RETURNABLE_PATH,
  type CustomerReturnView,
  type ReturnableView,
} from '../../shared/returns/returnable-view';
import { backends, pushRows, startTwoStoreServer, type TwoStores } from './server-harness';
import { orderDoc } from './server-fixtures';

interface PushBody {
  conflicts: unknown[];
  rejected: { id: string; code: string; field: string }[];
}
interface Alert {
  id: string;
  kind: string;
  orderId: string;
  storeIds: string[];
  message: string;
  finding: {
    returns?: { returnId: string; storeId: string }[];
    returned?: number;
    bought?: number;
    refunded?: number;
    paid?: number;
  };
}

const at = () => new Date().toISOString();

/** A sale of 2 × $10.00 (no tax) with its card payment. */
function sale(storeId: string, email = 'pat@example.com') {
  const order = orderDoc(storeId, {
    customerEmail: email,
    lines: [
      {
        id: randomUUID(),
        productId: randomUUID(),
        sku: 'SKU-TEE',
        name: 'Tee',
        taxCategory: 'standard',
        quantity: 2,
        unitPrice: 1000,
        discounts: [],
        taxes: [],
        fulfillment: 'carry_out',
      },
    ],
  });
  const payment = {
    id: randomUUID(),
    orderId: order.id,
    storeId,
    deviceId: 'reg-1',
    kind: 'sale',
    method: 'card',
    status: 'approved',
    amount: 2000,
    currency: 'USD',
    card: { token: 'tok_sim_abc', last4: '4242', brand: 'visa', entryMode: 'chip' },
    createdAt: at(),
    updatedAt: at(),
  };
  return { order, payment, lineId: (order.lines as { id: string }[])[0]!.id };
}

function returnOf(
  storeId: string,
  orderId: string,
  lineId: string,
  quantity: number,
  refundPaymentId = randomUUID(),
  method = 'card',
) {
  const amount = 1000 * quantity;
  return {
    id: randomUUID(),
    originalOrderId: orderId,
    storeId,
    registerId: randomUUID(),
    receiptless: false,
    currency: 'USD',
    taxMode: 'exclusive',
    lines: [
      {
        id: randomUUID(),
        originalLineId: lineId,
        productId: randomUUID(),
        sku: 'SKU-TEE',
        quantity,
        refundAmount: amount,
        taxes: [],
        restock: true,
        condition: 'sellable',
        reason: 'changed_mind',
      },
    ],
    refundSubtotal: amount,
    refundTax: 0,
    refundTotal: amount,
    tenders: [{ method, amount, paymentId: refundPaymentId }],
    approvals: [],
    status: 'completed',
    createdBy: randomUUID(),
    createdAt: at(),
    updatedAt: at(),
  };
}

function refundPayment(
  storeId: string,
  orderId: string,
  returnId: string,
  id: string,
  amount: number,
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    orderId,
    returnId,
    storeId,
    deviceId: 'reg-2',
    kind: 'refund',
    method: 'card',
    status: 'approved',
    amount,
    currency: 'USD',
    card: { token: 'tok_sim_abc', last4: '4242', brand: 'visa', entryMode: 'chip' },
    createdAt: at(),
    updatedAt: at(),
    ...extra,
  };
}

describe.each(backends)('returns on the server (%s)', (backend) => {
  let t: TwoStores;
  beforeAll(async () => {
    t = await startTwoStoreServer(backend);
  });
  afterAll(async () => t?.server.dispose());

  async function push(api: TwoStores['a']['api'], collection: string, docs: Record<string, unknown>[]): Promise<void> {
    const res = await api.post<PushBody>(`/sync/${collection}/push`, pushRows(docs));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ conflicts: [], rejected: [] });
  }
  async function alertsFor(orderId: string): Promise<Alert[]> {
    const res = await t.hq.get<{ alerts: Alert[] }>(RETURN_ALERTS_PATH);
    expect(res.status).toBe(200);
    return res.body.alerts.filter((a) => a.orderId === orderId);
  }

  it('answers another store with the returnable lines and original tenders, given the total or card, without contact data', async () => {
    const s = sale(t.a.storeId);
    await push(t.a.api, 'orders', [s.order]);
    await push(t.a.api, 'payments', [s.payment]);
    const number = String(s.order.orderNumber);
    const byTotal = await t.b.api.get<ReturnableView>(`${RETURNABLE_PATH}?orderNumber=${number}&total=2000`);
    expect(byTotal.status).toBe(200);
    expect(byTotal.body.lines).toEqual([{ lineId: s.lineId, bought: 2, returned: 0, returnable: 2 }]);
    expect(byTotal.body.tenders).toEqual([
      { paymentId: s.payment.id, method: 'card', amount: 2000, refunded: 0, token: 'tok_sim_abc', last4: '4242' },
    ]);
    expect(JSON.stringify(byTotal.body)).not.toContain('pat@example.com');
    expect((await t.b.api.get(`${RETURNABLE_PATH}?orderNumber=${number.toLowerCase()}&last4=4242`)).status).toBe(200);
    // A wrong factor answers like an unknown order; no factor is a bad request that says what to send.
    const wrong = await t.b.api.get<{ code: string }>(`${RETURNABLE_PATH}?orderNumber=${number}&total=1999`);
    expect([wrong.status, wrong.body.code]).toEqual([404, 'SYNC_NOT_FOUND']);
    const bare = await t.b.api.get<{ code: string; message: string }>(`${RETURNABLE_PATH}?orderNumber=${number}`);
    expect([bare.status, bare.body.code]).toEqual([400, 'SYNC_BAD_REQUEST']);
    expect(bare.body.message).toContain('total');
    expect((await t.b.api.get(`${RETURNABLE_PATH}?orderNumber=S009-R01-000001-X&total=1`)).status).toBe(404);
  });

  it('keeps two offline returns of the same line from two stores and raises one alert naming both', async () => {
    const s = sale(t.a.storeId);
    await push(t.a.api, 'orders', [s.order]);
    await push(t.a.api, 'payments', [s.payment]);
    const first = returnOf(t.a.storeId, String(s.order.id), s.lineId, 2);
    const second = returnOf(t.b.storeId, String(s.order.id), s.lineId, 1);
    await push(t.a.api, 'returns', [first]);
    expect(await alertsFor(String(s.order.id))).toEqual([]);
    await push(t.b.api, 'returns', [second]);
    const alerts = await alertsFor(String(s.order.id));
    expect(alerts.map((a) => a.kind)).toEqual(['over_return']);
    const alert = alerts[0]!;
    expect(alert.finding.returns?.map((r) => r.returnId).sort()).toEqual([first.id, second.id].sort());
    expect(alert.storeIds.sort()).toEqual([t.a.storeId, t.b.storeId].sort());
    expect(alert.message).toContain('3 × SKU-TEE returned but 2 bought');
    // Both stay stored, and the authority now says nothing is left to return.
    const view = await t.b.api.get<ReturnableView>(
      `${RETURNABLE_PATH}?orderNumber=${String(s.order.orderNumber)}&total=2000`,
    );
    expect(view.body.lines[0]).toMatchObject({ bought: 2, returned: 3, returnable: 0 });
    expect(view.body.returnIds.sort()).toEqual([first.id, second.id].sort());
    // Registers cannot read HQ's alerts.
    expect((await t.a.api.get(RETURN_ALERTS_PATH)).status).toBe(403);
  });

  it('audits a return that reached the server before its order, when the order arrives', async () => {
    const s = sale(t.a.storeId);
    const stray = returnOf(t.b.storeId, String(s.order.id), randomUUID(), 1);
    await push(t.b.api, 'returns', [stray]);
    expect(await alertsFor(String(s.order.id))).toEqual([]);
    await push(t.a.api, 'orders', [s.order]);
    const alerts = await alertsFor(String(s.order.id));
    expect(alerts.map((a) => a.kind)).toEqual(['unknown_line']);
    expect(alerts[0]!.storeIds).toEqual([t.b.storeId]);
  });

  it('raises refunds over what the customer paid, and counts a store credit refund into the balance', async () => {
    const s = sale(t.a.storeId);
    await push(t.a.api, 'orders', [s.order]);
    const ret = returnOf(t.a.storeId, String(s.order.id), s.lineId, 1);
    const refundId = ret.tenders[0]!.paymentId;
    await push(t.a.api, 'returns', [ret]);
    await push(t.a.api, 'payments', [refundPayment(t.a.storeId, String(s.order.id), ret.id, refundId, 1000)]);
    expect(await alertsFor(String(s.order.id))).toEqual([]);
    // Two more returns of the line (other registers, offline), each refunded within its own return
    // (the value rule refuses a store-credit refund above its return), take the refunds over the
    // $20.00 paid: both are kept and HQ is told.
    const customerId = randomUUID();
    const ret2 = returnOf(t.b.storeId, String(s.order.id), s.lineId, 1, randomUUID(), 'store_credit');
    await push(t.b.api, 'returns', [ret2]);
    const { card: _card, ...noCard } = refundPayment(
      t.b.storeId,
      String(s.order.id),
      ret2.id,
      ret2.tenders[0]!.paymentId,
      1000,
      { method: 'store_credit', storeCreditCustomerId: customerId },
    );
    await push(t.b.api, 'payments', [noCard]);
    const ret3 = returnOf(t.a.storeId, String(s.order.id), s.lineId, 1);
    await push(t.a.api, 'returns', [ret3]);
    await push(t.a.api, 'payments', [
      refundPayment(t.a.storeId, String(s.order.id), ret3.id, ret3.tenders[0]!.paymentId, 1000),
    ]);
    const alerts = await alertsFor(String(s.order.id));
    expect(alerts.map((a) => a.kind)).toContain('over_refund');
    expect(alerts.find((a) => a.kind === 'over_refund')!.finding).toMatchObject({ paid: 2000, refunded: 3000 });
    const ledger = await t.hq.get<{ documents: { id: string; kind: string; payload: { balance: number } }[] }>(
      '/sync/config/pull?seq=0&limit=1000',
    );
    expect(ledger.body.documents.find((d) => d.id === customerId)?.payload.balance).toBe(1000);
  });
  it("counts a customer's returns at every store for the return limit, without naming other stores or contact data", async () => {
    const customerId = randomUUID();
    const s = sale(t.a.storeId);
    await push(t.a.api, 'orders', [s.order]);
    const atA = { ...returnOf(t.a.storeId, String(s.order.id), s.lineId, 1), customerId };
    const atB = { ...returnOf(t.b.storeId, String(s.order.id), s.lineId, 1), customerId };
    const voided = { ...returnOf(t.b.storeId, String(s.order.id), s.lineId, 1), customerId, status: 'voided' };
    const someoneElse = { ...returnOf(t.b.storeId, String(s.order.id), s.lineId, 1), customerId: randomUUID() };
    await push(t.a.api, 'returns', [atA]);
    await push(t.b.api, 'returns', [atB, voided, someoneElse]);
    const since = new Date(Date.now() - 86_400_000).toISOString();
    const url = `${CUSTOMER_RETURNS_PATH}?customerId=${customerId}&since=${encodeURIComponent(since)}`;
    const fromA = await t.a.api.get<{ returns: CustomerReturnView[] }>(url);
    expect(fromA.status).toBe(200);
    const byId = (rows: (string | number | boolean)[][]) =>
      rows.sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(byId(fromA.body.returns.map((r) => [r.returnId, r.refundTotal, r.thisStore]))).toEqual(
      byId([
        [atA.id, 1000, true],
        [atB.id, 1000, false],
      ]),
    );
    expect(JSON.stringify(fromA.body)).not.toContain(t.b.storeId);
    expect(JSON.stringify(fromA.body)).not.toContain('pat@example.com');
    // The same return pushed again counts once; a later `since` leaves older returns out.
    await push(t.b.api, 'returns', [atB]);
    expect((await t.b.api.get<{ returns: CustomerReturnView[] }>(url)).body.returns).toHaveLength(2);
    const later = `${CUSTOMER_RETURNS_PATH}?customerId=${customerId}&since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`;
    expect((await t.a.api.get<{ returns: CustomerReturnView[] }>(later)).body.returns).toEqual([]);
    // Bad input gets a coded 400; head office's token is not a register.
    const bad = await t.a.api.get<{ code: string }>(`${CUSTOMER_RETURNS_PATH}?customerId=x&since=${since}`);
    expect([bad.status, bad.body.code]).toEqual([400, 'SYNC_BAD_REQUEST']);
    const noSince = await t.a.api.get<{ code: string }>(`${CUSTOMER_RETURNS_PATH}?customerId=${customerId}`);
    expect([noSince.status, noSince.body.code]).toEqual([400, 'SYNC_BAD_REQUEST']);
    expect((await t.hq.get(url)).status).toBe(403);
  });
});
