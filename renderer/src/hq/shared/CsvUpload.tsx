// Uploading a CSV file to a console endpoint: a file input, one button per action (e.g. dry run and
// import, each its own path), upload progress, and the server's report with its problems listed by
// row and column. The page says what the report's counts mean (`summary`).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { errorText, upload } from '../api';

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

/** What every CSV endpoint of the console answers: problems by row and column, and how many. */
export interface CsvReport {
  errorCount: number;
  errors: RowProblem[];
}

export interface CsvAction {
  label: string;
  /** Console API path the file is posted to (text/csv). */
  path: string;
  primary?: boolean;
}

export function CsvUpload<R extends CsvReport>(props: {
  /** Label of the file input. */
  fileLabel: string;
  actions: readonly CsvAction[];
  /** Heading and counts of a report. */
  summary: (report: R) => ReactNode;
  /** Accessible name of the problems table. */
  problemsLabel: string;
  reportTestId: string;
  /** Fields before the file input (e.g. what is imported). */
  before?: ReactNode;
  /** Which columns the file has (shown under the input). */
  help?: ReactNode;
  heading?: ReactNode;
  autoFocus?: boolean;
  onReport?: (report: R) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const { autoFocus } = props;
  useEffect(() => {
    if (autoFocus) fileInput.current?.focus();
  }, [autoFocus]);

  const run = async (action: CsvAction) => {
    if (!file) return;
    setReport(null);
    setError(null);
    setProgress(0);
    try {
      const result = await upload<R>(action.path, file, setProgress);
      setReport(result);
      props.onReport?.(result);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setProgress(null);
    }
  };

  const busy = progress !== null;
  return (
    <section className="hq-panel hq-form">
      {props.heading}
      {props.before}
      <label>
        {props.fileLabel}
        <input
          ref={fileInput}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      {props.help && <p className="hq-muted hq-wide">{props.help}</p>}
      <div className="hq-actions hq-wide">
        {props.actions.map((a) => (
          <button
            key={a.label}
            type="button"
            className={a.primary ? 'hq-primary' : undefined}
            disabled={!file || busy}
            onClick={() => void run(a)}
          >
            {a.label}
          </button>
        ))}
      </div>
      {busy && (
        <div className="hq-wide">
          <progress max={1} value={progress} aria-label="Upload progress" /> {Math.round((progress ?? 0) * 100)} %
          {progress === 1 ? ' — checking the last rows…' : ''}
        </div>
      )}
      {error && (
        <p role="alert" className="hq-error hq-wide">
          {error}
        </p>
      )}
      {report && (
        <div className="hq-wide" data-testid={props.reportTestId}>
          {props.summary(report)}
          {report.errors.length > 0 && (
            <table className="hq-table" aria-label={props.problemsLabel}>
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
        </div>
      )}
    </section>
  );
}
