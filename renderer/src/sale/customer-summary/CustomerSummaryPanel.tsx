// The attached customer's summary beside the sale: orders and spend across channels and stores,
// last visit, open pickups, returns, store credit and whether HQ wrote notes. Live from the server
// when it answers, else the register's last kept answer "as of" its time, else a line saying it
// needs the network. Nothing in it takes focus (no buttons, no tab stops): the scan field keeps it.
import { useEffect, useState } from 'react';
import type { RegisterCustomerSummary } from '../../../../shared/hq/service';
import { fmt } from '../../ui/format';
import type { CustomerSummaryPort, SummaryAnswer } from './customer-summary-port';
import './customer-summary.css';

type Shown = SummaryAnswer | { kind: 'loading' };

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function Figures({ s }: { s: RegisterCustomerSummary }) {
  return (
    <dl className="customer-summary-figures">
      <dt>Orders</dt>
      <dd data-testid="summary-orders">
        {s.orders} · {fmt(s.spent, s.currency)}
        {s.stores > 1 || s.channels > 1 ? ` (${s.stores} stores, ${s.channels} channels)` : ''}
      </dd>
      <dt>Last visit</dt>
      <dd>
        {s.lastVisit ? `${when(s.lastVisit.at)}${s.lastVisit.storeCode ? ` at ${s.lastVisit.storeCode}` : ''}` : 'none'}
      </dd>
      <dt>Open pickups</dt>
      <dd data-testid="summary-pickups">
        {s.openPickups}
        {s.openPickupsHere > 0 ? ` (${s.openPickupsHere} here)` : ''}
      </dd>
      <dt>Returns</dt>
      <dd>{s.returns}</dd>
      <dt>Store credit</dt>
      <dd>{fmt(s.storeCredit, s.currency)}</dd>
      {s.hqNotes && <dd className="customer-summary-notes">Head office notes on file</dd>}
    </dl>
  );
}

export function CustomerSummaryPanel({
  customerId,
  port,
}: {
  customerId: string;
  port: CustomerSummaryPort | undefined;
}) {
  const [shown, setShown] = useState<Shown>({ kind: 'loading' });
  useEffect(() => {
    if (!port) {
      setShown({ kind: 'unavailable', reason: 'offline' });
      return;
    }
    let current = true;
    // The kept answer at once, so the clerk is not left with a blank panel while the server thinks.
    const kept = port.cached(customerId);
    setShown(kept ? { kind: 'cached', ...kept } : { kind: 'loading' });
    port
      .load(customerId)
      .then((answer) => {
        if (current) setShown(answer);
      })
      .catch(() => {
        if (current) setShown({ kind: 'unavailable', reason: 'offline' });
      });
    return () => {
      current = false;
    };
  }, [customerId, port]);

  return (
    <section className="customer-summary" aria-live="polite" data-testid="customer-summary">
      {shown.kind === 'loading' && <p className="muted">Loading the customer summary…</p>}
      {shown.kind === 'unavailable' && (
        <p className="muted" data-testid="summary-unavailable">
          {shown.reason === 'not_synced'
            ? 'Summary after the customer reaches the server'
            : 'Summary needs the network'}
        </p>
      )}
      {(shown.kind === 'live' || shown.kind === 'cached') && (
        <>
          {shown.kind === 'cached' && (
            <p className="muted" data-testid="summary-as-of">
              as of {when(shown.fetchedAt)}
            </p>
          )}
          <Figures s={shown.summary} />
        </>
      )}
    </section>
  );
}
