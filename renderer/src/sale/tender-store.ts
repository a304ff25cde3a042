// Tenders taken for the open sale. Persisted like the cart: an approved card payment or an
// offline (store-and-forward) authorisation must survive a crash before the sale is written.
// Card data is the gateway token and last four digits only — never the number.
// A card charge in flight is kept here too (`attempt`), written to disk before the terminal is
// asked, so a restart between the bank's approval and the tender's write finds it and asks the
// gateway about that payment id instead of letting the clerk charge again (card-attempt-recovery.ts).
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Tender } from '../model/tender';
import { saleStateStorage } from './sale-state-storage';

/** A card charge sent to the terminal whose answer is not yet recorded. */
export interface CardAttempt {
  /** The payment id: the gateway's idempotency key and, once approved, the tender's id. */
  paymentId: string;
  amount: number;
  currency: string;
  training: boolean;
  entryMode: 'chip' | 'keyed';
  startedAt: string;
}

interface TenderState {
  saleId: string | undefined;
  tenders: Tender[];
  attempt: CardAttempt | undefined;
  /** Tenders belong to one sale; switching sale starts an empty list. */
  forSale(saleId: string): Tender[];
  /** Adds a tender once per id; a card tender whose id is the open attempt's payment id settles that attempt. */
  add(saleId: string, tender: Tender): void;
  remove(saleId: string, tenderId: string): void;
  /** Records a card charge about to be sent to the terminal. */
  beginAttempt(saleId: string, attempt: CardAttempt): void;
  /** The attempt's payment id is known not to have charged (declined, no charge found). */
  clearAttempt(paymentId: string): void;
  /** The open card attempt of this sale, if any. */
  attemptFor(saleId: string): CardAttempt | undefined;
  clear(): void;
}

export const useTenders = create<TenderState>()(
  persist(
    (set, get) => ({
      saleId: undefined,
      tenders: [],
      attempt: undefined,
      forSale: (saleId) => (get().saleId === saleId ? get().tenders : []),
      add(saleId, tender) {
        const same = get().saleId === saleId;
        const current = same ? get().tenders : [];
        if (current.some((t) => t.id === tender.id)) return; // recorded already (e.g. a settled attempt)
        const attempt = same && get().attempt?.paymentId !== tender.id ? get().attempt : undefined;
        set({ saleId, tenders: [...current, tender], attempt });
      },
      remove(saleId, tenderId) {
        if (get().saleId !== saleId) return;
        set({ tenders: get().tenders.filter((t) => t.id !== tenderId) });
      },
      beginAttempt(saleId, attempt) {
        const tenders = get().saleId === saleId ? get().tenders : [];
        set({ saleId, tenders, attempt });
      },
      clearAttempt(paymentId) {
        if (get().attempt?.paymentId === paymentId) set({ attempt: undefined });
      },
      attemptFor: (saleId) => (get().saleId === saleId ? get().attempt : undefined),
      clear: () => set({ saleId: undefined, tenders: [], attempt: undefined }),
    }),
    {
      name: 'pos.tenders',
      version: 1,
      storage: saleStateStorage,
      skipHydration: true,
      partialize: (s) => ({ saleId: s.saleId, tenders: s.tenders, attempt: s.attempt }),
    },
  ),
);
