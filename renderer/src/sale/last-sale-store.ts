// The sale just completed, as the customer display shows it after payment ("Change due $4.25")
// until the next sale starts or the screen times out. Not persisted: after a restart the display
// starts idle.
import { create } from 'zustand';

export interface CompletedSaleSummary {
  saleId: string;
  currency: string;
  total: number;
  paid: number;
  changeDue: number;
  /** Date.now() when the sale completed. */
  at: number;
}

interface LastSaleState {
  sale: CompletedSaleSummary | undefined;
  set(sale: CompletedSaleSummary | undefined): void;
}

export const useLastSale = create<LastSaleState>()((set) => ({
  sale: undefined,
  set: (sale) => set({ sale }),
}));
