// Customer 360: profile, notes, orders from every channel and store, returns, pickups, store credit
// and gift cards on one page.
import { useEffect, useState } from 'react';
import type { CustomerSummary } from '../../../../shared/hq/service';
import { api, errorText } from '../api';
import { money } from '../format';
import { CustomerNotes } from './CustomerNotes';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function CustomerPage({ customerId }: { customerId: string }) {
  const [summary, setSummary] = useState<CustomerSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<CustomerSummary>('GET', `/customers/${encodeURIComponent(customerId)}/summary`).then(setSummary, (e: unknown) =>
      setError(errorText(e)),
    );
  }, [customerId]);
  if (!summary)
    return error ? (
      <p role="alert" className="hq-error">
        {error}
      </p>
    ) : (
      <p className="hq-loading">Loading…</p>
    );
  const c = summary.customer;
  const currency = summary.storeCredit.currency;
  return (
    <section aria-labelledby="customer-title">
      <div className="hq-head">
        <h1 id="customer-title">{str(c.displayName)}</h1>
      </div>
      <p className="hq-muted">{[str(c.email), str(c.phone)].filter(Boolean).join(' · ') || 'no contact details'}</p>
      <div className="hq-tiles">
        <div className="hq-tile">
          <span>Orders</span>
          <strong>{summary.totals.orders}</strong>
          <small>
            {Object.entries(summary.totals.channels)
              .map(([k, v]) => `${k} ${v}`)
              .join(' · ')}
          </small>
        </div>
        <div className="hq-tile">
          <span>Spent</span>
          <strong>{money(summary.totals.spent, currency)}</strong>
        </div>
        <div className="hq-tile">
          <span>Returned</span>
          <strong>{money(summary.totals.returned, currency)}</strong>
        </div>
        <div className="hq-tile">
          <span>Store credit</span>
          <strong data-testid="store-credit">{money(summary.storeCredit.balance, currency)}</strong>
        </div>
      </div>
      <CustomerNotes customerId={customerId} notes={str(c.notes)} edited={summary.notesEdited} />
      <div className="hq-panel">
        <h2>Orders</h2>
        <table className="hq-table">
          <thead>
            <tr>
              <th>Order</th>
              <th>Placed</th>
              <th>Channel</th>
              <th>Store</th>
              <th>Status</th>
              <th className="hq-num">Total</th>
            </tr>
          </thead>
          <tbody>
            {summary.orders.map((o) => (
              <tr key={o.id}>
                <td>
                  <a href={`#/orders/${o.id}`}>{o.orderNumber}</a>
                </td>
                <td>{new Date(o.createdAt).toLocaleString()}</td>
                <td>{o.channel}</td>
                <td>{o.storeCode ?? '—'}</td>
                <td>{o.status.replace(/_/g, ' ')}</td>
                <td className="hq-num">{money(o.total, o.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="hq-grid2">
        <div className="hq-panel">
          <h2>Returns and pickups</h2>
          <ul className="hq-list">
            {summary.returns.map((r) => (
              <li key={r.id}>
                return {money(r.refundTotal, currency)} · {new Date(r.createdAt).toLocaleDateString()}
              </li>
            ))}
            {summary.pickups.map((p) => (
              <li key={p.id}>
                pickup {p.status.replace(/_/g, ' ')}
                {p.pickupCode ? ` · code ${p.pickupCode}` : ''}
              </li>
            ))}
            {summary.returns.length + summary.pickups.length === 0 && <li className="hq-muted">none</li>}
          </ul>
        </div>
        <div className="hq-panel">
          <h2>Gift cards</h2>
          <ul className="hq-list">
            {summary.giftCards.map((g) => (
              <li key={g.token}>
                •••• {g.last4} · {money(g.balance, currency)} · {g.status}
              </li>
            ))}
            {summary.giftCards.length === 0 && <li className="hq-muted">none used</li>}
          </ul>
        </div>
      </div>
    </section>
  );
}
