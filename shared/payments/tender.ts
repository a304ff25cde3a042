// Split tender at the register: how much is still due after each tender, the change (only cash
// gives change), and quick-cash buttons for the next notes above the amount due.
import { DomainError } from '../errors';
import { minorUnitExponent } from '../money';
import { denominationsFor } from '../till/denominations';
import { PaymentError } from './errors';

export type TenderMethod = 'cash' | 'card' | 'store_credit' | 'gift_card';

export interface Tender {
  method: TenderMethod;
  amount: number; // for cash: what the customer handed over
}

export interface TenderState {
  due: number;
  applied: number; // counted towards the sale
  remaining: number;
  change: number;
  complete: boolean;
  /** Per tender: what it contributes to the sale (cash net of change). */
  appliedByTender: number[];
}

export function tenderState(due: number, tenders: readonly Tender[]): TenderState {
  if (!Number.isSafeInteger(due) || due < 0)
    throw new DomainError(
      PaymentError.INVALID_AMOUNT,
      `An amount due of ${String(due)} is not valid. This is a program error; report it.`,
    );
  let remaining = due;
  let change = 0;
  const appliedByTender: number[] = [];
  tenders.forEach((t) => {
    if (!Number.isSafeInteger(t.amount) || t.amount <= 0)
      throw new DomainError(
        PaymentError.INVALID_AMOUNT,
        'Each tender must be for more than zero. Enter the amount again.',
      );
    if (change > 0 || remaining === 0)
      throw new DomainError(
        PaymentError.TENDER_AFTER_CHANGE,
        'The sale is already paid. Finish it, or remove a tender first.',
      );
    if (t.amount > remaining && t.method !== 'cash') {
      throw new DomainError(
        PaymentError.OVERPAID,
        `A ${t.method} payment cannot be more than the amount still due. Enter the remaining amount or less.`,
        { remaining },
      );
    }
    const applied = Math.min(t.amount, remaining);
    change = t.amount - applied;
    remaining -= applied;
    appliedByTender.push(applied);
  });
  return { due, applied: due - remaining, remaining, change, complete: remaining === 0, appliedByTender };
}

/**
 * Quick-cash suggestions: the exact amount, then the smallest sum of each note size that covers
 * it (e.g. 12.37 → 12.37, 13, 15, 20, 50, 100), distinct and ascending, at most `limit`.
 */
export function quickCash(due: number, currency: string, limit = 5): number[] {
  if (!Number.isSafeInteger(due) || due <= 0) return [];
  const steps = noteSteps(currency);
  const out = new Set<number>([due]);
  for (const step of steps) out.add(Math.ceil(due / step) * step);
  return [...out].sort((a, b) => a - b).slice(0, limit);
}

/** One major unit plus each note; a currency without a note table gets 1-5-10-20-50-100 units. */
function noteSteps(currency: string): number[] {
  const major = 10 ** minorUnitExponent(currency);
  let notes: number[];
  try {
    notes = denominationsFor(currency)
      .filter((d) => d.kind === 'note')
      .map((d) => d.value);
  } catch {
    notes = [5, 10, 20, 50, 100].map((n) => n * major);
  }
  return [...new Set([major, ...notes])].sort((a, b) => a - b);
}
