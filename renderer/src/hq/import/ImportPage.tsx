// Upload a CSV of products, stock, customers or staff. "Check file" is a dry run: every row is
// validated and the report lists problems by row and column; "Import" writes the valid rows.
import { useEffect, useRef, useState } from 'react';
import { api, errorText, upload } from '../api';
import { can, useSession } from '../session-store';

interface Kind {
  name: string;
  required: string[];
  optional: string[];
}

interface Report {
  dryRun: boolean;
  rows: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
  ignoredColumns: string[];
}

export function ImportPage() {
  const user = useSession((s) => s.user);
  const [kinds, setKinds] = useState<Kind[]>([]);
  const [kind, setKind] = useState('products');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api<{ kinds: Kind[] }>('GET', '/import').then(
      (r) => setKinds(r.kinds),
      (e: unknown) => setError(errorText(e)),
    );
    fileInput.current?.focus();
  }, []);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setReport(null);
    setError(null);
    setProgress(0);
    try {
      setReport(await upload<Report>(`/import/${kind}${dryRun ? '?dryRun=1' : ''}`, file, setProgress));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setProgress(null);
    }
  };

  const current = kinds.find((k) => k.name === kind);
  const busy = progress !== null;
  const verb = report?.dryRun ? 'would be ' : '';
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">Import</h1>
      <div className="hq-panel hq-form">
        <label>
          What
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            {kinds.map((k) => (
              <option key={k.name} value={k.name}>
                {k.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          CSV file
          <input
            ref={fileInput}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        {current && (
          <p className="hq-muted hq-wide">
            Columns: <strong>{current.required.join(', ')}</strong>
            {current.optional.length > 0 && `; optional ${current.optional.join(', ')}`}. Re-importing a file changes
            only what differs.
          </p>
        )}
        <div className="hq-actions hq-wide">
          <button type="button" disabled={!file || busy} onClick={() => void run(true)}>
            Check file (dry run)
          </button>
          {can(user, 'operations') && (
            <button type="button" className="hq-primary" disabled={!file || busy} onClick={() => void run(false)}>
              Import
            </button>
          )}
        </div>
        {busy && (
          <div className="hq-wide">
            <progress max={1} value={progress} aria-label="Upload progress" /> {Math.round((progress ?? 0) * 100)} %
            {progress === 1 ? ' — checking the last rows…' : ''}
          </div>
        )}
      </div>
      {error && (
        <p role="alert" className="hq-error">
          {error}
        </p>
      )}
      {report && (
        <section className="hq-panel" aria-labelledby="report-title" data-testid="import-report">
          <h2 id="report-title">{report.dryRun ? 'Dry run: nothing was written' : 'Import finished'}</h2>
          <p>
            {report.rows} rows: {report.valid} valid, <strong>{report.invalid} with problems</strong>. {report.created}{' '}
            {verb}created, {report.updated} {verb}updated, {report.unchanged} unchanged.
          </p>
          {report.ignoredColumns.length > 0 && (
            <p className="hq-muted">Ignored columns: {report.ignoredColumns.join(', ')}</p>
          )}
          {report.errors.length > 0 && (
            <table className="hq-table" aria-label="Problems by row">
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
          {report.errorCount > report.errors.length && (
            <p className="hq-muted">… and {report.errorCount - report.errors.length} more problems.</p>
          )}
        </section>
      )}
    </section>
  );
}
