// The register's view of payments: cash change, quick-cash suggestions and the card gateway.
// The gateway (and its simulator, driven by test card numbers) comes from shared/payments; this
// adapter is the one place the screens reach it through.
import { DomainError } from '../../../shared/errors';

export const TenderError = {
  NOTHING_DUE: 'TENDER_NOTHING_DUE',
  INVALID_AMOUNT: 'TENDER_INVALID_AMOUNT',
  OVER_DUE: 'TENDER_OVER_DUE',
  INSUFFICIENT_BALANCE: 'TENDER_INSUFFICIENT_BALANCE',
  OFFLINE_CARD_REFUSED: 'TENDER_OFFLINE_CARD_REFUSED',
} as const;

export interface CashResult {
  applied: number;
  change: number;
}

/** Cash handed over against what is still due: only cash gives change. */
export function applyCash(due: number, tendered: number): CashResult {
  if (due <= 0) throw new DomainError(TenderError.NOTHING_DUE, 'Nothing is left to pay. Complete the sale.');
  if (!Number.isSafeInteger(tendered) || tendered <= 0) throw new DomainError(TenderError.INVALID_AMOUNT, 'Enter the cash the customer handed over, more than zero.');
  const applied = Math.min(due, tendered);
  return { applied, change: tendered - applied };
}

/** A non-cash tender may not exceed what is due (no change from a card or a gift card). */
export function assertNotOverDue(due: number, amount: number): void {
  if (due <= 0) throw new DomainError(TenderError.NOTHING_DUE, 'Nothing is left to pay. Complete the sale.');
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new DomainError(TenderError.INVALID_AMOUNT, 'Enter an amount greater than zero.');
  if (amount > due) throw new DomainError(TenderError.OVER_DUE, 'That is more than is due. Enter at most the amount still to pay; only cash gives change.');
}

/** Exact amount, then the next round amounts a customer is likely to hand over. */
export function quickCash(due: number, notes: readonly number[] = [500, 1000, 2000, 5000, 10000]): number[] {
  if (due <= 0) return [];
  const out = new Set<number>([due]);
  for (const step of [100, ...notes]) {
    const rounded = Math.ceil(due / step) * step;
    if (rounded > due) out.add(rounded);
    if (out.size >= 4) break;
  }
  return [...out].sort((a, b) => a - b).slice(0, 4);
}
