// Tenders taken for the open sale. Persisted like the cart: an approved card payment or an
// offline (store-and-forward) authorisation must survive a crash before the sale is written.
// Card data is the gateway token and last four digits only — never the number.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Tender } from '../model/tender';
import { saleStateStorage } from './sale-state-storage';

interface TenderState {
  saleId: string | undefined;
  tenders: Tender[];
  /** Tenders belong to one sale; switching sale starts an empty list. */
  forSale(saleId: string): Tender[];
  add(saleId: string, tender: Tender): void;
  remove(saleId: string, tenderId: string): void;
  clear(): void;
}

export const useTenders = create<TenderState>()(
  persist(
    (set, get) => ({
      saleId: undefined,
      tenders: [],
      forSale: (saleId) => (get().saleId === saleId ? get().tenders : []),
      add(saleId, tender) {
        const current = get().saleId === saleId ? get().tenders : [];
        set({ saleId, tenders: [...current, tender] });
      },
      remove(saleId, tenderId) {
        if (get().saleId !== saleId) return;
        set({ tenders: get().tenders.filter((t) => t.id !== tenderId) });
      },
      clear: () => set({ saleId: undefined, tenders: [] }),
    }),
    { name: 'pos.tenders', version: 1, storage: saleStateStorage, skipHydration: true },
  ),
);
