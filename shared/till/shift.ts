// Cash drawer arithmetic for a shift: what should be in the drawer, what the blind count found,
// and the difference. Expected = float + cash sales − cash refunds + paid in − paid out − drops.
import { DomainError } from '../errors';
import { denominationsFor } from './denominations';
import { TillError } from './errors';

export type CashMovementKind = 'paid_in' | 'paid_out' | 'drop' | 'no_sale';

export interface CashMovement {
  kind: CashMovementKind;
  amount: number;
}

/** Structural subset of a payments document (shared/schemas). */
export interface DrawerPayment {
  kind: 'sale' | 'refund';
  method: string;
  status: string;
  amount: number; // applied amount: cash handed over minus change
}

export interface DenominationCount {
  denomination: number; // face value in minor units
  count: number;
}

export interface CashSummary {
  openingFloat: number;
  cashSales: number;
  cashRefunds: number;
  paidIn: number;
  paidOut: number;
  drops: number;
  noSales: number;
  expected: number;
}

function assertAmount(v: unknown, what: string): asserts v is number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new DomainError(
      TillError.INVALID_AMOUNT,
      `The ${what} ${String(v)} is not valid. Enter an amount of zero or more.`,
    );
  }
}

// A sale payment later refunded still brought its cash in; the refund is its own payment.
const COUNTED_SALE_STATUSES = new Set(['approved', 'refunded']);

export function cashSummary(
  openingFloat: number,
  payments: readonly DrawerPayment[],
  movements: readonly CashMovement[],
): CashSummary {
  assertAmount(openingFloat, 'opening float');
  const s: CashSummary = {
    openingFloat,
    cashSales: 0,
    cashRefunds: 0,
    paidIn: 0,
    paidOut: 0,
    drops: 0,
    noSales: 0,
    expected: 0,
  };
  for (const p of payments) {
    if (p.method !== 'cash') continue;
    assertAmount(p.amount, 'cash payment');
    if (p.kind === 'sale' && COUNTED_SALE_STATUSES.has(p.status)) s.cashSales += p.amount;
    else if (p.kind === 'refund' && p.status === 'approved') s.cashRefunds += p.amount;
  }
  for (const m of movements) {
    assertAmount(m.amount, m.kind.replace('_', ' '));
    if (m.kind === 'paid_in') s.paidIn += m.amount;
    else if (m.kind === 'paid_out') s.paidOut += m.amount;
    else if (m.kind === 'drop') s.drops += m.amount;
    else s.noSales += 1;
  }
  s.expected = s.openingFloat + s.cashSales - s.cashRefunds + s.paidIn - s.paidOut - s.drops;
  return s;
}

/** Total of a blind count; every denomination must exist in the currency and appear once. */
export function countedTotal(currency: string, counts: readonly DenominationCount[]): number {
  const valid = new Set(denominationsFor(currency).map((d) => d.value));
  const seen = new Set<number>();
  let total = 0;
  for (const c of counts) {
    if (!valid.has(c.denomination)) {
      throw new DomainError(
        TillError.UNKNOWN_DENOMINATION,
        `${c.denomination} is not a ${currency} note or coin. Check the count.`,
        { denomination: c.denomination },
      );
    }
    if (seen.has(c.denomination)) {
      throw new DomainError(
        TillError.INVALID_COUNT,
        `The ${c.denomination} count was entered twice. Enter each note and coin once.`,
        { denomination: c.denomination },
      );
    }
    seen.add(c.denomination);
    if (!Number.isSafeInteger(c.count) || c.count < 0) {
      throw new DomainError(
        TillError.INVALID_COUNT,
        `A count of ${String(c.count)} is not valid. Enter how many notes or coins, zero or more.`,
      );
    }
    total += c.denomination * c.count;
  }
  if (!Number.isSafeInteger(total))
    throw new DomainError(TillError.INVALID_COUNT, 'The counted total is too large. Check the count.');
  return total;
}

/** Positive: more cash than expected (over); negative: short. */
export function overShort(counted: number, expected: number): number {
  return counted - expected;
}
