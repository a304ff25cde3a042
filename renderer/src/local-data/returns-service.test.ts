// The returns port over a real (in-memory) RxDB and the gateway simulator: a card sale refunded
// to the same card online through the gateway; offline the card refund is queued (visible, kept
// in local storage) and sent when back online; offline cash refunds stop at the register's cap;
// a refund that does not add up is refused before anything is written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import { SimulatedGateway } from '../../../shared/payments/simulator';
import type { Order, Payment } from '../../../shared/schemas';
import { fixtures } from '../../../test/support/fixtures/documents';
import { newId } from '../model/ids';
import { deskPlan } from '../returns/refund-plan';
import { createReturnsService, ReturnServiceError, type SyncView } from './returns-service';
import { memoryDb, storeConfig, STORE_ID, DEVICE_ID } from '../../../test/support/register-data';
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
        shiftId: undefined,
      }),
    ).resolves.toBeDefined();
    // Offline at start: the card refund is queued, nothing is charged or lost.
    expect(port.queuedCardRefunds()).toHaveLength(1);
    const ret = (await db.returns.find().exec())[0]!.toJSON();
    expect(ret.tenders.map((t) => t.method)).toEqual(['card']);
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
      shiftId: undefined,
    });
    expect(await port.forwardQueuedRefunds()).toBe(0); // still offline
    sync.online = true;
    expect(await port.forwardQueuedRefunds()).toBe(1);
    expect(port.queuedCardRefunds()).toEqual([]);
    const refunds = (await db.payments.find({ selector: { kind: 'refund' } }).exec()).map((p) => p.toJSON());
    expect(refunds).toMatchObject([{ method: 'card', status: 'approved', refundsPaymentId: payment.id }]);
    expect(refunds[0]!.gateway?.reference).toBeTruthy();
    // Online now (the server is unreachable, so this store's replica answers): refunded at once.
    const second = await returnOne(port, order.orderNumber);
    expect(second.found.view.lines[0]).toMatchObject({ returned: 1, returnable: 1 });
    const done = await port.complete({
      found: second.found,
      lines: second.lines,
      allocations: second.plan.plan.allocations,
      approvals: [],
      staffId: fixtures.staff.id,
      shiftId: undefined,
    });
    expect(done.refunds).toMatchObject([{ method: 'card', queued: false }]);
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
      port.complete({ found, lines, allocations: cash, approvals: [], staffId: fixtures.staff.id, shiftId: undefined }),
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
        shiftId: undefined,
      }),
    ).rejects.toMatchObject({ code: ReturnServiceError.INVALID_RETURN });
    expect(await db.returns.count().exec()).toBe(0);
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
    const done = await port.completeReceiptless({ ...request, actorRole: 'manager' });
    expect(done.ret.approvals).toMatchObject([{ action: 'receiptless_return', approvedBy: fixtures.staff.id }]);
    expect(done.ret.offline).toBeUndefined();
  });
});
