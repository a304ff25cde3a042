// What head office must hear about an order's returns once every store's documents have met on
// the server: lines returned more often than bought (two registers took the same line offline),
// returns naming lines the order never had, and more refunded than the customer paid. Every
// return stays stored (the customers already have their money); this only finds what to raise.
import type { SoldLine } from './quantities';

export interface AuditedReturn {
  returnId: string;
  storeId: string;
  registerId: string;
  status: 'completed' | 'voided';
  lines: readonly { lineId: string; quantity: number }[];
}

export interface AuditedPayment {
  paymentId: string;
  kind: 'sale' | 'refund';
  /** Payments that count: approved or pending offline (a queued card refund still leaves the store). */
  counts: boolean;
  amount: number;
}

export interface OverReturnFinding {
  kind: 'over_return';
  lineId: string;
  sku: string;
  bought: number;
  returned: number;
  returns: { returnId: string; storeId: string; registerId: string; quantity: number }[];
}

export interface UnknownLineFinding {
  kind: 'unknown_line';
  lineId: string;
  returns: { returnId: string; storeId: string; registerId: string; quantity: number }[];
}

export interface OverRefundFinding {
  kind: 'over_refund';
  paid: number;
  refunded: number;
  paymentIds: string[];
}

export type ReturnFinding = OverReturnFinding | UnknownLineFinding | OverRefundFinding;

export function auditOrderReturns(
  sold: readonly SoldLine[],
  returns: readonly AuditedReturn[],
  payments: readonly AuditedPayment[],
): ReturnFinding[] {
  const findings: ReturnFinding[] = [];
  const byLine = new Map<string, { returnId: string; storeId: string; registerId: string; quantity: number }[]>();
  const seen = new Set<string>();
  for (const r of returns) {
    if (r.status !== 'completed' || seen.has(r.returnId)) continue;
    seen.add(r.returnId);
    for (const l of r.lines) {
      const list = byLine.get(l.lineId) ?? [];
      list.push({ returnId: r.returnId, storeId: r.storeId, registerId: r.registerId, quantity: l.quantity });
      byLine.set(l.lineId, list);
    }
  }
  const soldById = new Map(sold.map((l) => [l.lineId, l]));
  for (const [lineId, list] of byLine) {
    const line = soldById.get(lineId);
    if (!line) {
      findings.push({ kind: 'unknown_line', lineId, returns: list });
      continue;
    }
    const returned = list.reduce((s, r) => s + r.quantity, 0);
    if (returned > line.quantity)
      findings.push({ kind: 'over_return', lineId, sku: line.sku, bought: line.quantity, returned, returns: list });
  }
  const counted = payments.filter((p) => p.counts);
  const paid = counted.filter((p) => p.kind === 'sale').reduce((s, p) => s + p.amount, 0);
  const refunds = counted.filter((p) => p.kind === 'refund');
  const refunded = refunds.reduce((s, p) => s + p.amount, 0);
  if (refunded > paid)
    findings.push({ kind: 'over_refund', paid, refunded, paymentIds: refunds.map((p) => p.paymentId) });
  return findings;
}
