// The sales history's rows and its one search box: what a clerk types (part of an order number, a
// customer's name, an amount like 12.50, or a card's last four) is read every way it can mean, and
// a sale matches when any reading fits. Pure functions over plain values, so they are tested alone.

export type SaleState = 'completed' | 'voided' | 'returned' | 'partly returned';

export interface HistoryTender {
  method: string;
  amount: number;
  last4?: string;
}

export interface HistoryRow {
  orderId: string;
  orderNumber: string;
  createdAt: string;
  registerId: string | undefined;
  clerk: string | undefined;
  customer: string | undefined;
  total: number;
  currency: string;
  tenders: HistoryTender[];
  state: SaleState;
  /** undefined while the register cannot tell (the waiting list was never stored). */
  reachedHq: boolean | undefined;
}

export interface HistoryQuery {
  /** Upper-cased text for order-number parts (letters, digits, dashes). */
  numberPart?: string;
  /** Lower-cased text for customer names (two letters or more). */
  name?: string;
  /** Amount in minor units when the text reads as money. */
  amount?: number;
  /** Four digits: a card's or gift card's last four. */
  last4?: string;
}

/** How the typed text can be read; null means "no search" (every sale matches). */
export function parseQuery(text: string): HistoryQuery | null {
  const t = text.trim().slice(0, 100);
  if (t.length === 0) return null;
  const query: HistoryQuery = {};
  const compact = t.replace(/\s+/g, '').toUpperCase();
  if (/^[A-Z0-9-]+$/.test(compact) && /\d/.test(compact)) query.numberPart = compact;
  const money = /^[$€£]?\s*(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(t);
  if (money) query.amount = Number(money[1]) * 100 + Number((money[2] ?? '0').padEnd(2, '0'));
  if (/^\d{4}$/.test(t)) query.last4 = t;
  if (/\p{L}/u.test(t) && t.length >= 2) query.name = t.toLowerCase();
  return query;
}

/** A text that reads no way at all (one letter, punctuation) matches no sale. */
export function matchesQuery(row: HistoryRow, query: HistoryQuery | null): boolean {
  if (query === null) return true;
  if (query.numberPart !== undefined && row.orderNumber.toUpperCase().includes(query.numberPart)) return true;
  if (query.amount !== undefined && row.total === query.amount) return true;
  if (query.last4 !== undefined && row.tenders.some((t) => t.last4 === query.last4)) return true;
  if (query.name !== undefined && row.customer !== undefined && row.customer.toLowerCase().includes(query.name))
    return true;
  return false;
}

/** Returned when every unit sold came back, partly when some did. */
export function saleState(
  status: string,
  sold: readonly { quantity: number }[],
  returned: readonly { quantity: number }[],
): SaleState {
  if (status === 'voided') return 'voided';
  const back = returned.reduce((s, l) => s + l.quantity, 0);
  if (back === 0) return 'completed';
  const bought = sold.reduce((s, l) => s + l.quantity, 0);
  return back >= bought ? 'returned' : 'partly returned';
}

/** A local day (YYYY-MM-DD) as the ISO instant it starts at, in the register's time zone. */
export function dayStart(day: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The register's local day of an instant, as YYYY-MM-DD. */
export function localDay(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
}
