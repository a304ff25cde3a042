// Upload a CSV of products, stock, customers or staff. "Check file" is a dry run: every row is
// validated and the report lists problems by row and column; "Import" writes the valid rows.
import { useEffect, useState } from 'react';
import { api, errorText } from '../api';
import { can, useSession } from '../session-store';
import { CsvUpload, type CsvAction, type RowProblem } from '../shared/CsvUpload';

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
  errors: RowProblem[];
  ignoredColumns: string[];
}

export function ImportPage() {
  const user = useSession((s) => s.user);
  const [kinds, setKinds] = useState<Kind[]>([]);
  const [kind, setKind] = useState('products');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ kinds: Kind[] }>('GET', '/import').then(
      (r) => setKinds(r.kinds),
      (e: unknown) => setError(errorText(e)),
    );
  }, []);

  const current = kinds.find((k) => k.name === kind);
  const actions: CsvAction[] = [{ label: 'Check file (dry run)', path: `/import/${kind}?dryRun=1` }];
  if (can(user, 'operations')) actions.push({ label: 'Import', path: `/import/${kind}`, primary: true });
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">Import</h1>
      {error && (
        <p role="alert" className="hq-error">
          {error}
        </p>
      )}
      <CsvUpload<Report>
        autoFocus
        before={
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
        }
        fileLabel="CSV file"
        help={
          current && (
            <>
              Columns: <strong>{current.required.join(', ')}</strong>
              {current.optional.length > 0 && `; optional ${current.optional.join(', ')}`}. Re-importing a file changes
              only what differs.
            </>
          )
        }
        actions={actions}
        reportTestId="import-report"
        problemsLabel="Problems by row"
        summary={(report) => {
          const verb = report.dryRun ? 'would be ' : '';
          return (
            <>
              <h2>{report.dryRun ? 'Dry run: nothing was written' : 'Import finished'}</h2>
              <p>
                {report.rows} rows: {report.valid} valid, <strong>{report.invalid} with problems</strong>.{' '}
                {report.created} {verb}created, {report.updated} {verb}updated, {report.unchanged} unchanged.
              </p>
              {report.ignoredColumns.length > 0 && (
                <p className="hq-muted">Ignored columns: {report.ignoredColumns.join(', ')}</p>
              )}
            </>
          );
        }}
      />
      <p className="hq-muted">Prices in other price books than the chain's default are set on the Price books page.</p>
    </section>
  );
}
