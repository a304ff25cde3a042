// Stock lookup: scan or type an item; see this store's on hand / reserved / available for it and
// its variants (server level + this register's unsynced movements), and every other store's
// availability with distance — live when online, the last answer with its age when offline.
import { useEffect, useRef, useState } from 'react';
import type { StockAlert } from '../../../shared/inventory/alerts';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { useNow } from '../ui/useNow';
import { formatAge } from './format-age';
import { useStockPort } from './stock-context';
import { StockStatus, useStock } from './stock-store';
import { useStockLookup } from './useStockLookup';
import { OtherStoresTable } from './OtherStoresTable';
import { AlertsPanel } from './AlertsPanel';
import './stock.css';

export function StockScreen() {
  const port = useStockPort();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { sku?: string };
  const { code, status, items, local, others, error, setCode } = useStock();
  const { lookup } = useStockLookup(port);
  const input = useRef<HTMLInputElement>(null);
  const now = useNow(1000);
  // undefined: not asked yet; null: the server could not be reached.
  const [alerts, setAlerts] = useState<StockAlert[] | null>();

  useEffect(() => {
    port?.alerts().then(
      (list) => setAlerts(list ?? null),
      () => setAlerts(null),
    );
  }, [port]);

  useKeyLayer({
    onAction: (action) => (action === Action.BACK ? (void navigate({ to: '/sell' }), true) : false),
    onScan: (scanned) => void lookup(scanned),
  });
  useEffect(() => {
    input.current?.focus();
    if (search.sku) void lookup(search.sku);
  }, [search.sku, lookup]);

  const mine = port?.storeId();
  const byName = new Map(items.map((i) => [i.sku, i.name]));
  return (
    <section className="stack stock" data-testid="stock-screen">
      <h1>Stock lookup</h1>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          void lookup(code);
        }}
      >
        <input
          ref={input}
          className="input"
          data-home-focus
          data-testid="stock-code"
          aria-label="Item barcode or SKU"
          placeholder="Scan or type a barcode or SKU, then Enter"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <button className="btn" type="submit">
          Look up
        </button>
        <button
          className="btn"
          type="button"
          data-testid="go-receiving"
          onClick={() => void navigate({ to: '/stock/receiving' })}
        >
          Receiving
        </button>
        <button
          className="btn"
          type="button"
          data-testid="go-transfers"
          onClick={() => void navigate({ to: '/stock/transfers' })}
        >
          Transfers
        </button>
        <button
          className="btn"
          type="button"
          data-testid="go-count"
          onClick={() => void navigate({ to: '/stock/count' })}
        >
          Count
        </button>
        <button
          className="btn"
          type="button"
          data-testid="go-adjust"
          onClick={() => void navigate({ to: '/stock/adjust' })}
        >
          Adjust
        </button>
        <span className="muted">F7 from any screen · Esc back to the sale</span>
      </form>
      {status === StockStatus.LOADING && (
        <p className="muted" role="status">
          Looking up…
        </p>
      )}
      {status === StockStatus.NOT_FOUND && (
        <p className="error" data-testid="stock-not-found">
          No item has this barcode or SKU. Check the code, or search the catalog with F2 on the sell screen.
        </p>
      )}
      {error && (
        <p className="error" data-testid="stock-error">
          {error}
        </p>
      )}
      {items.length > 0 && (
        <div className="panel stack">
          <h2>This store</h2>
          <table className="grid" data-testid="stock-local">
            <thead>
              <tr>
                <th>Item</th>
                <th>SKU</th>
                <th className="num">On hand</th>
                <th className="num">Reserved</th>
                <th className="num">Available</th>
                <th>Not yet synced</th>
              </tr>
            </thead>
            <tbody>
              {local.map((l) => (
                <tr key={l.sku} data-testid={`stock-local-${l.sku}`}>
                  <td>{byName.get(l.sku)}</td>
                  <td>{l.sku}</td>
                  <td className="num">{l.onHand}</td>
                  <td className="num">{l.reserved}</td>
                  <td className={`num ${l.available <= 0 ? 'bad-text' : ''}`} data-testid="available">
                    {l.available}
                  </td>
                  <td className="muted">
                    {l.pendingCount > 0
                      ? `${l.pendingCount} movement${l.pendingCount === 1 ? '' : 's'} on this register`
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items.length > 0 && (
        <div className="panel stack">
          <h2>Other stores</h2>
          {!others && (
            <p className="muted" data-testid="stock-others-none">
              The server cannot be reached and this item was never looked up online: other stores' stock is not known
              here.
            </p>
          )}
          {others && (
            <p className={others.live ? 'ok-text' : 'bad-text'} data-testid="stock-others-age">
              {others.live
                ? 'Live from the server'
                : `Offline — figures from ${formatAge(others.answer.at, now)} (${new Date(others.answer.at).toLocaleTimeString()})`}
            </p>
          )}
          {others && <OtherStoresTable answer={others.answer} excludeStoreId={mine} names={byName} />}
        </div>
      )}
      {alerts !== undefined && <AlertsPanel alerts={alerts} onPick={(sku) => void lookup(sku)} />}
    </section>
  );
}
