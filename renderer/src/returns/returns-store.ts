// The returns desk's working state: the sale found, what the clerk picked per line, the managers'
// approvals and the finished return. Kept in memory: a return is only real once written.
import { create } from 'zustand';
import type { ReceiptDocument } from '../../../shared/receipt/receipt-document';
import type { CompletedReturn, FoundSale, GrantedReturnApproval, ReturnLineInput, SaleSummary } from './returns-port';

interface ReturnDeskState {
  found: FoundSale | undefined;
  selections: Record<string, ReturnLineInput>;
  approvals: GrantedReturnApproval[];
  matches: SaleSummary[] | undefined;
  completed: { result: CompletedReturn; receipt: ReceiptDocument } | undefined;
  setFound(found: FoundSale): void;
  setMatches(matches: SaleSummary[] | undefined): void;
  setLine(line: ReturnLineInput): void;
  grant(approvals: GrantedReturnApproval[]): void;
  finish(result: CompletedReturn, receipt: ReceiptDocument): void;
  reset(): void;
}

const empty = { found: undefined, selections: {}, approvals: [], matches: undefined, completed: undefined };

export const useReturnDesk = create<ReturnDeskState>()((set) => ({
  ...empty,
  setFound: (found) => set({ ...empty, found }),
  setMatches: (matches) => set({ matches }),
  setLine: (line) => set((s) => ({ selections: { ...s.selections, [line.lineId]: line } })),
  grant: (approvals) => set((s) => ({ approvals: [...s.approvals, ...approvals] })),
  finish: (result, receipt) => set({ completed: { result, receipt } }),
  reset: () => set(empty),
}));
