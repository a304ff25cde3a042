// Initial sync with a real progress bar per collection. Resumable: replication keeps its
// checkpoint, so after an interruption "Try again" carries on from where it stopped.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useBackend } from '../model/backend-context';
import type { CollectionProgress } from '../model/backend';
import { errorMessage } from '../ui/error-message';

/** Percent done, or undefined while some collection's total is not known yet. */
export function percentOf(progress: CollectionProgress[]): number | undefined {
  if (progress.length === 0 || progress.some((p) => p.total === undefined)) return undefined;
  const total = progress.reduce((n, p) => n + (p.total ?? 0), 0);
  if (total === 0) return 100;
  const done = progress.reduce((n, p) => n + Math.min(p.done, p.total ?? 0), 0);
  return Math.floor((done / total) * 100);
}

export function SetupScreen() {
  const backend = useBackend();
  const navigate = useNavigate();
  const [progress, setProgress] = useState<CollectionProgress[]>([]);
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const running = useRef(false);

  const run = useCallback(async (): Promise<void> => {
    if (running.current) return;
    running.current = true;
    setError(undefined);
    try {
      await backend.initialSync(setProgress);
      await navigate({ to: '/sign-in' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      running.current = false;
    }
  }, [backend, navigate]);

  useEffect(() => {
    void run();
  }, [run, attempt]);

  const percent = percentOf(progress);
  const copied = progress.reduce((n, p) => n + p.done, 0);
  return (
    <section className="panel centered stack" data-testid="setup-screen">
      <h1>Loading the store's data</h1>
      <p>Products, prices, stock, staff and settings are copied to this register so it can sell without a network.</p>
      {/* Until the server's totals (GET /sync/totals) arrive the bar shows activity, not a guess. */}
      <div
        className={`progress${percent === undefined ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div style={percent === undefined ? undefined : { width: `${percent}%` }} />
      </div>
      <strong data-testid="setup-percent">
        {percent === undefined ? `Copying… ${copied.toLocaleString()} records so far` : `${percent} %`}
      </strong>
      <table className="grid">
        <tbody>
          {progress.map((p) => (
            <tr key={p.collection}>
              <td>{p.collection.replace(/_/g, ' ')}</td>
              <td className="num">
                {p.done.toLocaleString()}
                {p.total !== undefined ? ` / ${p.total.toLocaleString()}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <>
          <div className="error" role="alert">
            {error} What was already copied is kept.
          </div>
          <button className="btn primary" onClick={() => setAttempt((a) => a + 1)} data-home-focus>
            Try again
          </button>
        </>
      )}
    </section>
  );
}
