// The variance report a manager reviews: every line with expected, counted, variance and its value;
// lines over the recount threshold are marked; totals over and short.
import type { VarianceReport } from '../../../shared/inventory/counts';

/** Minor units as a plain amount (the store's currency is the catalog's). */
export const minor = (n: number) => (n / 100).toFixed(2);

export function CountReportTable({ report, names }: { report: VarianceReport; names: Record<string, string> }) {
  // Lines that moved come first; the rest only prove the count happened.
  const lines = [...report.lines].sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.sku.localeCompare(b.sku));
  return (
    <div className="stack">
      <h2>Variance report</h2>
      <p data-testid="count-totals">
        {report.linesCounted} items counted · over {report.unitsOver} units ({minor(report.valueOver)}) · short{' '}
        {report.unitsShort} units ({minor(report.valueShort)}) · net {minor(report.netValue)}
      </p>
      {report.recount.length > 0 && (
        <p className="bad-text" data-testid="count-recount-needed">
          {report.recount.length} item{report.recount.length === 1 ? '' : 's'} over the recount threshold:{' '}
          {report.recount.join(', ')}
        </p>
      )}
      <table className="grid" data-testid="count-report">
        <thead>
          <tr>
            <th>SKU</th>
            <th>Item</th>
            <th className="num">Expected</th>
            <th className="num">Counted</th>
            <th className="num">Variance</th>
            <th className="num">Value</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.slice(0, 500).map((l) => (
            <tr key={l.sku} data-testid={`count-report-${l.sku}`}>
              <td>{l.sku}</td>
              <td>{names[l.sku] ?? ''}</td>
              <td className="num">{l.expected}</td>
              <td className="num">{l.counted}</td>
              <td className={`num ${l.variance < 0 ? 'bad-text' : ''}`} data-testid="variance">
                {l.variance}
              </td>
              <td className="num">{minor(l.value)}</td>
              <td>{l.needsRecount ? 'recount' : l.round > 1 ? `round ${l.round}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {lines.length > 500 && <p className="muted">{lines.length - 500} more lines without a bigger value.</p>}
    </div>
  );
}
