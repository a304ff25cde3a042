// Tenders taken for a pickup order's balance, per order, until the hand-over is stored. Persisted
// like the sale's tenders: an approved card must not be forgotten if the register reloads first.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Tender } from '../model/tender';

interface PickupTendersState {
  byOrder: Record<string, Tender[]>;
  add(orderId: string, tender: Tender): void;
  remove(orderId: string, tenderId: string): void;
  clear(orderId: string): void;
}

export const usePickupTenders = create<PickupTendersState>()(
  persist(
    (set, get) => ({
      byOrder: {},
      add: (orderId, tender) =>
        set({ byOrder: { ...get().byOrder, [orderId]: [...(get().byOrder[orderId] ?? []), tender] } }),
      remove: (orderId, tenderId) =>
        set({
          byOrder: { ...get().byOrder, [orderId]: (get().byOrder[orderId] ?? []).filter((t) => t.id !== tenderId) },
        }),
      clear: (orderId) => {
        const { [orderId]: _done, ...rest } = get().byOrder;
        set({ byOrder: rest });
      },
    }),
    { name: 'pos.pickup-tenders', version: 1 },
  ),
);
