import { describe, expect, it } from 'vitest';
import { OrderError } from './errors';
import { impliedWebOrderStatus, nextWebOrderStatus } from './rollup';
import type { FulfillmentStatus } from './statuses';

const fos = (...s: FulfillmentStatus[]) => s.map((status) => ({ status }));

describe('web order status from its fulfillment orders', () => {
  it('follows a two-store order from allocation to fulfilled', () => {
    expect(nextWebOrderStatus('validated', fos('allocated', 'created'))).toBe('allocated');
    expect(nextWebOrderStatus('allocated', fos('picking', 'allocated'))).toBe('in_fulfillment');
    expect(nextWebOrderStatus('in_fulfillment', fos('picked_up', 'ready_for_pickup'))).toBe('partially_fulfilled');
    expect(nextWebOrderStatus('partially_fulfilled', fos('picked_up', 'shipped'))).toBe('fulfilled');
    expect(nextWebOrderStatus('fulfilled', fos('picked_up', 'shipped'))).toBeUndefined();
  });
  it('puts an order on hold while a rejected store awaits re-routing, and back when a new store takes it', () => {
    expect(nextWebOrderStatus('in_fulfillment', fos('rejected'))).toBe('on_hold');
    expect(nextWebOrderStatus('on_hold', fos('rerouted', 'allocated'))).toBe('allocated');
    expect(nextWebOrderStatus('in_fulfillment', fos('rerouted', 'allocated'))).toBe('allocated');
  });
  it('keeps a partly handed-over order partial while the rest is re-routed', () => {
    expect(nextWebOrderStatus('partially_fulfilled', fos('picked_up', 'rejected'))).toBeUndefined();
    expect(nextWebOrderStatus('partially_fulfilled', fos('picked_up', 'rerouted', 'picking'))).toBeUndefined();
  });
  it('cancels when every fulfillment order is cancelled', () => {
    expect(impliedWebOrderStatus('allocated', fos('cancelled', 'cancelled'))).toBe('cancelled');
    expect(nextWebOrderStatus('allocated', fos('cancelled'))).toBe('cancelled');
  });
  it('refuses a move the lifecycle forbids instead of applying it', () => {
    expect(() => nextWebOrderStatus('cancelled', fos('picked_up'))).toThrow(
      expect.objectContaining({ code: OrderError.ILLEGAL_TRANSITION }),
    );
    expect(() => nextWebOrderStatus('created', fos('picking'))).toThrow(
      expect.objectContaining({ code: OrderError.ILLEGAL_TRANSITION }),
    );
  });
});
