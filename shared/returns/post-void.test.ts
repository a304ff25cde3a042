import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/support/error-code';
import { fixtures } from '../../test/support/fixtures/documents';
import type { Order } from '../schemas';
import { shiftFigures } from '../till/reports';
import { planPostVoid, ReturnError, type ReturnableView } from './index';

const SHIFT = '0193a000-0000-7000-8000-0000000000f1';
const order = { ...(fixtures.orders as Order), status: 'completed', channel: 'pos', tillShiftId: SHIFT } as Order;
const view = (over: Partial<ReturnableView> = {}): ReturnableView => ({
  order,
  lines: order.lines.map((l) => ({ lineId: l.id, bought: l.quantity, returned: 0, returnable: l.quantity })),
  tenders: [
    { paymentId: 'card-1', method: 'card', amount: 700, refunded: 0, token: 'tok', last4: '4242' },
    { paymentId: 'gift-1', method: 'gift_card', amount: 300, refunded: 0, token: 'g', last4: '1111' },
  ],
  returnIds: [],
  ...over,
});
const base = {
  openShiftId: SHIFT,
  actorRole: 'clerk' as const,
  approverRole: 'supervisor' as const,
  selfApprovingRoles: ['manager' as const],
};

describe('post-void of a sale on the same shift', () => {
  it('returns every line and refunds every tender in full to itself, with a manager approval', () => {
    const plan = planPostVoid({ ...base, view: view() });
    expect(plan.lines).toEqual(order.lines.map((l) => ({ lineId: l.id, quantity: l.quantity })));
    expect(plan.allocations).toEqual([
      { method: 'card', amount: 700, paymentId: 'card-1', token: 'tok', last4: '4242' },
      { method: 'store_credit', amount: 300, paymentId: 'gift-1', token: 'g', last4: '1111' },
    ]);
    expect(plan.approvals.map((a) => [a.kind, a.minimumRole])).toEqual([['void_sale', 'supervisor']]);
    expect(planPostVoid({ ...base, actorRole: 'manager', view: view() }).approvals).toEqual([]);
  });

  it('refuses a sale of another shift, with no till open, or partly returned', () => {
    expect(codeOf(() => planPostVoid({ ...base, openShiftId: undefined, view: view() }))).toBe(
      ReturnError.POST_VOID_REFUSED,
    );
    expect(codeOf(() => planPostVoid({ ...base, openShiftId: 'other', view: view() }))).toBe(
      ReturnError.POST_VOID_REFUSED,
    );
    const partly = view();
    partly.lines[0]!.returned = 1;
    expect(codeOf(() => planPostVoid({ ...base, view: partly }))).toBe(ReturnError.POST_VOID_REFUSED);
    const refunded = view();
    refunded.tenders[0]!.refunded = 1;
    expect(codeOf(() => planPostVoid({ ...base, view: refunded }))).toBe(ReturnError.POST_VOID_REFUSED);
  });

  it('is counted on the X/Z figures, each post-void once', () => {
    const figures = shiftFigures({
      currency: 'USD',
      openingFloat: 10_000,
      sales: [],
      returns: [],
      payments: [{ kind: 'refund', method: 'cash', status: 'approved', amount: 1000 }],
      cashMovements: [],
      postVoids: [
        { returnId: 'r1', total: 1000 },
        { returnId: 'r1', total: 1000 },
      ],
    });
    expect(figures.postVoids).toEqual({ count: 1, total: 1000 });
    expect(figures.cash.expected).toBe(9000);
    expect(
      shiftFigures({ currency: 'USD', openingFloat: 0, sales: [], returns: [], payments: [], cashMovements: [] })
        .postVoids,
    ).toBeUndefined();
  });
});
