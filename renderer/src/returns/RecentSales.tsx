// This till's sales today (the sales history of the returns desk), newest first, each with
// whether it has reached head office; also the matches of a customer or card search.
import { useEffect, useState } from 'react';
import { fmt } from '../ui/format';
import { errorMessage } from '../ui/error-message';
import type { RecentSale, ReturnsPort, SaleSummary } from './returns-port';

export function SaleList({
  title,
  sales,
  onPick,
  testId,
}: {
  title: string;
  sales: readonly (SaleSummary & { reachedHq?: boolean })[];
  onPick: (orderNumber: string) => void;
  testId: string;
}) {
  return (
    <section className="stack" data-testid={testId}>
      <h2 style={{ margin: 0 }}>{title}</h2>
      {sales.length === 0 && <p className="muted">None.</p>}
      <div className="search-results" style={{ borderWidth: 1 }}>
        {sales.map((s) => (
          <button type="button" key={s.orderId} onClick={() => onPick(s.orderNumber)} data-testid="sale-row">
            <span>
              <strong>{s.orderNumber}</strong>{' '}
              <span className="muted">
                {new Date(s.createdAt).toLocaleTimeString()} · {s.lineCount} line{s.lineCount === 1 ? '' : 's'}
              </span>
            </span>
            <span className="row">
              <span className="num">{fmt(s.total, s.currency)}</span>
              {s.reachedHq !== undefined &&
                (s.reachedHq ? (
                  <span className="ok-text">at HQ</span>
                ) : (
                  <span className="bad-text" title="Not yet confirmed by the server">
                    waiting to sync
                  </span>
                ))}
            </span>
          </button>
        ))}
      </div>
    </section>
  );
}

export function RecentSales({ port, onPick }: { port: ReturnsPort; onPick: (orderNumber: string) => void }) {
  const [sales, setSales] = useState<RecentSale[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    port.recentSales().then(setSales, (e: unknown) => setError(errorMessage(e)));
  }, [port]);
  if (error)
    return (
      <div className="error" role="alert">
        {error}
      </div>
    );
  if (!sales) return <p className="muted">Loading today's sales…</p>;
  return <SaleList title="This till today" sales={sales} onPick={onPick} testId="recent-sales" />;
}
