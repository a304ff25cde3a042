// Reorder points from a CSV file (store_code, sku, reorder_point, reorder_quantity): rows with a
// problem are listed by row and column; the others are saved. Automation can also PUT them as JSON.
import { useState } from 'react';
import { errorText, upload } from '../api';
import { INVENTORY_API, type ReorderReport } from './inventory-types';

export function ReorderUpload(props: { onSaved: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ReorderReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      setReport(await upload<ReorderReport>(INVENTORY_API.reorderPoints, file, () => undefined));
      props.onSaved();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="hq-panel hq-form" aria-labelledby="reorder-title">
      <h2 id="reorder-title" className="hq-wide">
        Reorder points (CSV)
      </h2>
      <label>
        Reorder points file
        <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <p className="hq-muted hq-wide">
        Columns: <strong>store_code, sku, reorder_point</strong>; optional reorder_quantity (else the point). A row for
        a store and SKU replaces the earlier point.
      </p>
      <div className="hq-actions hq-wide">
        <button type="button" className="hq-primary" disabled={!file || busy} onClick={() => void send()}>
          Upload reorder points
        </button>
      </div>
      {error && (
        <p role="alert" className="hq-error hq-wide">
          {error}
        </p>
      )}
      {report && (
        <div className="hq-wide" data-testid="reorder-report">
          <p role="status">
            {report.rows} rows: {report.saved} saved, <strong>{report.errorCount} with problems</strong>.
          </p>
          {report.errors.length > 0 && (
            <table className="hq-table" aria-label="Reorder point problems">
              <thead>
                <tr>
                  <th>Row</th>
                  <th>Column</th>
                  <th>Problem</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e) => (
                  <tr key={`${e.row}:${e.column}`}>
                    <td>{e.row}</td>
                    <td>{e.column}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
