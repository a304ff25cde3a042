// X report (mid-shift, read-only) and Z report (closes the shift) figures, derived from the
// shift's orders, payments, returns, cash movements and order events. Training sales never count.
import { DomainError } from '../errors';
import { TillError } from './errors';
import {
  type CashMovement,
  type CashSummary,
  type DenominationCount,
  type DrawerPayment,
  cashSummary,
  countedTotal,
  overShort,
} from './shift';

export interface ReportTaxLine {
  code: string; // jurisdiction / rate code
  name: string;
  taxable: number;
  amount: number;
}

export interface ReportSale {
  orderId: string;
  voided: boolean;
  training?: boolean;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  taxLines: readonly ReportTaxLine[];
}

export interface ReportReturn {
  returnId: string;
  training?: boolean;
  refundTotal: number;
  refundTax: number;
  taxLines?: readonly ReportTaxLine[];
}

/** An order event of the shift (order_events): approvals say what a manager let through. */
export interface ReportEvent {
  orderId: string;
  type: string;
  /** For `approval` events: the approved action (void, discount, price_override, no_sale, …). */
  action?: string;
  training?: boolean;
}

export interface ReportInput {
  currency: string;
  openingFloat: number;
  sales: readonly ReportSale[];
  returns: readonly ReportReturn[];
  payments: readonly DrawerPayment[];
  cashMovements: readonly CashMovement[];
  /** Order events of the shift's orders; absent when the caller has none to give. */
  events?: readonly ReportEvent[];
  /** Completed sales of the shift voided afterwards (shared/returns post-void): their refund totals. */
  postVoids?: readonly { returnId: string; total: number }[];
}

/** How many times each exceptional thing happened in the shift (what a manager audits). */
export interface ReportCounts {
  /** Whole sales voided after they were started or completed. */
  voidedSales: number;
  /** Void approvals on sales that still completed (a line taken off with a manager's PIN). */
  lineVoids: number;
  /** Completed sales carrying any discount. */
  discountedSales: number;
  /** Manager approvals of a discount or a price override. */
  discountApprovals: number;
  /** Returns taken, and the refund tenders paid out for them. */
  refunds: number;
  refundPayments: number;
  /** Drawer opened with no sale. */
  noSales: number;
}

export interface TenderFigures {
  method: string;
  sales: number;
  refunds: number;
  net: number;
}

export interface ShiftFigures {
  currency: string;
  transactions: number; // completed (not voided) sales
  voids: number;
  grossSales: number; // before discounts
  discounts: number;
  netSales: number; // after discounts, before tax
  taxByRate: ReportTaxLine[]; // sales tax minus tax refunded on returns, per rate
  taxTotal: number;
  salesTotal: number; // what customers paid for completed sales
  returns: { count: number; total: number; tax: number };
  tenders: TenderFigures[];
  cash: CashSummary;
  counts: ReportCounts;
  /** Post-voids of the shift (their refunds are in the tenders and the cash like any refund). */
  postVoids?: { count: number; total: number };
}

export interface ZReport extends ShiftFigures {
  counted: number;
  overShort: number;
}

function addTax(into: Map<string, ReportTaxLine>, line: ReportTaxLine, sign: 1 | -1): void {
  const t = into.get(line.code) ?? { code: line.code, name: line.name, taxable: 0, amount: 0 };
  t.taxable += sign * line.taxable;
  t.amount += sign * line.amount;
  into.set(line.code, t);
}

