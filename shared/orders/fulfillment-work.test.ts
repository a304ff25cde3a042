import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/support/error-code';
import { fixtures } from '../../test/support/fixtures/documents';
import type { FulfillmentOrder } from '../schemas/fulfillment-orders';
import { OrderError } from './errors';
import { applyFulfillmentMove, recordPick } from './fulfillment';
import { PickupError, pickList, pickPlace, recordShort, verifyPickupCode } from './fulfillment-work';
import type { Product } from '../schemas/products';

const base = fixtures.fulfillment_orders as FulfillmentOrder;
const line = (id: string, sku: string, quantity: number) => ({
  ...base.lines[0]!,
  id,
  sku,
  name: sku,
  quantity,
  pickedQuantity: 0,
  shortQuantity: 0,
});
const order = (
  lines = [line('00000000-0000-7000-8000-000000000001', 'A', 2), line('00000000-0000-7000-8000-000000000002', 'B', 1)],
): FulfillmentOrder => ({ ...base, status: 'picking', lines });
const ctx = { actor: 'register' as const, by: { kind: 'staff' as const }, at: '2026-12-02T10:00:00.000Z' };

describe('short pick', () => {
  it('settles a line so the order can be picked with what was found, and refuses an all-short order', () => {
    let fo = recordPick(order(), 'A');
    expect(codeOf(() => applyFulfillmentMove(fo, 'picked', ctx))).toBe(OrderError.PICK_INCOMPLETE);
    fo = recordShort(fo, fo.lines[0]!.id, 1);
    fo = recordPick(fo, 'B');
    expect(applyFulfillmentMove(fo, 'picked', ctx).status).toBe('picked');
    const none = recordShort(recordShort(order(), order().lines[0]!.id, 2), order().lines[1]!.id, 1);
    expect(codeOf(() => applyFulfillmentMove(none, 'picked', ctx))).toBe(OrderError.PICK_INCOMPLETE);
  });

  it('refuses more short units than are open, and a scan of a short unit', () => {
    const fo = recordShort(order(), order().lines[0]!.id, 2);
    expect(codeOf(() => recordShort(fo, fo.lines[0]!.id, 1))).toBe(OrderError.INVALID_QUANTITY);
    expect(codeOf(() => recordShort(fo, 'nope', 1))).toBe(OrderError.PICK_REFUSED);
    expect(codeOf(() => recordPick(fo, 'A'))).toBe(OrderError.PICK_REFUSED);
  });
});

describe('pickup code', () => {
  const ready = { ...order(), status: 'ready_for_pickup' as const, pickupCode: 'K7Q2M9' };
  it('accepts the code in any case and with spaces, refuses a wrong one or an order not ready', () => {
    expect(codeOf(() => verifyPickupCode(ready, ' k7q 2m9'))).toBeUndefined();
    expect(codeOf(() => verifyPickupCode(ready, 'K7Q2M8'))).toBe(PickupError.CODE_MISMATCH);
    expect(codeOf(() => verifyPickupCode({ ...ready, status: 'picking' }, 'K7Q2M9'))).toBe(PickupError.NOT_READY);
    expect(codeOf(() => verifyPickupCode({ ...ready, pickupCode: undefined }, 'K7Q2M9'))).toBe(PickupError.NO_CODE);
  });
});

describe('pick list', () => {
  it('walks known locations first, then groups by department, across orders', () => {
    const one = {
      ...order([
        line('00000000-0000-7000-8000-000000000001', 'TOY', 1),
        line('00000000-0000-7000-8000-000000000002', 'MUG', 2),
      ]),
      id: 'o1',
      orderNumber: 'N1',
    };
    const two = {
      ...order([
        line('00000000-0000-7000-8000-000000000003', 'PEN', 1),
        line('00000000-0000-7000-8000-000000000004', 'MUG', 1),
      ]),
      id: 'o2',
      orderNumber: 'N2',
    };
    const places: Record<string, { location?: string; department?: string }> = {
      TOY: { location: 'B01' },
      PEN: { location: 'A07' },
      MUG: { department: 'HOME' },
    };
    const list = pickList([one, two], (sku) => places[sku]);
    expect(list.map((i) => `${i.sku}/${i.orderNumber}/${i.open}`)).toEqual([
      'PEN/N2/1',
      'TOY/N1/1',
      'MUG/N1/2',
      'MUG/N2/1',
    ]);
    expect(pickList([recordShort(one, one.lines[1]!.id, 2)], (sku) => places[sku]).map((i) => i.sku)).toEqual(['TOY']);
  });

  it("walks by the product's own location field, aisle numbers in number order, unknown places last", () => {
    const products: Record<string, Pick<Product, 'department' | 'category' | 'location'>> = {
      MUG: { department: 'HOME', location: 'A10-1' },
      PEN: { department: 'OFFICE', location: 'a9-3' },
      TOY: { department: 'TOYS', location: '  ' },
      CAP: { department: 'APPAREL', category: 'hats' },
      TEA: { department: 'HOME', location: 'A9-12' },
    };
    const ids = Object.keys(products).map((sku, i) => line(`00000000-0000-7000-8000-00000000001${i}`, sku, 1));
    const list = pickList([order(ids)], (sku) => (products[sku] ? pickPlace(products[sku]) : undefined));
    expect(list.map((i) => `${i.sku}@${i.location ?? '-'}`)).toEqual([
      'PEN@a9-3',
      'TEA@A9-12',
      'MUG@A10-1',
      'CAP@-',
      'TOY@-',
    ]);
    expect(pickPlace({ department: 'HOME' })).toEqual({ department: 'HOME' });
  });
});

describe('hand-over record in the schema (checked on the server too)', () => {
  it('refuses a partial pickup that takes more than was picked, or names a line not in the order', async () => {
    const { fulfillmentOrderSchema } = await import('../schemas/fulfillment-orders');
    const picked = {
      ...order(),
      status: 'picked_up' as const,
      lines: order().lines.map((l) => ({ ...l, pickedQuantity: l.quantity })),
    };
    const handover = (collected: { lineId: string; quantity: number }[]) => ({
      ...picked,
      handover: {
        method: 'id_seen' as const,
        at: ctx.at,
        by: { kind: 'staff' as const },
        collectedBy: 'Sam',
        collected,
      },
    });
    expect(fulfillmentOrderSchema.safeParse(handover([{ lineId: picked.lines[0]!.id, quantity: 1 }])).success).toBe(
      true,
    );
    expect(
      fulfillmentOrderSchema.safeParse(handover([{ lineId: picked.lines[0]!.id, quantity: 3 }])).error?.issues[0]?.path,
    ).toEqual(['handover', 'collected', 0, 'quantity']);
    expect(
      fulfillmentOrderSchema.safeParse(handover([{ lineId: '00000000-0000-7000-8000-000000000009', quantity: 1 }]))
        .success,
    ).toBe(false);
  });
});
