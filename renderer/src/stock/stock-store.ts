// The stock lookup's state: what was asked, the item and its variants, this store's levels and
// the other stores' answer (live or cached). The data layer never writes here; useStockLookup does.
import { create } from 'zustand';
import type { RegisterLevel } from '../../../shared/inventory/register-view';
import type { OtherStores, StockItem } from './stock-port';

export const StockStatus = {
  IDLE: 'idle',
  LOADING: 'loading',
  READY: 'ready',
  NOT_FOUND: 'not-found',
  FAILED: 'failed',
} as const;
export type StockStatus = (typeof StockStatus)[keyof typeof StockStatus];

interface StockState {
  code: string;
  status: StockStatus;
  items: StockItem[];
  local: RegisterLevel[];
  others: OtherStores | undefined;
  error: string | undefined;
  setCode(code: string): void;
  start(code: string): void;
  found(items: StockItem[], local: RegisterLevel[]): void;
  setOthers(others: OtherStores | undefined): void;
  notFound(): void;
  failed(message: string): void;
}

export const useStock = create<StockState>((set) => ({
  code: '',
  status: StockStatus.IDLE,
  items: [],
  local: [],
  others: undefined,
  error: undefined,
  setCode: (code) => set({ code }),
  start: (code) => set({ code, status: StockStatus.LOADING, error: undefined }),
  found: (items, local) => set({ items, local, status: StockStatus.READY }),
  setOthers: (others) => set({ others }),
  notFound: () => set({ status: StockStatus.NOT_FOUND, items: [], local: [], others: undefined }),
  failed: (message) => set({ status: StockStatus.FAILED, error: message }),
}));
