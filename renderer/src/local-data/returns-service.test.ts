// The returns port over a real (in-memory) RxDB and the gateway simulator: a card sale refunded
// to the same card online through the gateway; offline the card refund is queued (visible, kept
// in local storage) and sent when back online; offline cash refunds stop at the register's cap;
// a refund that does not add up is refused before anything is written.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { money } from '../../../shared/money';
import { formatReturnNumber } from '../../../shared/returns';
import { SimulatedGateway } from '../../../shared/payments/simulator';
import type { Order, Payment } from '../../../shared/schemas';
import { fixtures } from '../../../test/support/fixtures/documents';
import { newId } from '../model/ids';
import { deskPlan } from '../returns/refund-plan';
import { createReturnsService, ReturnServiceError, type SyncView } from './returns-service';
import { memoryDb, storeConfig, STORE_ID, DEVICE_ID, mug, testContext } from '../../../test/support/register-data';
import { addExchangeItem, priceExchange, saleLines } from '../returns/exchange-cart';
import { isValidOrderNumber } from '../../../shared/ids';
import type { Db } from './types';

const T = new Date().toISOString();

async function setup(onlineAtStart: boolean) {
  localStorage.clear();
  const db: Db = await memoryDb();
  await db.config.bulkInsert(storeConfig as never[]);
  const gateway = new SimulatedGateway({ newId });
  const sync: SyncView = { online: onlineAtStart, waiting: 0, lastSyncAt: undefined };
  const port = createReturnsService({
    db: () => db,
    identity: () => ({ serverUrl: 'http://127.0.0.1:9', deviceId: DEVICE_ID, credential: 'c', storeId: STORE_ID }),
    registerId: () => DEVICE_ID,
    codes: () => ({ storeCode: 'S012', registerCode: 'R03' }),
    gateway,
    sync: () => sync,
    newId,
  });
  // A card sale of the fixture order (2 mugs), captured by this gateway.
  const order: Order = {
    ...(fixtures.orders as Order),
    id: newId(),
    orderNumber: 'S012-R03-000124-E',
    storeId: STORE_ID,
    createdAt: T,
    completedAt: T,
    updatedAt: T,
  };
  const total = order.totals!.total;
  const card = await gateway.tokenize({ pan: '4242424242424242', expMonth: 12, expYear: 2030 });
  const auth = await gateway.authorize({ idempotencyKey: newId(), token: card.token, amount: money(total, 'USD') });
  if (auth.status !== 'approved') throw new Error('simulator did not approve');
  const capture = await gateway.capture({ authorizationId: auth.authorizationId });
  const payment: Payment = {
    id: newId(),
    orderId: order.id,
    storeId: STORE_ID,
    deviceId: DEVICE_ID,
    kind: 'sale',
    method: 'card',
    status: 'approved',
    amount: total,
    currency: 'USD',
    card: { token: card.token, last4: card.last4, brand: 'visa', entryMode: 'chip' },
    gateway: { name: gateway.name, reference: capture.captureId },
    createdAt: T,
    updatedAt: T,
  };
  await db.orders.insert(order as never);
  await db.payments.insert(payment as never);
  return { db, port, sync, order, payment };
}

async function returnOne(port: ReturnType<typeof createReturnsService>, orderNumber: string) {
  const found = await port.findByNumber(orderNumber.toLowerCase());
  const lines = [
    {
      lineId: found.view.lines[0]!.lineId,
      quantity: 1,
      reason: 'defective' as const,
      condition: 'damaged' as const,
      disposition: 'damaged' as const,
    },
  ];
  const plan = deskPlan(found, lines, (await port.settings()).policy, 'clerk', [], new Date().toISOString());
  return { found, lines, plan };
}

