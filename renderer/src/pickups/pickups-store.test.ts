import { beforeEach, describe, expect, it } from 'vitest';
import { fixtures } from '../../../test/support/fixtures/documents';
import type { FulfillmentOrder } from '../../../shared/schemas';
import { usePickups } from './pickups-store';

const base = fixtures.fulfillment_orders as FulfillmentOrder;
const fo = (n: number, status: FulfillmentOrder['status'] = 'allocated'): FulfillmentOrder => ({
  ...base,
  id: `id-${n}`,
  orderNumber: `N${n}`,
  status,
});

describe('pickups store', () => {
  beforeEach(() => usePickups.setState({ orders: [], loaded: false, notice: [], known: new Set(), tab: 'new' }));

  it('does not announce what was already on the register, announces what arrives later', () => {
    usePickups.getState().setOrders([fo(1), fo(2, 'picking')]);
    expect(usePickups.getState().notice).toEqual([]);
    expect(usePickups.getState().counts).toMatchObject({ new: 1, picking: 1 });
    usePickups.getState().setOrders([fo(1), fo(2, 'picking'), fo(3)]);
    expect(usePickups.getState().notice).toEqual(['N3']);
    // A change to a known order (accepted) is not news; a second arrival adds to the notice.
    usePickups.getState().setOrders([fo(1, 'picking'), fo(2, 'picking'), fo(3), fo(4)]);
    expect(usePickups.getState().notice).toEqual(['N3', 'N4']);
    usePickups.getState().setTab('new');
    expect(usePickups.getState().notice).toEqual([]);
  });

  it('dismissing with no notice showing leaves the state as it was (opening the hub renders once)', () => {
    usePickups.getState().setOrders([fo(1)]);
    const before = usePickups.getState();
    usePickups.getState().dismissNotice();
    expect(usePickups.getState()).toBe(before);
  });
});
