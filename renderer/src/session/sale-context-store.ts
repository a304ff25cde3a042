// The store settings of the current sale, loaded once the register has its data and refreshed
// when HQ publishes new configuration.
import { create } from 'zustand';
import type { SaleContext } from '../model/sale-context';

interface SaleContextState {
  context: SaleContext | undefined;
  setContext(context: SaleContext): void;
}

export const useSaleContext = create<SaleContextState>()((set) => ({
  context: undefined,
  setContext: (context) => set({ context }),
}));
