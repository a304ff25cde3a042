// A store's ledger for one item, explained line by line: every movement with its type, quantity,
// who made it, when, and the running level after it (the last line equals the projected level).
import type { FormEvent } from 'react';
import type { ConsoleLedger } from './inventory-types';

export interface LedgerQuery {
  store: string;
  sku: string;
}

export function LedgerPanel(props: {
  query: LedgerQuery;
  ledger: ConsoleLedger | null;
  onChange: (query: LedgerQuery) => void;
  onShow: () => void;
}) {
  const { query, ledger } = props;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onShow();
  };
  return (
    <section className="hq-panel" aria-labelledby="ledger-title">
      <h2 id="ledger-title">Ledger of an item at a store</h2>
      <form className="hq-filters" onSubmit={submit}>
        <label>
          Store code
          <input value={query.store} onChange={(e) => props.onChange({ ...query, store: e.target.value })} />
        </label>
        <label>
          SKU
          <input value={query.sku} onChange={(e) => props.onChange({ ...query, sku: e.target.value })} />
        </label>
        <button type="submit" disabled={!query.store.trim() || !query.sku.trim()}>
          Show ledger
        </button>
      </form>
      {ledger && (
        <table className="hq-table" aria-label="Ledger lines">
          <caption>
            {ledger.storeCode} · {ledger.sku}: {ledger.lines.length} movement{ledger.lines.length === 1 ? '' : 's'}
            {ledger.level
              ? ` · level now ${ledger.level.onHand} on hand, ${ledger.level.reserved} reserved, ${ledger.level.available} available`
              : ' · no stock recorded'}
            {ledger.truncated ? ' · only the first movements are listed' : ''}
          </caption>
          <thead>
            <tr>
              <th>When</th>
              <th>Type</th>
              <th className="hq-num">Quantity</th>
              <th>Who</th>
              <th>Reference</th>
              <th>Reason</th>
              <th className="hq-num">On hand after</th>
              <th className="hq-num">Reserved after</th>
            </tr>
          </thead>
          <tbody>
            {ledger.lines.map((l) => (
              <tr key={l.id}>
                <td>{l.createdAt ? new Date(l.createdAt).toLocaleString() : '—'}</td>
                <td>{l.type.replace(/_/g, ' ')}</td>
                <td className="hq-num">{l.quantity > 0 ? `+${l.quantity}` : l.quantity}</td>
                <td>{l.who}</td>
                <td>{l.referenceType === 'none' ? '—' : `${l.referenceType} ${l.referenceId.slice(0, 8)}`}</td>
                <td>{l.reason ?? ''}</td>
                <td className="hq-num">{l.onHandAfter}</td>
                <td className="hq-num">{l.reservedAfter}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
