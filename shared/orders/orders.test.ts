import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { fixtures } from '../../test/support/fixtures/documents';
import type { FulfillmentOrder } from '../schemas/fulfillment-orders';
import { OrderError } from './errors';
import { applyFulfillmentMove, assertFulfillmentMove, checkFulfillmentUpdate, recordPick } from './fulfillment';
import { type StateMachine, assertTransition, canTransition } from './machine';
import { checkOrderUpdate, transitionOrder } from './order-lifecycle';
import {
  FULFILLMENT_TRANSITIONS,
  POS_ORDER_TRANSITIONS,
  WEB_ORDER_TRANSITIONS,
  fulfillmentMachine,
  posOrderMachine,
  webOrderMachine,
} from './transitions';

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isDomainError(e) ? e.code : `not a DomainError: ${String(e)}`;
  }
  return 'no error';
}

const machines: [StateMachine<string>, Record<string, readonly string[]>][] = [
  [posOrderMachine, POS_ORDER_TRANSITIONS],
  [webOrderMachine, WEB_ORDER_TRANSITIONS],
  [fulfillmentMachine, FULFILLMENT_TRANSITIONS],
];

describe('state machines as data', () => {
  for (const [machine, map] of machines) {
    it(`${machine.name}: every pair not in the map is rejected with a coded error, every pair in it accepted`, () => {
      const statuses = Object.keys(map);
      fc.assert(
        fc.property(fc.constantFrom(...statuses), fc.constantFrom(...statuses), (from, to) => {
          const legal = (map[from] ?? []).includes(to);
          expect(canTransition(machine, from, to)).toBe(legal);
          expect(codeOf(() => assertTransition(machine, from, to))).toBe(
            legal ? 'no error' : OrderError.ILLEGAL_TRANSITION,
          );
        }),
        { numRuns: statuses.length * statuses.length * 2 },
      );
    });
    it(`${machine.name}: unknown statuses are refused, never treated as legal`, () => {
      fc.assert(
        fc.property(fc.string(), (s) => {
          fc.pre(!(machine.statuses as readonly string[]).includes(s));
          expect(codeOf(() => assertTransition(machine, machine.initial, s))).toBe(OrderError.UNKNOWN_STATUS);
          expect(codeOf(() => assertTransition(machine, s, machine.initial))).toBe(OrderError.UNKNOWN_STATUS);
        }),
      );
    });
    it(`${machine.name}: every status is reachable from the initial one`, () => {
      const seen = new Set([machine.initial]);
      const queue = [machine.initial];
      while (queue.length) {
        for (const next of map[queue.shift() as string] ?? []) {
          if (!seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      expect([...seen].sort()).toEqual(Object.keys(map).sort());
    });
  }
});

describe('orders', () => {
  it('a completed POS sale cannot be voided or reopened: it is returned instead', () => {
    expect(codeOf(() => transitionOrder({ channel: 'pos', status: 'completed' }, 'voided'))).toBe(
      OrderError.ILLEGAL_TRANSITION,
    );
    expect(transitionOrder({ channel: 'pos', status: 'suspended' }, 'open')).toBe('open');
  });
  it('a POS status is not a web status', () => {
    expect(codeOf(() => transitionOrder({ channel: 'web', status: 'open' }, 'completed'))).toBe(
      OrderError.UNKNOWN_STATUS,
    );
  });
  it('refuses any change to a finished order but accepts an idempotent re-push', () => {
    const done = fixtures.orders;
    expect(() =>
      checkOrderUpdate(done, { ...structuredClone(done), updatedAt: '2026-11-28T00:00:00.000Z' }),
    ).not.toThrow();
    const edited = structuredClone(done);
    edited.lines[0]!.quantity = 3;
    expect(codeOf(() => checkOrderUpdate(done, edited))).toBe(OrderError.IMMUTABLE);
    expect(codeOf(() => checkOrderUpdate(done, { ...done, channel: 'web' }))).toBe(OrderError.CHANNEL_CHANGED);
  });
  it('moves an open sale only along the map', () => {
    const open = { ...structuredClone(fixtures.orders), status: 'open' as const };
    expect(() => checkOrderUpdate(open, { ...open, status: 'completed' })).not.toThrow();
    expect(codeOf(() => checkOrderUpdate(open, { ...open, status: 'fulfilled' }))).toBe(OrderError.UNKNOWN_STATUS);
  });
});

describe('fulfillment orders', () => {
  const at = '2026-11-27T10:00:00.000Z';
  const store = { kind: 'staff' as const, staffId: fixtures.staff.id };
  const picking = (): FulfillmentOrder => structuredClone(fixtures.fulfillment_orders);

  it('walks a BOPIS order from picking to picked up with scan-to-confirm', () => {
    let fo = recordPick(picking(), 'MUG-RED-12');
    expect(fo.lines[0]!.pickedQuantity).toBe(2);
    fo = applyFulfillmentMove(fo, 'picked', { actor: 'register', by: store, at });
    fo = applyFulfillmentMove(fo, 'ready_for_pickup', { actor: 'register', by: store, at });
    fo = applyFulfillmentMove(fo, 'picked_up', { actor: 'register', by: store, at });
    expect(fo.status).toBe('picked_up');
    expect(fo.history.map((h) => h.status)).toEqual(['created', 'picked', 'ready_for_pickup', 'picked_up']);
  });
  it('refuses to mark picked while items are missing, and refuses over-picks and strangers', () => {
    expect(codeOf(() => assertFulfillmentMove(picking(), 'picked', 'register'))).toBe(OrderError.PICK_INCOMPLETE);
    const full = recordPick(picking(), 'MUG-RED-12');
    expect(codeOf(() => recordPick(full, 'MUG-RED-12'))).toBe(OrderError.PICK_REFUSED);
    expect(codeOf(() => recordPick(picking(), 'SOCK-BLUE'))).toBe(OrderError.PICK_REFUSED);
    expect(codeOf(() => recordPick(picking(), 'MUG-RED-12', 0))).toBe(OrderError.INVALID_QUANTITY);
  });
  it('keeps routing and cancelling with the server, and pickup steps off ship orders', () => {
    expect(codeOf(() => assertFulfillmentMove({ ...picking(), status: 'created' }, 'allocated', 'register'))).toBe(
      OrderError.NOT_ALLOWED_FOR_ACTOR,
    );
    expect(codeOf(() => assertFulfillmentMove(picking(), 'cancelled', 'register'))).toBe(
      OrderError.NOT_ALLOWED_FOR_ACTOR,
    );
    expect(() => assertFulfillmentMove(picking(), 'cancelled', 'server')).not.toThrow();
    const shipPicked = { ...recordPick(picking(), 'MUG-RED-12'), type: 'ship' as const, status: 'picked' as const };
    expect(codeOf(() => assertFulfillmentMove(shipPicked, 'ready_for_pickup', 'register'))).toBe(
      OrderError.WRONG_FULFILLMENT_TYPE,
    );
    expect(() => assertFulfillmentMove(shipPicked, 'shipped', 'register')).not.toThrow();
  });
  it("checks a store's pushed update: lines fixed, picks never decrease, moves legal", () => {
    const prev = recordPick(picking(), 'MUG-RED-12');
    expect(() => checkFulfillmentUpdate(picking(), { ...prev, status: 'picked' }, 'register')).not.toThrow();
    const lower = structuredClone(prev);
    lower.lines[0]!.pickedQuantity = 0;
    expect(codeOf(() => checkFulfillmentUpdate(prev, lower, 'register'))).toBe(OrderError.PICK_DECREASED);
    const moreUnits = structuredClone(prev);
    moreUnits.lines[0]!.quantity = 5;
    expect(codeOf(() => checkFulfillmentUpdate(prev, moreUnits, 'register'))).toBe(OrderError.LINES_CHANGED);
    expect(codeOf(() => checkFulfillmentUpdate(prev, { ...prev, status: 'rerouted' }, 'register'))).toBe(
      OrderError.ILLEGAL_TRANSITION,
    );
  });
});
