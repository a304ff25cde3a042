// X report (mid-shift, the till stays open) and Z report (end of shift, with the count and
// over/short), from shared/till's figures. Printable: the print CSS prints just the report.
import type { ShiftReportData } from '../model/backend';
import { registerHeading } from '../../../shared/receipt/register-label';
import { useSaleContext } from '../session/sale-context-store';
import { fmt } from '../ui/format';

const METHOD: Record<string, string> = {
  cash: 'Cash',
  card: 'Card',
  store_credit: 'Store credit',
  gift_card: 'Gift card',
};

export function ShiftReport({ report, kind }: { report: ShiftReportData; kind: 'X' | 'Z' }) {
  const { shift: s, figures: f, close } = report;
  const c = f.currency;
  // Reports are printed on the register whose shift they count: its current HQ name.
  const registerName = useSaleContext((state) => state.context?.registerName);
  const row = (label: string, amount: number, testId?: string) => (
    <div className="line">
      <span>{label}</span>
      <span data-testid={testId}>{fmt(amount, c)}</span>
    </div>
  );
  return (
    <article className="receipt" data-testid={`${kind.toLowerCase()}-report`}>
      <h2>
        {kind} report{kind === 'Z' && s.zNumber ? ` #${s.zNumber}` : ''}
      </h2>
      <div className="center" data-testid="report-register">
        {registerHeading(registerName)}
      </div>
      <div className="center">Opened {new Date(s.openedAt).toLocaleString()}</div>
      {s.closedAt && <div className="center">Closed {new Date(s.closedAt).toLocaleString()}</div>}
      <hr />
      <div className="line">
        <span>Sales</span>
        <span data-testid="report-sales-count">{f.transactions}</span>
      </div>
      {f.voids > 0 && (
        <div className="line">
          <span>Voided</span>
          <span>{f.voids}</span>
        </div>
      )}
      {row('Gross sales', f.grossSales)}
      {row('Discounts', -f.discounts)}
      {row('Net sales', f.netSales)}
      {f.taxByRate.map((t) => (
        <div key={t.code}>{row(t.name, t.amount)}</div>
      ))}
      {row('Tax total', f.taxTotal)}
      {row('Taken from customers', f.salesTotal, 'report-sales-total')}
      {f.returns.count > 0 && row(`Returns (${f.returns.count})`, -f.returns.total)}
      {f.postVoids && row(`Post-voided sales (${f.postVoids.count})`, -f.postVoids.total, 'report-post-voids')}
      <hr />
      {f.tenders.map((t) => (
        <div key={t.method}>{row(METHOD[t.method] ?? t.method, t.net, `report-method-${t.method}`)}</div>
      ))}
      <hr />
      {row('Opening float', f.cash.openingFloat)}
      {row('Cash sales', f.cash.cashSales)}
      {f.cash.cashRefunds > 0 && row('Cash refunds', -f.cash.cashRefunds)}
      {row('Paid in', f.cash.paidIn)}
      {row('Paid out', -f.cash.paidOut)}
      {row('Drops to safe', -f.cash.drops)}
      {row('Expected in drawer', f.cash.expected, 'report-expected')}
      {close && (
        <>
          {row('Counted', close.counted, 'report-counted')}
          <div className="line" style={{ fontWeight: 700 }}>
            <span>{close.overShort >= 0 ? 'Over' : 'Short'}</span>
            <span data-testid="report-over-short">{fmt(close.overShort, c)}</span>
          </div>
        </>
      )}
    </article>
  );
}
