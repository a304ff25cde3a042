import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../test/support/fixtures/documents';
import type { FulfillmentOrder } from '../../../shared/schemas';
import { arrivals, countByTab, filterHub, HUB_TABS, indexByTab, matchesSearch, orderAge } from './hub-model';

const base = fixtures.fulfillment_orders as FulfillmentOrder;
const fo = (n: number, over: Partial<FulfillmentOrder> = {}): FulfillmentOrder => ({
  ...base,
  id: `id-${n}`,
  orderNumber: `WEB-W01-00000${n}-Y`,
  pickupCode: `CODE${n}X`,
  customer: { name: `Customer ${n}`, phone: `+1 (555) 010-00${n}0` },
  ...over,
});

describe('orders hub', () => {
  const orders = [
    fo(1, { status: 'allocated', dueAt: '2026-12-02T12:00:00.000Z' }),
    fo(2, { status: 'allocated', dueAt: '2026-12-02T11:00:00.000Z' }),
    fo(3, { status: 'picking' }),
    fo(4, { status: 'ready_for_pickup', customer: { name: 'Ana Núñez' } }),
    fo(5, { status: 'picked_up' }),
    fo(6, { status: 'rejected' }),
    fo(7, { status: 'picked', type: 'ship' }),
  ];

  it('puts each order in one tab and counts them', () => {
    expect(countByTab(orders)).toEqual({ new: 2, picking: 2, ready: 1, done: 1, exceptions: 1 });
    expect(filterHub(orders, 'new', '').map((o) => o.id)).toEqual(['id-2', 'id-1']); // earliest due first
  });

  it('the tab index lists each tab as filtering would, most urgent first; a search ignores it', () => {
    const index = indexByTab(orders);
    for (const { tab } of HUB_TABS) expect(index[tab]).toEqual(filterHub(orders, tab, ''));
    expect(index.new.map((o) => o.id)).toEqual(['id-2', 'id-1']);
    expect(filterHub(orders, 'new', '', index)).toBe(index.new);
    expect(filterHub(orders, 'new', 'code4x', index).map((o) => o.id)).toEqual(['id-4']);
  });

  it('searches every tab by order number, pickup code, name (any case) or phone digits', () => {
    expect(filterHub(orders, 'new', '00005').map((o) => o.id)).toEqual(['id-5']);
    expect(filterHub(orders, 'new', 'code4x').map((o) => o.id)).toEqual(['id-4']);
    expect(filterHub(orders, 'new', 'ana nú').map((o) => o.id)).toEqual(['id-4']);
    expect(filterHub(orders, 'new', '555-010-0030').map((o) => o.id)).toEqual(['id-3']);
    // Too few digits is not a phone search.
    expect(matchesSearch(fo(9, { customer: { name: 'X', phone: '123456' } }), '12')).toBe(false);
    expect(filterHub(orders, 'new', 'nobody')).toEqual([]);
  });

  it('shows the age against the promised time', () => {
    const now = Date.parse('2026-12-02T11:30:00.000Z');
    expect(orderAge(orders[0]!, now)).toMatchObject({ text: 'due in 30 min', overdue: false });
    expect(orderAge(orders[1]!, now)).toMatchObject({ text: 'overdue 30 min', overdue: true });
    expect(orderAge({ status: 'allocated', createdAt: '2026-12-02T09:00:00.000Z' }, now).text).toBe(
      'received 2 h 30 min ago',
    );
  });

  it('reports only orders that newly arrived as new work', () => {
    expect(arrivals(orders, new Set(['id-1'])).map((o) => o.id)).toEqual(['id-2']);
  });
});
