// The register's view of split tender, from shared/payments: what a new tender applies to the
// sale, the change (only cash gives change) and the quick-cash buttons.
import { quickCash as sharedQuickCash, tenderState, type TenderMethod } from '../../../../shared/payments/tender';

export interface TenderResult {
  applied: number;
  change: number;
}

/** What one more tender of `amount` does when `due` is still to pay. */
export function applyTender(due: number, method: TenderMethod, amount: number): TenderResult {
  const state = tenderState(due, [{ method, amount }]);
  return { applied: state.appliedByTender[0] ?? 0, change: state.change };
}

export function quickCash(due: number, currency: string): number[] {
  try {
    return sharedQuickCash(due, currency, 4);
  } catch {
    return due > 0 ? [due] : []; // a currency without a denomination table still gets "exact"
  }
}
