// The pickups feature's UI state: the live list of this store's fulfillment orders (fed from the
// replica by usePickupsFeed), the hub's tab and search, and the "new order" notice.
import { create } from 'zustand';
import type { FulfillmentOrder } from '../../../shared/schemas';
import { arrivals, countByTab, HubTab, indexByTab, type TabCounts, type TabIndex } from './hub-model';

export interface PickupsState {
  orders: FulfillmentOrder[];
  /** Each tab's orders, most urgent first, rebuilt with every list (hub-model `indexByTab`). */
  byTab: TabIndex;
  counts: TabCounts;
  loaded: boolean;
  tab: HubTab;
  query: string;
  /** Order numbers that arrived since the clerk last looked at the New tab. */
  notice: string[];
  known: Set<string>;
  setOrders(orders: FulfillmentOrder[]): void;
  setTab(tab: HubTab): void;
  setQuery(query: string): void;
  dismissNotice(): void;
}

export const usePickups = create<PickupsState>((set, get) => ({
  orders: [],
  byTab: indexByTab([]),
  counts: { new: 0, picking: 0, ready: 0, done: 0, exceptions: 0 },
  loaded: false,
  tab: HubTab.NEW,
  query: '',
  notice: [],
  known: new Set(),
  setOrders(orders) {
    const { loaded, known, notice } = get();
    // The first list after start is what was already here, not news.
    const fresh = loaded ? arrivals(orders, known).map((o) => o.orderNumber) : [];
    set({
      orders,
      byTab: indexByTab(orders),
      counts: countByTab(orders),
      loaded: true,
      known: new Set(orders.map((o) => o.id)),
      notice: fresh.length ? [...notice, ...fresh] : notice,
    });
  },
  setTab(tab) {
    set(tab === HubTab.NEW ? { tab, notice: [] } : { tab });
  },
  setQuery(query) {
    set({ query });
  },
  dismissNotice() {
    // Opening the hub dismisses the notice; with none showing, no new state (no second render).
    if (get().notice.length > 0) set({ notice: [] });
  },
}));
