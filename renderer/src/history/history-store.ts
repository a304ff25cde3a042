// What the clerk asked the sales history for: kept while they open a receipt and come back.
import { create } from 'zustand';
import { localDay, type HistoryFilter } from '../local-data/sales-history';

interface HistoryState extends HistoryFilter {
  set: (patch: Partial<HistoryFilter>) => void;
}

export const useHistoryFilter = create<HistoryState>()((set) => {
  const today = localDay(new Date());
  return { scope: 'register', from: today, to: today, text: '', set: (patch) => set(patch) };
});
