// Tenders taken for the open sale. Persisted like the cart: an approved card payment or an
// offline (store-and-forward) authorisation must survive a crash before the sale is written.
// Card data is the gateway token and last four digits only — never the number.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export const TenderMethod = { CASH: 'cash', CARD: 'card', STORE_CREDIT: 'store_credit', GIFT_CARD: 'gift_card' } as const;
export type TenderMethod = (typeof TenderMethod)[keyof typeof TenderMethod];

export interface Tender {
  id: string;
  method: TenderMethod;
  /** Amount applied to the sale (minor units). */
  amount: number;
  status: 'approved' | 'pending_offline';
  cash?: { tendered: number; change: number };
  card?: { token: string; last4: string; brand: string; authCode?: string; entryMode: 'chip' | 'contactless' | 'swipe' | 'keyed' };
  giftCard?: { token: string; last4: string };
  storeCreditCustomerId?: string;
  offline?: { capturedAt: string; expiresAt: string };
  gateway?: { name: string; reference: string };
  at: string;
}

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
    { name: 'pos.tenders', version: 1 },
  ),
);

export function paidSoFar(tenders: readonly Tender[]): number {
  return tenders.reduce((n, t) => n + t.amount, 0);
}
