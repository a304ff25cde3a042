// A register that works an order offline pushes only the order's latest state: the server must
// accept a chain of legal moves in one update (picked → ready → picked up) and still refuse a
// chain with an illegal or forged step.
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { fixtures } from '../../test/support/fixtures/documents';
import type { FulfillmentOrder } from '../schemas/fulfillment-orders';
import { OrderError } from './errors';
import { applyFulfillmentMove, checkFulfillmentUpdate, movesBetween, recordPick } from './fulfillment';

const at = '2026-12-01T10:00:00.000Z';
const store = { kind: 'staff' as const, staffId: fixtures.staff.id, deviceId: 'REG-01' };
const move = (fo: FulfillmentOrder, to: FulfillmentOrder['status']): FulfillmentOrder =>
  applyFulfillmentMove(fo, to, { actor: 'register', by: store, at });

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isDomainError(e) ? e.code : `not a DomainError: ${String(e)}`;
  }
  return 'no error';
}

describe('a chain of store moves pushed as one update', () => {
  const picking = (): FulfillmentOrder => structuredClone(fixtures.fulfillment_orders);
  const picked = (): FulfillmentOrder => move(recordPick(picking(), 'MUG-RED-12'), 'picked');

  it('accepts picked → ready_for_pickup → picked_up when "ready" never reached the server', () => {
    const server = picked();
    const local = move(move(server, 'ready_for_pickup'), 'picked_up');
    expect(movesBetween(server, local)).toEqual(['ready_for_pickup', 'picked_up']);
    expect(() => checkFulfillmentUpdate(server, local, 'register')).not.toThrow();
  });

  it('accepts a whole offline shift: picking → picked → ready → picked up, with a short note between', () => {
    const server = picking();
    let local = recordPick(server, 'MUG-RED-12');
    local = { ...local, history: [...local.history, { status: 'picking', at, by: store, reason: 'short 0: note' }] };
    local = move(move(move(local, 'picked'), 'ready_for_pickup'), 'picked_up');
    expect(movesBetween(server, local)).toEqual(['picked', 'ready_for_pickup', 'picked_up']);
    expect(() => checkFulfillmentUpdate(server, local, 'register')).not.toThrow();
  });

  it('still refuses a direct jump without the history of the steps between', () => {
    const server = picked();
    const jump = { ...server, status: 'picked_up' as const };
    expect(movesBetween(server, jump)).toEqual(['picked_up']);
    expect(refusal(() => checkFulfillmentUpdate(server, jump, 'register'))).toBe(OrderError.ILLEGAL_TRANSITION);
  });

  it('refuses a chain with a step the register may not make, or a history that rewrites the past', () => {
    const server = picked();
    // picked → cancelled is order management's move, not a register's.
    const cancelled = {
      ...server,
      status: 'cancelled' as const,
      history: [...server.history, { status: 'cancelled' as const, at, by: store }],
    };
    expect(refusal(() => checkFulfillmentUpdate(server, cancelled, 'register'))).toBe(OrderError.NOT_ALLOWED_FOR_ACTOR);
    // A forged history that claims ready but lands on shipped for a pickup order.
    const forged = {
      ...server,
      status: 'shipped' as const,
      history: [...server.history, { status: 'ready_for_pickup' as const, at, by: store }],
    };
    expect(refusal(() => checkFulfillmentUpdate(server, forged, 'register'))).toBe(OrderError.ILLEGAL_TRANSITION);
    // History that does not extend the server's: only the direct move is considered.
    const rewritten = move(move(server, 'ready_for_pickup'), 'picked_up');
    rewritten.history = rewritten.history.slice(1);
    expect(refusal(() => checkFulfillmentUpdate(server, rewritten, 'register'))).toBe(OrderError.ILLEGAL_TRANSITION);
  });
});
