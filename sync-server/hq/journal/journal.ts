// The daily journal of one store and business day, as double entry: every amount is a debit or a
// credit to an account, and the journal balances (debits = credits) to the cent. Pure: it takes
// the day's documents and returns the lines; loading them is journal-data.ts's job.
//
// Sales:    DR tender accounts (payments)   DR discounts    CR sales revenue (before discounts)   CR tax payable per jurisdiction
// Returns:  DR sales returns (net of tax)   DR tax payable per jurisdiction                        CR tender accounts (refund payments)
// Drawer:   paid in / paid out against cash; over/short of each shift closed that day against cash.
// A gift card or store credit tender moves its liability (redeemed: debit; refunded onto it: credit).
// When a day's tenders do not cover its sales (a web order not yet paid) or refunds, the difference
// goes to "unsettled" so the journal still balances and the gap is visible rather than hidden.
export const Account = {
  CASH: 'cash_on_hand',
  CARD: 'card_clearing',
  GIFT_CARD_LIABILITY: 'gift_card_liability',
  STORE_CREDIT_LIABILITY: 'store_credit_liability',
  SALES_REVENUE: 'sales_revenue',
  DISCOUNTS: 'sales_discounts',
  SALES_RETURNS: 'sales_returns',
  TAX_PAYABLE: 'tax_payable',
  CASH_OVER_SHORT: 'cash_over_short',
  PAID_IN: 'cash_paid_in',
  PAID_OUT: 'cash_paid_out',
  UNSETTLED_SALES: 'unsettled_sales',
  UNSETTLED_REFUNDS: 'unsettled_refunds',
} as const;
export type Account = (typeof Account)[keyof typeof Account];

const TENDER_ACCOUNT: Record<string, Account> = {
  cash: Account.CASH,
  card: Account.CARD,
  gift_card: Account.GIFT_CARD_LIABILITY,
  store_credit: Account.STORE_CREDIT_LIABILITY,
};

export interface JournalLine {
  account: Account;
  /** Tax jurisdiction for tax_payable lines, tender method for tender lines; '' otherwise. */
  detail: string;
  debit: number;
  credit: number;
}

type Doc = Record<string, unknown>;

export interface JournalInput {
  storeId: string;
  storeCode: string;
  businessDay: string;
  currency: string;
  orders: Doc[];
  returns: Doc[];
  payments: Doc[];
  /** Shifts closed on this business day. */
  shifts: Doc[];
}

export interface Journal {
  storeId: string;
  storeCode: string;
  businessDay: string;
  currency: string;
  lines: JournalLine[];
  totals: { debit: number; credit: number };
  balanced: boolean;
  /** The same figures the till's Z report shows, summed over the day. */
  figures: {
    transactions: number;
    grossSales: number;
    discounts: number;
    netSales: number;
    taxByJurisdiction: Record<string, number>;
    returns: { count: number; total: number; tax: number };
    tenders: Record<string, { sales: number; refunds: number; net: number }>;
    overShort: number;
  };
}

const NOT_SALES = new Set(['open', 'suspended', 'voided', 'cancelled', 'rejected']);
const num = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0);
const arr = (v: unknown): Doc[] => (Array.isArray(v) ? (v as Doc[]) : []);

class Ledger {
  private readonly map = new Map<string, JournalLine>();
  post(account: Account, detail: string, amount: number): void {
    if (amount === 0) return;
    const key = `${account}|${detail}`;
    const line = this.map.get(key) ?? { account, detail, debit: 0, credit: 0 };
    if (amount > 0) line.debit += amount;
    else line.credit += -amount;
    this.map.set(key, line);
  }
  debit(account: Account, detail: string, amount: number): void {
    this.post(account, detail, amount);
  }
  credit(account: Account, detail: string, amount: number): void {
    this.post(account, detail, -amount);
  }
  lines(): JournalLine[] {
    return [...this.map.values()].sort(
      (a, b) => a.account.localeCompare(b.account) || a.detail.localeCompare(b.detail),
    );
  }
}

/** Tax per jurisdiction of a document's lines; a rounding remainder against the document's total goes to its own jurisdiction. */
function taxes(lines: Doc[], total: number, fallback: string): Map<string, number> {
  const by = new Map<string, number>();
  for (const line of lines)
    for (const t of arr(line.taxes))
      by.set(String(t.jurisdiction), (by.get(String(t.jurisdiction)) ?? 0) + num(t.amount));
  const sum = [...by.values()].reduce((a, b) => a + b, 0);
  if (sum !== total) by.set(fallback, (by.get(fallback) ?? 0) + total - sum);
  return by;
}

