// Pickup work on an in-memory replica: every step is stored at once (a reload resumes it), bad
// input is refused with a code, a short pick writes one stock adjustment however often it is retried.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '../../../shared/errors';
import { fixtures } from '../../../test/support/fixtures/documents';
import type { FulfillmentOrder, InventoryMovement } from '../../../shared/schemas';
import { OrderError } from '../../../shared/orders/errors';
import { PickupError } from '../../../shared/orders/fulfillment-work';
import {
  acceptOrder,
  finishPick,
  FulfillmentDataError,
  handOver,
  loadFulfillment,
  markReady,
  pickUnit,
  rejectOrder,
  reportShort,
  type FulfillmentScope,
} from './fulfillment-data';
import { DEVICE_ID, memoryDb, STORE_ID } from '../../../test/support/register-data';
import type { Db } from './types';

const worker = { staffId: '01937a00-0000-7000-8000-0000000000c1' };
const base = fixtures.fulfillment_orders as FulfillmentOrder;
const order = (over: Partial<FulfillmentOrder> = {}): FulfillmentOrder => ({
  ...base,
  assignedStoreId: STORE_ID,
  status: 'allocated',
  pickupCode: 'K7Q2M9',
  lines: [
    {
      ...base.lines[0]!,
      id: '01937a00-0000-7000-8000-0000000000a1',
      sku: 'MUG-RED-12',
      quantity: 2,
      pickedQuantity: 0,
      shortQuantity: 0,
    },
    {
      ...base.lines[0]!,
      id: '01937a00-0000-7000-8000-0000000000a2',
      sku: 'PEN-BLK',
      quantity: 1,
      pickedQuantity: 0,
      shortQuantity: 0,
    },
  ],
  ...over,
});
const refusedWith = (code: string) => (e: unknown) => isDomainError(e, code);

describe('fulfillment work on the replica', () => {
  let db: Db;
  let scope: FulfillmentScope;
  beforeEach(async () => {
    db = await memoryDb();
    scope = { db, storeId: STORE_ID, deviceId: DEVICE_ID };
  });
  afterEach(async () => db.remove());

  it('accepts, picks, reports short, stages and hands over, each step stored with who did it', async () => {
    await db.fulfillment_orders.insert(order());
    await acceptOrder(scope, base.id, worker);
    await pickUnit(scope, base.id, 'MUG-RED-12');
    await pickUnit(scope, base.id, 'MUG-RED-12');
    await expect(pickUnit(scope, base.id, 'MUG-RED-12')).rejects.toSatisfy(refusedWith(OrderError.PICK_REFUSED));
    await expect(reportShort(scope, base.id, order().lines[1]!.id, 1, '  ', worker)).rejects.toSatisfy(
      refusedWith(FulfillmentDataError.REASON_REQUIRED),
    );
    await reportShort(scope, base.id, order().lines[1]!.id, 1, 'not on shelf', worker);
    await finishPick(scope, base.id, worker);
    await expect(markReady(scope, base.id, ' ', worker)).rejects.toSatisfy(
      refusedWith(FulfillmentDataError.STAGING_REQUIRED),
    );
    await markReady(scope, base.id, 'p-03', worker);
    await expect(
      handOver(scope, base.id, { method: 'pickup_code', code: 'WRONG1', collectedBy: 'Sam' }, worker),
    ).rejects.toSatisfy(refusedWith(PickupError.CODE_MISMATCH));
    expect((await loadFulfillment(scope, base.id)).status).toBe('ready_for_pickup');
    await handOver(scope, base.id, { method: 'pickup_code', code: 'k7q 2m9', collectedBy: 'Sam Rivera' }, worker);
    const done = await loadFulfillment(scope, base.id);
    expect(done.status).toBe('picked_up');
    expect(done.lines.map((l) => [l.pickedQuantity, l.shortQuantity])).toEqual([
      [2, 0],
      [0, 1],
    ]);
    expect(done.staging).toMatchObject({
      location: 'P-03',
      by: { kind: 'staff', staffId: worker.staffId, deviceId: DEVICE_ID },
    });
    expect(done.handover).toMatchObject({ method: 'pickup_code', collectedBy: 'Sam Rivera' });
    expect(done.history.map((h) => h.status)).toEqual([
      'created',
      'picking',
      'picking',
      'picked',
      'ready_for_pickup',
      'picked_up',
    ]);
    const moves = (await db.inventory_movements.find().exec()).map((d) => d.toJSON() as InventoryMovement);
    expect(moves).toEqual([
      expect.objectContaining({
        type: 'adjustment',
        quantity: -1,
        sku: 'PEN-BLK',
        referenceType: 'fulfillment_order',
        referenceId: base.id,
      }),
    ]);
  });

  it('refuses a rejection without a reason, and work on an order moved to another store', async () => {
    await db.fulfillment_orders.insert(order());
    await expect(rejectOrder(scope, base.id, worker, '')).rejects.toSatisfy(
      refusedWith(FulfillmentDataError.REASON_REQUIRED),
    );
    expect((await rejectOrder(scope, base.id, worker, 'store closing')).history.at(-1)).toMatchObject({
      status: 'rejected',
      reason: 'store closing',
    });
    const elsewhere = {
      ...order(),
      id: '01937a00-0000-7000-8000-0000000000b9',
      assignedStoreId: '01937a00-0000-7000-8000-0000000000ff',
    };
    await db.fulfillment_orders.insert(elsewhere);
    await expect(acceptOrder(scope, elsewhere.id, worker)).rejects.toSatisfy(
      refusedWith(FulfillmentDataError.NOT_THIS_STORE),
    );
    await expect(acceptOrder(scope, '01937a00-0000-7000-8000-0000000000b8', worker)).rejects.toSatisfy(
      refusedWith(FulfillmentDataError.NOT_FOUND),
    );
  });

  it('hands over on seen ID without a code, and records a partial pickup per line', async () => {
    await db.fulfillment_orders.insert(
      order({
        status: 'ready_for_pickup',
        pickupCode: undefined,
        lines: order().lines.map((l) => ({ ...l, pickedQuantity: l.quantity })),
      }),
    );
    await expect(
      handOver(scope, base.id, { method: 'pickup_code', code: 'K7Q2M9', collectedBy: 'Sam' }, worker),
    ).rejects.toSatisfy(refusedWith(PickupError.NO_CODE));
    const [mug, pen] = order().lines;
    await expect(
      handOver(
        scope,
        base.id,
        { method: 'id_seen', collectedBy: 'Sam', note: 'licence', collected: { [mug!.id]: 3 } },
        worker,
      ),
    ).rejects.toSatisfy(refusedWith(FulfillmentDataError.COLLECTED_INVALID));
    await expect(
      handOver(
        scope,
        base.id,
        { method: 'id_seen', collectedBy: 'Sam', note: 'licence', collected: { [mug!.id]: 0, [pen!.id]: 0 } },
        worker,
      ),
    ).rejects.toSatisfy(refusedWith(FulfillmentDataError.COLLECTED_INVALID));
    // Partial pickup: one mug of two, the pen; recorded per line.
    const done = await handOver(
      scope,
      base.id,
      { method: 'id_seen', collectedBy: 'Sam Rivera', note: 'driving licence …4821', collected: { [mug!.id]: 1 } },
      worker,
    );
    expect(done.handover).toMatchObject({
      method: 'id_seen',
      note: 'driving licence …4821',
      collected: [
        { lineId: mug!.id, quantity: 1 },
        { lineId: pen!.id, quantity: 1 },
      ],
    });
    expect(done.status).toBe('picked_up');
  });
});
