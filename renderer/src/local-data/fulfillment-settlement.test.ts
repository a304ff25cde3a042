// Balance due at hand-over on an in-memory replica: refused until the counter's tenders pay it,
// then the tenders are the web order's payments and the hand-over records value, balance and capture.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '../../../shared/errors';
import { fixtures } from '../../../test/support/fixtures/documents';
import type { FulfillmentOrder, Order, Payment } from '../../../shared/schemas';
import { SettlementError } from '../../../shared/orders/pickup-settlement';
import { PickupError } from '../../../shared/orders/fulfillment-work';
import type { SaleTender } from '../../../shared/orders/sale-documents';
import { handOver, loadFulfillment, type FulfillmentScope } from './fulfillment-data';
import { settlementFor } from './fulfillment-settlement';
import { DEVICE_ID, memoryDb, STORE_ID } from '../../../test/support/register-data';
import type { Db } from './types';

const worker = { staffId: '01937a00-0000-7000-8000-0000000000c1' };
const webOrder: Order = {
  ...(fixtures.orders as Order),
  id: '01937a00-0000-7000-8000-0000000000e1',
  channel: 'web',
  status: 'in_fulfillment',
  storeId: STORE_ID,
  lines: fixtures.orders.lines.map((l) => ({ ...l, fulfillment: 'pickup' as const })),
};
const line = webOrder.lines[0]!; // 2 mugs, 21.75 with tax
const fo: FulfillmentOrder = {
  ...(fixtures.fulfillment_orders as FulfillmentOrder),
  orderId: webOrder.id,
  assignedStoreId: STORE_ID,
  status: 'ready_for_pickup',
  pickupCode: 'K7Q2M9',
  lines: [
    {
      ...fixtures.fulfillment_orders.lines[0]!,
      orderLineId: line.id,
      sku: line.sku,
      quantity: 2,
      pickedQuantity: 2,
      shortQuantity: 0,
    },
  ],
};
const webAuth: Payment = {
  ...(fixtures.payments as Payment),
  id: '01937a00-0000-7000-8000-0000000000e2',
  orderId: webOrder.id,
  storeId: STORE_ID,
  deviceId: 'orchestration',
  amount: 1500,
  card: { token: 'tok_test_4242', last4: '4242', brand: 'visa', entryMode: 'ecommerce' },
  gateway: { name: 'simulator', reference: 'auth_1' },
};
const cash = (amount: number, id = '01937a00-0000-7000-8000-0000000000f1'): SaleTender => ({
  id,
  method: 'cash',
  amount,
  status: 'approved',
  cash: { tendered: amount, change: 0 },
  at: '2026-12-03T10:00:00.000Z',
});
const proof = { method: 'pickup_code' as const, code: 'K7Q2M9', collectedBy: 'Sam Rivera' };
const refusedWith = (code: string) => (e: unknown) => isDomainError(e, code);

describe('balance due at hand-over', () => {
  let db: Db;
  let scope: FulfillmentScope;
  beforeEach(async () => {
    db = await memoryDb();
    scope = { db, storeId: STORE_ID, deviceId: DEVICE_ID };
    await db.orders.insert(webOrder);
    await db.fulfillment_orders.insert(fo);
  });
  afterEach(async () => db.remove());

  it('an unpaid order: refused until cash pays it all, then the cash is the order payment in the till', async () => {
    expect(await settlementFor(scope, fo)).toMatchObject({ value: 2175, balanceDue: 2175, capture: 0 });
    await expect(handOver(scope, fo.id, proof, worker)).rejects.toSatisfy(refusedWith(SettlementError.BALANCE_UNPAID));
    await expect(
      handOver(scope, fo.id, proof, worker, { tenders: [cash(2000)], shiftId: undefined }),
    ).rejects.toSatisfy(refusedWith(SettlementError.BALANCE_UNPAID));
    expect((await loadFulfillment(scope, fo.id)).status).toBe('ready_for_pickup');
    expect(await db.payments.count().exec()).toBe(0);
    const shiftId = '01937a00-0000-7000-8000-0000000000d1';
    const done = await handOver(scope, fo.id, proof, worker, { tenders: [cash(2175)], shiftId });
    expect(done.status).toBe('picked_up');
    expect(done.handover?.payment).toEqual({
      currency: 'USD',
      value: 2175,
      balanceCollected: 2175,
      capture: 0,
      paymentIds: [cash(0).id],
    });
    const paid = (await db.payments.find().exec()).map((d) => d.toJSON() as Payment);
    expect(paid).toEqual([
      expect.objectContaining({
        orderId: webOrder.id,
        storeId: STORE_ID,
        tillShiftId: shiftId,
        kind: 'sale',
        method: 'cash',
        amount: 2175,
        createdBy: worker.staffId,
      }),
    ]);
  });

  it('an authorisation short of the total: the counter takes the rest, the authorisation is captured', async () => {
    await db.payments.insert(webAuth);
    expect(await settlementFor(scope, fo)).toMatchObject({ balanceDue: 675, capture: 1500 });
    // A wrong code refuses before anything is stored as paid.
    await expect(
      handOver(scope, fo.id, { ...proof, code: 'WRONG1' }, worker, { tenders: [cash(675)], shiftId: undefined }),
    ).rejects.toSatisfy(refusedWith(PickupError.CODE_MISMATCH));
    expect(await db.payments.count().exec()).toBe(1);
    const done = await handOver(scope, fo.id, proof, worker, { tenders: [cash(675)], shiftId: undefined });
    expect(done.handover?.payment).toMatchObject({ value: 2175, balanceCollected: 675, capture: 1500 });
  });

  it('a partial pickup of a fully authorised order: nothing due, only the share taken is captured', async () => {
    await db.payments.insert({ ...webAuth, amount: 2175 });
    const done = await handOver(scope, fo.id, { ...proof, collected: { [fo.lines[0]!.id]: 1 } }, worker);
    expect(done.handover?.payment?.balanceCollected).toBe(0);
    expect([1087, 1088]).toContain(done.handover?.payment?.capture);
  });

  it('an order whose web order is not on this register hands over as before, with no money record', async () => {
    await db.orders.findOne(webOrder.id).remove();
    const done = await handOver(scope, fo.id, proof, worker);
    expect(done.status).toBe('picked_up');
    expect(done.handover?.payment).toBeUndefined();
  });
});