export function buildJournal(input: JournalInput): Journal {
  const ledger = new Ledger();
  const figures: Journal['figures'] = {
    transactions: 0,
    grossSales: 0,
    discounts: 0,
    netSales: 0,
    taxByJurisdiction: {},
    returns: { count: 0, total: 0, tax: 0 },
    tenders: {},
    overShort: 0,
  };
  const addTax = (jurisdiction: string, amount: number) => {
    figures.taxByJurisdiction[jurisdiction] = (figures.taxByJurisdiction[jurisdiction] ?? 0) + amount;
  };
  let salesTotal = 0;
  for (const order of input.orders) {
    if (NOT_SALES.has(String(order.status))) continue;
    const totals = (order.totals ?? {}) as Doc;
    const total = num(totals.total);
    const tax = num(totals.taxTotal);
    const discount = num(totals.discountTotal);
    const gross = total - tax + discount;
    figures.transactions++;
    figures.grossSales += gross;
    figures.discounts += discount;
    salesTotal += total;
    ledger.credit(Account.SALES_REVENUE, '', gross);
    ledger.debit(Account.DISCOUNTS, '', discount);
    for (const [jurisdiction, amount] of taxes(arr(order.lines), tax, String(order.taxJurisdiction ?? ''))) {
      ledger.credit(Account.TAX_PAYABLE, jurisdiction, amount);
      addTax(jurisdiction, amount);
    }
  }
  figures.netSales = figures.grossSales - figures.discounts;

  let refundsTotal = 0;
  for (const ret of input.returns) {
    if (String(ret.status ?? 'completed') !== 'completed') continue;
    const total = num(ret.refundTotal);
    const tax = num(ret.refundTax);
    figures.returns.count++;
    figures.returns.total += total;
    figures.returns.tax += tax;
    refundsTotal += total;
    ledger.debit(Account.SALES_RETURNS, '', total - tax);
    for (const [jurisdiction, amount] of taxes(arr(ret.lines), tax, String(ret.taxJurisdiction ?? ''))) {
      ledger.debit(Account.TAX_PAYABLE, jurisdiction, amount);
      addTax(jurisdiction, -amount);
    }
  }

  // Which payments count follows the Z report (shared/till): a sale tender once taken (approved,
  // pending offline, or later refunded — the refund is its own payment), a refund once approved.
  let saleTenders = 0;
  let refundTenders = 0;
  for (const p of input.payments) {
    const sale = p.kind === 'sale';
    const counts = sale
      ? ['approved', 'pending_offline', 'refunded'].includes(String(p.status))
      : p.status === 'approved';
    if (!counts) continue;
    const method = String(p.method);
    const account = TENDER_ACCOUNT[method] ?? Account.CARD;
    const amount = num(p.amount);
    const t = (figures.tenders[method] ??= { sales: 0, refunds: 0, net: 0 });
    if (sale) {
      saleTenders += amount;
      t.sales += amount;
      ledger.debit(account, method, amount);
    } else {
      refundTenders += amount;
      t.refunds += amount;
      ledger.credit(account, method, amount);
    }
    t.net = t.sales - t.refunds;
  }
  ledger.debit(Account.UNSETTLED_SALES, '', salesTotal - saleTenders);
  ledger.credit(Account.UNSETTLED_REFUNDS, '', refundsTotal - refundTenders);

  for (const shift of input.shifts) {
    for (const m of arr(shift.cashMovements)) {
      if (m.kind === 'paid_in') {
        ledger.debit(Account.CASH, 'cash', num(m.amount));
        ledger.credit(Account.PAID_IN, '', num(m.amount));
      } else if (m.kind === 'paid_out') {
        ledger.debit(Account.PAID_OUT, '', num(m.amount));
        ledger.credit(Account.CASH, 'cash', num(m.amount));
      }
    }
    const overShort = typeof shift.overShort === 'number' ? shift.overShort : 0;
    figures.overShort += overShort;
    ledger.debit(Account.CASH, 'cash', overShort);
    ledger.credit(Account.CASH_OVER_SHORT, '', overShort);
  }

  const lines = ledger.lines();
  const debit = lines.reduce((s, l) => s + l.debit, 0);
  const credit = lines.reduce((s, l) => s + l.credit, 0);
  return {
    storeId: input.storeId,
    storeCode: input.storeCode,
    businessDay: input.businessDay,
    currency: input.currency,
    lines,
    totals: { debit, credit },
    balanced: debit === credit,
    figures,
  };
}

/** The journal as CSV: one row per line, amounts in major units with two decimals. */
export function journalCsv(journal: Journal, decimals = 2): string {
  const money = (minor: number) => (minor === 0 ? '' : (minor / 10 ** decimals).toFixed(decimals));
  const rows = [['business_day', 'store', 'currency', 'account', 'detail', 'debit', 'credit']];
  for (const l of journal.lines)
    rows.push([
      journal.businessDay,
      journal.storeCode,
      journal.currency,
      l.account,
      l.detail,
      money(l.debit),
      money(l.credit),
    ]);
  rows.push([
    journal.businessDay,
    journal.storeCode,
    journal.currency,
    'total',
    '',
    money(journal.totals.debit),
    money(journal.totals.credit),
  ]);
  return `${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n')}\n`;
}