describe('returns service', () => {
  const opened: Db[] = [];
  beforeEach(() => localStorage.clear());
  // The free RxDB edition opens at most 13 collections per process: close each test's database.
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
  });

  it('offline, queues the refund to the original card and writes the return and its stock movements', async () => {
    const { db, port, order, payment } = await setup(false);
    opened.push(db);
    const { found, lines, plan } = await returnOne(port, order.orderNumber);
    expect(found.source).toBe('local');
    expect(plan.plan.allocations).toMatchObject([{ method: 'card', paymentId: payment.id, last4: '4242' }]);
    await expect(
      port.complete({
        found,
        lines,
        allocations: plan.plan.allocations,
        approvals: [],
        staffId: fixtures.staff.id,
        actorRole: 'clerk',
        shiftId: undefined,
      }),
    ).resolves.toBeDefined();
    // Offline at start: the card refund is queued, nothing is charged or lost.
    expect(port.queuedCardRefunds()).toHaveLength(1);
    const ret = (await db.returns.find().exec())[0]!.toJSON();
    expect(ret.tenders.map((t) => t.method)).toEqual(['card']);
    // Numbered offline from this register's own sequence.
    expect(ret.returnNumber).toBe(formatReturnNumber({ storeCode: 'S012', registerCode: 'R03', sequence: 1 }));
    expect(await db.payments.find({ selector: { kind: 'refund' } }).exec()).toHaveLength(0);
    const movements = (await db.inventory_movements.find().exec()).map((m) => `${m.type}:${m.quantity}`).sort();
    expect(movements).toEqual(['adjustment:-1', 'return:1']);
  });

  it('sends a queued card refund once online, and refunds straight away when online', async () => {
    const { db, port, sync, order, payment } = await setup(false);
    opened.push(db);
    const first = await returnOne(port, order.orderNumber);
    await port.complete({
      found: first.found,
      lines: first.lines,
      allocations: first.plan.plan.allocations,
      approvals: [],
      staffId: fixtures.staff.id,
      actorRole: 'clerk',
      shiftId: undefined,
    });
    expect(await port.forwardQueuedRefunds()).toBe(0); // still offline
    sync.online = true;
    expect(await port.forwardQueuedRefunds()).toBe(1);
    expect(port.queuedCardRefunds()).toEqual([]);
    const refunds = (await db.payments.find({ selector: { kind: 'refund' } }).exec()).map((p) => p.toJSON());
    expect(refunds).toMatchObject([{ method: 'card', status: 'approved', refundsPaymentId: payment.id }]);
    expect(refunds[0]!.gateway?.reference).toBeTruthy();
    localStorage.removeItem('pos.return-sequence'); // the counter is lost: the database still knows
    // Online now (the server is unreachable, so this store's replica answers): refunded at once.
    const second = await returnOne(port, order.orderNumber);
    expect(second.found.view.lines[0]).toMatchObject({ returned: 1, returnable: 1 });
    const done = await port.complete({
      found: second.found,
      lines: second.lines,
      allocations: second.plan.plan.allocations,
      approvals: [],
      staffId: fixtures.staff.id,
      actorRole: 'clerk',
      shiftId: undefined,
    });
    expect(done.refunds).toMatchObject([{ method: 'card', queued: false }]);
    // The second return takes the next number, even after the stored counter was lost.
    expect(done.ret.returnNumber).toBe(formatReturnNumber({ storeCode: 'S012', registerCode: 'R03', sequence: 2 }));
  });

  it('stops offline cash refunds at the register cap and refuses a refund that does not add up', async () => {
    const { db, port, order } = await setup(false);
    opened.push(db);
    const { found, lines, plan } = await returnOne(port, order.orderNumber);
    const cash = [{ method: 'cash' as const, amount: plan.quote.total }];
    await db.config.upsert({
      ...(storeConfig[2] as never as Record<string, unknown>),
      payload: {
        ...(storeConfig[2]!.payload as Record<string, unknown>),
        offlineCard: { enabled: true, perTransactionCap: 100, perRegisterCap: 100, expiryHours: 1 },
      },
    } as never);
    await expect(
      port.complete({
        found,
        lines,
        allocations: cash,
        approvals: [],
        staffId: fixtures.staff.id,
        actorRole: 'clerk',
        shiftId: undefined,
      }),
    ).rejects.toMatchObject({ code: ReturnServiceError.OFFLINE_CAP });
    await expect(
      port.complete({
        found,
        lines,
        allocations: [
          { method: 'card', amount: 1, paymentId: found.view.tenders[0]!.paymentId, token: 't', last4: '4242' },
        ],
        approvals: [],
        staffId: fixtures.staff.id,
        actorRole: 'clerk',
        shiftId: undefined,
      }),
    ).rejects.toMatchObject({ code: ReturnServiceError.INVALID_RETURN });
    expect(await db.returns.count().exec()).toBe(0);
  });

  it('asks a manager once a customer reaches the return limit of the period, and records the approval', async () => {
    const { db, port, order, sync } = await setup(false);
    opened.push(db);
    const customerId = newId();
    await db.orders.upsert({ ...order, customerId } as never);
    await db.config.upsert({
      ...(storeConfig[2] as never as Record<string, unknown>),
      payload: {
        ...(storeConfig[2]!.payload as Record<string, unknown>),
        returns: {
          windowDays: 30,
          receiptlessCap: 5000,
          receiptlessNeedsApproval: true,
          cashRefundApprovalOver: 10000,
          customerLimit: { periodDays: 30, maxReturns: 1, maxAmount: 1_000_000 },
        },
      },
    } as never);
    const first = await returnOne(port, order.orderNumber);
    expect(first.plan.missing).toEqual([]);
    await port.complete({
      found: first.found,
      lines: first.lines,
      allocations: first.plan.plan.allocations,
      approvals: [],
      staffId: fixtures.staff.id,
      actorRole: 'clerk',
      shiftId: undefined,
    });
    const { returns: history, scope } = await port.customerReturns(customerId);
    expect(history).toHaveLength(1);
    expect(scope).toBe('this-store');
    // The second return of the period: the desk plan asks for the approval, the port insists on it.
    const found = await port.findByNumber(order.orderNumber);
    const policy = (await port.settings()).policy;
    const plan = deskPlan(found, first.lines, policy, 'clerk', [], new Date().toISOString(), history);
    expect(plan.missing.map((m) => m.kind)).toEqual(['return_limit']);
    expect(plan.missing[0]!.reason).toContain('1 return in the last 30 days');
    const request = {
      found,
      lines: first.lines,
      allocations: plan.plan.allocations,
      staffId: fixtures.staff.id,
      actorRole: 'clerk' as const,
      shiftId: undefined,
    };
    await expect(port.complete({ ...request, approvals: [] })).rejects.toMatchObject({
      code: ReturnServiceError.APPROVAL_MISSING,
    });
    expect(await db.returns.count().exec()).toBe(1);
    // A supervisor approves their own; otherwise the manager's approval is written with the return.
    expect(deskPlan(found, first.lines, policy, 'supervisor', [], new Date().toISOString(), history).missing).toEqual(
      [],
    );
    const approval = { kind: 'return_limit' as const, approverId: fixtures.staff.id, reason: 'known customer', at: T };
    const done = await port.complete({ ...request, approvals: [approval] });
    expect(done.ret.approvals).toMatchObject([{ action: 'return_limit', approvedBy: fixtures.staff.id }]);
    expect(await db.order_events.find({ selector: { type: 'approval' } }).exec()).toHaveLength(1);

    // Online the server counts every store: another store's return joins this store's two, and a
    // return the server already has counts once.
    sync.online = true;
    const elsewhere = { returnId: newId(), at: new Date().toISOString(), refundTotal: 700, thisStore: false };
    const asked: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      asked.push(url);
      const body = { returns: [elsewhere, { ...elsewhere, returnId: done.returnId, thisStore: true }] };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    });
    try {
      const online = await port.customerReturns(customerId);
      expect(online.scope).toBe('all-stores');
      expect(online.returns.map((r) => r.returnId).sort()).toEqual(
        [elsewhere.returnId, done.returnId, history[0]!.returnId].sort(),
      );
      expect(asked[0]).toContain(`/api/returns/customer-history?customerId=${customerId}&since=`);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('exchanges one mug for two in one unit of documents: the customer pays only the difference', async () => {
    const { db, port, order } = await setup(false);
    opened.push(db);
    const { found, lines, plan } = await returnOne(port, order.orderNumber);
    const context = testContext();
    const items = addExchangeItem(addExchangeItem([], mug, mug.barcodes[0]!, newId), mug, mug.barcodes[0]!, newId);
    const totals = priceExchange(items, 'USD', context.jurisdiction, context.promotions, T);
    const owed = totals.grandTotal.amount - plan.quote.total;
    expect(owed).toBeGreaterThan(0);
    const exchange = (paid: number) => ({
      saleId: newId(),
      startedAt: T,
      lines: saleLines(items),
      totals,
      tenders: [
        {
          id: newId(),
          method: 'cash' as const,
          amount: paid,
          status: 'approved' as const,
          cash: { tendered: paid, change: 0 },
          at: T,
        },
      ],
      context: { registerId: context.registerId, priceBookId: context.priceBookId, jurisdiction: context.jurisdiction },
      storeCode: 'S012',
      registerCode: 'R03',
    });
    const base = {
      found,
      lines,
      allocations: [],
      approvals: [],
      staffId: fixtures.staff.id,
      actorRole: 'clerk' as const,
    };
    // Paying a cent short is refused before anything is written.
    await expect(port.complete({ ...base, shiftId: undefined, exchange: exchange(owed - 1) })).rejects.toMatchObject({
      code: 'RETURN_EXCHANGE_UNBALANCED',
    });
    expect(await db.returns.count().exec()).toBe(0);
    const done = await port.complete({ ...base, shiftId: undefined, exchange: exchange(owed) });
    expect(done.exchange?.settlement).toEqual({ direction: 'customer-pays', amount: owed });
    expect(isValidOrderNumber(done.exchange!.orderNumber)).toBe(true);
    const ret = (await db.returns.find().exec())[0]!.toJSON();
    const newOrder = (await db.orders.findOne(done.exchange!.orderId).exec())!.toJSON();
    expect(ret.exchangeOrderId).toBe(newOrder.id);
    expect(newOrder.exchangeForReturnId).toBe(ret.id);
    expect(ret.tenders).toEqual([]);
    expect(newOrder.lines).toMatchObject([{ sku: mug.sku, quantity: 2 }]);
    const payments = (await db.payments.find({ selector: { orderId: newOrder.id } }).exec()).map((p) => p.toJSON());
    expect(payments).toMatchObject([{ kind: 'sale', method: 'cash', amount: owed }]);
    const movements = (await db.inventory_movements.find().exec()).map((m) => `${m.type}:${m.quantity}`).sort();
    expect(movements).toEqual(['adjustment:-1', 'return:1', 'sale:-2']);
  });

  it('offline, refunds the difference of an exchange to the original card through the store-and-forward queue', async () => {
    const { db, port, order, payment } = await setup(false);
    opened.push(db);
    const found = await port.findByNumber(order.orderNumber);
    const lines = [{ ...(await returnOne(port, order.orderNumber)).lines[0]!, quantity: 2 }];
    const context = testContext();
    const items = addExchangeItem([], mug, mug.barcodes[0]!, newId);
    const totals = priceExchange(items, 'USD', context.jurisdiction, context.promotions, T);
    const policy = (await port.settings()).policy;
    const refund = deskPlan(found, lines, policy, 'clerk', [], new Date().toISOString()).quote.total;
    const applied = Math.min(refund, totals.grandTotal.amount);
    const plan = deskPlan(found, lines, policy, 'clerk', [], new Date().toISOString(), undefined, applied);
    expect(plan.plan.allocations).toMatchObject([{ method: 'card', last4: payment.card!.last4 }]);
    const done = await port.complete({
      found,
      lines,
      allocations: plan.plan.allocations,
      approvals: [],
      staffId: fixtures.staff.id,
      actorRole: 'clerk',
      shiftId: undefined,
      exchange: {
        saleId: newId(),
        startedAt: T,
        lines: saleLines(items),
        totals,
        tenders: [],
        context: {
          registerId: context.registerId,
          priceBookId: context.priceBookId,
          jurisdiction: context.jurisdiction,
        },
        storeCode: 'S012',
        registerCode: 'R03',
      },
    });
    const owedBack = refund - totals.grandTotal.amount;
    expect(done.exchange?.settlement).toEqual({ direction: 'refund-customer', amount: owedBack });
    expect(done.refunds).toEqual([{ method: 'card', amount: owedBack, last4: payment.card!.last4, queued: true }]);
    expect(port.queuedCardRefunds()).toMatchObject([{ amount: owedBack, last4: payment.card!.last4 }]);
    const ret = (await db.returns.findOne(done.returnId).exec())!.toJSON();
    expect(ret.tenders).toMatchObject([{ method: 'card', amount: owedBack }]);
    expect(ret.offline).toBeDefined();
    // The refund payment is written only once the gateway took it.
    expect(await db.payments.find({ selector: { kind: 'refund' } }).exec()).toHaveLength(0);
  });

  it('post-voids a sale of the open shift with a manager approval: all back to stock, the card refunded in full', async () => {
    const { db, port, order } = await setup(false);
    opened.push(db);
    const shiftId = newId();
    await db.orders.upsert({ ...order, tillShiftId: shiftId } as never);
    const found = await port.findByNumber(order.orderNumber);
    const request = { found, staffId: fixtures.staff.id, actorRole: 'clerk' as const, shiftId };
    await expect(port.postVoid({ ...request, approvals: [] })).rejects.toMatchObject({
      code: ReturnServiceError.APPROVAL_MISSING,
    });
    await expect(port.postVoid({ ...request, shiftId: newId(), approvals: [] })).rejects.toMatchObject({
      code: 'RETURN_POST_VOID_REFUSED',
    });
    const approval = { kind: 'void_sale' as const, approverId: fixtures.staff.id, reason: 'wrong card', at: T };
    const done = await port.postVoid({ ...request, approvals: [approval] });
    expect(done.ret).toMatchObject({ postVoid: true, refundTotal: order.totals!.total, tillShiftId: shiftId });
    expect(done.ret.approvals).toMatchObject([{ action: 'void' }]);
    // Offline: the full card refund is queued to the same card.
    expect(port.queuedCardRefunds()).toMatchObject([{ amount: order.totals!.total, last4: '4242' }]);
    const movements = (await db.inventory_movements.find().exec()).map((m) => `${m.type}:${m.quantity}`);
    expect(movements).toEqual(['return:2']);
    // Voided once: the sale has nothing left to void.
    const again = await port.findByNumber(order.orderNumber);
    await expect(port.postVoid({ ...request, found: again, approvals: [approval] })).rejects.toMatchObject({
      code: 'RETURN_POST_VOID_REFUSED',
    });
  });

  it('post-voids without a PIN when the signed-in staff member may approve, recording them as the approver', async () => {
    const { db, port, order } = await setup(false);
    opened.push(db);
    const shiftId = newId();
    await db.orders.upsert({ ...order, tillShiftId: shiftId } as never);
    const found = await port.findByNumber(order.orderNumber);
    const managerId = newId();
    const done = await port.postVoid({ found, staffId: managerId, actorRole: 'manager', shiftId, approvals: [] });
    expect(done.ret.postVoid).toBe(true);
    expect(done.ret.approvals).toMatchObject([{ action: 'void', approvedBy: managerId }]);
  });

  it('marks a return taken offline with the start of the offline spell, for the server-side cap', async () => {
    const { db, port, sync, order } = await setup(false);
    opened.push(db);
    sync.lastSyncAt = '2026-11-27T08:00:00.000Z';
    const { found, lines, plan } = await returnOne(port, order.orderNumber);
    await port.complete({
      found,
      lines,
      allocations: [{ method: 'cash', amount: plan.quote.total }],
      approvals: [],
      staffId: fixtures.staff.id,
      actorRole: 'clerk',
      shiftId: undefined,
    });
    const ret = (await db.returns.find().exec())[0]!.toJSON();
    expect(ret.offline).toEqual({ since: '2026-11-27T08:00:00.000Z' });
  });

  it('records a receipt-less approval only a manager can give, as the server requires', async () => {
    const { db, port } = await setup(true);
    opened.push(db);
    const request = {
      lines: [
        {
          productId: newId(),
          sku: 'MUG-RED-12',
          name: 'Mug',
          quantity: 1,
          unitPrice: 900,
          reason: 'changed_mind' as const,
          condition: 'sellable' as const,
          disposition: 'back_to_stock' as const,
        },
      ],
      customerId: newId(),
      currency: 'USD' as const,
      taxMode: 'exclusive' as const,
      approvals: [],
      staffId: fixtures.staff.id,
      shiftId: undefined,
    };
    // A supervisor no longer approves it alone: a manager must.
    await expect(port.completeReceiptless({ ...request, actorRole: 'supervisor' })).rejects.toMatchObject({
      code: ReturnServiceError.APPROVAL_MISSING,
    });
    // Online, the server authorises the refund first and the return carries that authorisation.
    const authorizationId = newId();
    const asked: { url: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      asked.push({ url, body: JSON.parse(String(init.body)) });
      const answer = { authorizationId, amount: 900, expiresAt: new Date(Date.now() + 60_000).toISOString() };
      return Promise.resolve(new Response(JSON.stringify(answer), { status: 200 }));
    });
    try {
      const done = await port.completeReceiptless({ ...request, actorRole: 'manager' });
      expect(done.ret.approvals).toMatchObject([{ action: 'receiptless_return', approvedBy: fixtures.staff.id }]);
      expect(done.ret.offline).toBeUndefined();
      expect(done.ret.refundAuthorization).toEqual({ id: authorizationId });
      expect(asked).toEqual([
        {
          url: 'http://127.0.0.1:9/api/returns/refund-authorizations',
          body: { returnId: done.returnId, originalOrderId: '', receiptless: true, amount: 900 },
        },
      ]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('online, a cash refund carries the server authorisation; unreachable, it is taken as offline; refused, nothing is written', async () => {
    const { db, port, sync, order } = await setup(true);
    opened.push(db);
    sync.lastSyncAt = '2026-11-27T08:00:00.000Z';
    const cashReturn = async () => {
      const { found, lines, plan } = await returnOne(port, order.orderNumber);
      return port.complete({
        found,
        lines,
        allocations: [{ method: 'cash', amount: plan.quote.total }],
        approvals: [],
        staffId: fixtures.staff.id,
        actorRole: 'clerk',
        shiftId: undefined,
      });
    };
    const authorizationId = newId();
    const answers: Response[] = [
      new Response(JSON.stringify({ authorizationId, amount: 0, expiresAt: T }), { status: 200 }),
      new Response(
        JSON.stringify({ code: 'SYNC_VALUE_NOT_JUSTIFIED', message: 'This sale has 0.00 left to refund.' }),
        {
          status: 422,
        },
      ),
    ];
    const bodies: Record<string, unknown>[] = [];
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)) as Record<string, unknown>);
      return Promise.resolve(answers.shift()!);
    });
    try {
      const authorized = await cashReturn();
      expect(authorized.ret.refundAuthorization).toEqual({ id: authorizationId });
      expect(authorized.ret.offline).toBeUndefined();
      expect(bodies[0]).toEqual({
        returnId: authorized.returnId,
        originalOrderId: order.id,
        receiptless: false,
        amount: authorized.refundTotal,
      });
      await expect(cashReturn()).rejects.toMatchObject({ code: 'SYNC_VALUE_NOT_JUSTIFIED' });
      expect(await db.returns.count().exec()).toBe(1);
    } finally {
      vi.unstubAllGlobals();
    }
    // The server cannot be reached (nothing listens on port 9): an offline return, within the cap.
    const fallback = await cashReturn();
    expect(fallback.ret.refundAuthorization).toBeUndefined();
    expect(fallback.ret.offline).toEqual({ since: '2026-11-27T08:00:00.000Z' });
  });
});
