// X report (mid-shift, the till stays open) and Z report (end of shift, with the count and
// over/short). Printable: the page's print CSS prints just the report.
import type { ShiftFigures } from '../../adapters/backend';
import { fmt } from '../format';

export function ShiftReport({ figures, kind }: { figures: ShiftFigures; kind: 'X' | 'Z' }) {
  const s = figures.shift;
  const c = s.currency;
  const row = (label: string, amount: number, testId?: string) => (
    <div className="line"><span>{label}</span><span data-testid={testId}>{fmt(amount, c)}</span></div>
  );
  return (
    <article className="receipt" data-testid={`${kind.toLowerCase()}-report`}>
      <h2>{kind} report{kind === 'Z' && s.zNumber ? ` #${s.zNumber}` : ''}</h2>
      <div className="center">Opened {new Date(s.openedAt).toLocaleString()}</div>
      {s.closedAt && <div className="center">Closed {new Date(s.closedAt).toLocaleString()}</div>}
      <hr />
      <div className="line"><span>Sales</span><span data-testid="report-sales-count">{figures.salesCount}</span></div>
      {row('Gross sales', figures.grossSales)}
      {row('Discounts', figures.discounts)}
      {row('Tax', figures.tax)}
      {row('Net sales (total taken)', figures.netSales, 'report-net-sales')}
      <hr />
      {Object.entries(figures.byMethod).map(([method, amount]) => <div key={method}>{row(method.replace('_', ' '), amount, `report-method-${method}`)}</div>)}
      {figures.offlinePending > 0 && row('Card payments waiting to be sent', figures.offlinePending)}
      <hr />
      {row('Opening float', s.openingFloat)}
      {row('Cash sales', figures.cashSales)}
      {row('Paid in', figures.paidIn)}
      {row('Paid out', -figures.paidOut)}
      {row('Drops to safe', -figures.drops)}
      {row('Expected in drawer', figures.expectedCash, 'report-expected')}
      {kind === 'Z' && s.countedCash !== undefined && (
        <>
          {row('Counted', s.countedCash, 'report-counted')}
          <div className="line" style={{ fontWeight: 700 }}><span>{(s.overShort ?? 0) >= 0 ? 'Over' : 'Short'}</span><span data-testid="report-over-short">{fmt(s.overShort ?? 0, c)}</span></div>
        </>
      )}
    </article>
  );
}