export function shiftFigures(input: ReportInput): ShiftFigures {
  const sales = input.sales.filter((s) => !s.training);
  const done = sales.filter((s) => !s.voided);
  for (const s of done) {
    for (const v of [s.subtotal, s.discountTotal, s.taxTotal, s.total]) {
      if (!Number.isSafeInteger(v) || v < 0)
        throw new DomainError(
          TillError.INVALID_AMOUNT,
          `Order ${s.orderId} has an invalid total. Report it to a manager.`,
          { orderId: s.orderId },
        );
    }
  }
  const returns = input.returns.filter((r) => !r.training);
  const valid = (v: number): boolean => Number.isSafeInteger(v) && v >= 0;
  for (const r of returns) {
    if (![r.refundTotal, r.refundTax].every(valid))
      throw new DomainError(
        TillError.INVALID_AMOUNT,
        `Return ${r.returnId} has an invalid total. Report it to a manager.`,
        { returnId: r.returnId },
      );
  }
  for (const l of [...done.flatMap((s) => s.taxLines), ...returns.flatMap((r) => r.taxLines ?? [])]) {
    if (![l.taxable, l.amount].every(valid))
      throw new DomainError(
        TillError.INVALID_AMOUNT,
        `A tax line for ${l.name} has an invalid amount. Report it to a manager.`,
      );
  }
  for (const p of input.payments) {
    if (!valid(p.amount))
      throw new DomainError(
        TillError.INVALID_AMOUNT,
        `A ${p.method} payment has an invalid amount. Report it to a manager.`,
      );
  }
  const tax = new Map<string, ReportTaxLine>();
  for (const s of done) for (const l of s.taxLines) addTax(tax, l, 1);
  for (const r of returns) for (const l of r.taxLines ?? []) addTax(tax, l, -1);
  const tenders = new Map<string, TenderFigures>();
  for (const p of input.payments) {
    const counts =
      p.kind === 'sale'
        ? p.status === 'approved' || p.status === 'refunded' || p.status === 'pending_offline'
        : p.status === 'approved';
    if (!counts) continue;
    const t = tenders.get(p.method) ?? { method: p.method, sales: 0, refunds: 0, net: 0 };
    if (p.kind === 'sale') t.sales += p.amount;
    else t.refunds += p.amount;
    t.net = t.sales - t.refunds;
    tenders.set(p.method, t);
  }
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  const counts = reportCounts(input, sales);
  const grossSales = sum(done.map((s) => s.subtotal));
  const discounts = sum(done.map((s) => s.discountTotal));
  const taxByRate = [...tax.values()].sort((a, b) => a.code.localeCompare(b.code));
  return {
    currency: input.currency,
    transactions: done.length,
    voids: sales.length - done.length,
    grossSales,
    discounts,
    netSales: grossSales - discounts,
    taxByRate,
    taxTotal: sum(done.map((s) => s.taxTotal)) - sum(returns.map((r) => r.refundTax)),
    salesTotal: sum(done.map((s) => s.total)),
    returns: {
      count: returns.length,
      total: sum(returns.map((r) => r.refundTotal)),
      tax: sum(returns.map((r) => r.refundTax)),
    },
    tenders: [...tenders.values()].sort((a, b) => a.method.localeCompare(b.method)),
    cash: cashSummary(input.openingFloat, input.payments, input.cashMovements),
    counts,
    ...(input.postVoids && input.postVoids.length > 0
      ? {
          postVoids: {
            count: new Set(input.postVoids.map((v) => v.returnId)).size,
            total: sum([...new Map(input.postVoids.map((v) => [v.returnId, v.total])).values()]),
          },
        }
      : {}),
  };
}

function reportCounts(input: ReportInput, sales: readonly ReportSale[]): ReportCounts {
  const voided = new Set(sales.filter((s) => s.voided).map((s) => s.orderId));
  const training = new Set(input.sales.filter((s) => s.training).map((s) => s.orderId));
  const approvals = (input.events ?? []).filter(
    (e) => e.type === 'approval' && !e.training && !training.has(e.orderId),
  );
  return {
    voidedSales: voided.size,
    // A void approval on a voided sale is that sale's void, already counted above.
    lineVoids: approvals.filter((e) => e.action === 'void' && !voided.has(e.orderId)).length,
    discountedSales: sales.filter((s) => !s.voided && s.discountTotal > 0).length,
    discountApprovals: approvals.filter((e) => e.action === 'discount' || e.action === 'price_override').length,
    refunds: input.returns.filter((r) => !r.training).length,
    refundPayments: input.payments.filter((p) => p.kind === 'refund' && p.status === 'approved').length,
    noSales: input.cashMovements.filter((m) => m.kind === 'no_sale').length,
  };
}

/** X report: the same figures as the Z report, without closing anything. */
export function xReport(input: ReportInput): ShiftFigures {
  return shiftFigures(input);
}

/** Z report: the figures plus the blind count and over/short that close the shift. */
export function zReport(input: ReportInput, count: readonly DenominationCount[]): ZReport {
  const figures = shiftFigures(input);
  const counted = countedTotal(input.currency, count);
  return { ...figures, counted, overShort: overShort(counted, figures.cash.expected) };
}
