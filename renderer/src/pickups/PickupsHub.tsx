// Orders hub: this store's pickup and ship-from-store orders by state, live from the replica.
// The search field has the focus: a scanned or typed order number, pickup code, name or phone
// finds an order in every tab; Enter opens the first hit. Alt+1…5 switch tabs.
import { useEffect, useMemo, useRef } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useNow } from '../ui/useNow';
import { useKeyLayer } from '../keys/useKeyLayer';
import { filterHub, HUB_TABS, orderAge, tabOf } from './hub-model';
import { usePickups } from './pickups-store';
import { STATUS_LABEL } from './labels';
import './pickups.css';

// A screen shows about a dozen rows; rendering 200 of 2,000 took the hub open p99 to 360 ms
// (bench/pickups-hub.bench.ts), so the most urgent 50 are listed and search narrows the rest.
const MAX_ROWS = 50;

export function PickupsHub() {
  const navigate = useNavigate();
  // Selected fields only: the notice or `known` changing does not render the hub again.
  const orders = usePickups((s) => s.orders);
  const byTab = usePickups((s) => s.byTab);
  const counts = usePickups((s) => s.counts);
  const tab = usePickups((s) => s.tab);
  const query = usePickups((s) => s.query);
  const loaded = usePickups((s) => s.loaded);
  const setTab = usePickups((s) => s.setTab);
  const setQuery = usePickups((s) => s.setQuery);
  const now = useNow(30_000);
  const search = useRef<HTMLInputElement>(null);
  // An unsearched tab is the store's ready index; a search walks every order once.
  const rows = useMemo(() => filterHub(orders, tab, query, byTab), [orders, tab, query, byTab]);
  const shown = useMemo(() => rows.slice(0, MAX_ROWS), [rows]);

  useEffect(() => {
    search.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey) return;
      const n = Number(e.key);
      const entry = HUB_TABS[n - 1];
      if (entry) {
        e.preventDefault();
        setTab(entry.tab);
        setQuery('');
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setTab, setQuery]);

  const dismissNotice = usePickups((s) => s.dismissNotice);
  useEffect(() => dismissNotice(), [dismissNotice]);
  const open = (id: string): void => {
    dismissNotice();
    void navigate({ to: '/pickups/$id', params: { id } });
  };

  // The first hit of a search, read from the store when the key is pressed. Enter acts on key
  // down (like every other Enter on the register) and is marked handled, so the browser never
  // turns it into a click on the button the order screen focuses next.
  const openFirstHit = (q: string): void => {
    const state = usePickups.getState();
    const hit = filterHub(state.orders, state.tab, q, state.byTab)[0];
    if (hit) open(hit.id);
  };

  // A scanned order number while focus is elsewhere opens that order, as typing it would.
  useKeyLayer({
    onScan: (scanned) => {
      setQuery(scanned);
      openFirstHit(scanned);
    },
  });

  return (
    <section className="pickups stack" data-testid="pickups-hub">
      <div className="row">
        <h1>Pickup &amp; ship orders</h1>
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          data-testid="batch-pick"
          disabled={counts.picking === 0}
          onClick={() => void navigate({ to: '/pickups/batch' })}
        >
          Batch pick ({counts.picking})
        </button>
      </div>
      <input
        ref={search}
        className="input pickups-search"
        data-home-focus
        data-scan-input
        data-testid="pickups-search"
        placeholder="Scan or type order number, pickup code, customer name or phone"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (!e.repeat) openFirstHit(e.currentTarget.value);
          } else if (e.key === 'Escape' && query) {
            e.preventDefault();
            setQuery('');
          }
        }}
      />
      <div className="row pickups-tabs" role="tablist">
        {HUB_TABS.map((t, i) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            aria-selected={!query && tab === t.tab}
            className={`btn${!query && tab === t.tab ? ' primary' : ''}`}
            data-testid={`tab-${t.tab}`}
            onClick={() => (setTab(t.tab), setQuery(''), search.current?.focus())}
          >
            {t.label}{' '}
            <span className="count" data-testid={`count-${t.tab}`}>
              {counts[t.tab]}
            </span>{' '}
            <kbd>Alt+{i + 1}</kbd>
          </button>
        ))}
      </div>
      {!loaded && <p className="muted">Loading orders…</p>}
      {loaded && rows.length === 0 && (
        <p className="muted" data-testid="pickups-empty">
          {query ? `Nothing matches “${query}”.` : 'No orders here.'}
        </p>
      )}
      <table className="pickups-table" data-testid="pickups-table">
        <tbody>
          {shown.map((fo) => {
            const age = orderAge(fo, now);
            const units = fo.lines.reduce((n, l) => n + l.quantity, 0);
            return (
              <tr
                key={fo.id}
                data-testid="pickup-row"
                data-order={fo.orderNumber}
                tabIndex={0}
                onClick={() => open(fo.id)}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  e.preventDefault();
                  if (!e.repeat) open(fo.id);
                }}
              >
                <td>
                  <strong>{fo.orderNumber}</strong>
                  <div className="muted">
                    {fo.type === 'pickup' ? `Pickup · code ${fo.pickupCode ?? '—'}` : 'Ship from store'}
                  </div>
                </td>
                <td>
                  {fo.customer.name}
                  <div className="muted">{fo.customer.phone ?? fo.customer.email ?? ''}</div>
                </td>
                <td>
                  {units} {units === 1 ? 'item' : 'items'}
                  {fo.lines.some((l) => l.shortQuantity > 0) ? <span className="pill offline">short</span> : null}
                </td>
                <td>
                  <span className={`status status-${tabOf(fo)}`}>{STATUS_LABEL[fo.status]}</span>
                  {fo.staging ? <div className="muted">at {fo.staging.location}</div> : null}
                </td>
                <td className={age.overdue ? 'overdue' : 'muted'} data-testid="pickup-age">
                  {age.text}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > MAX_ROWS && (
        <p className="muted">
          Showing the {MAX_ROWS} most urgent of {rows.length}; search to narrow down.
        </p>
      )}
    </section>
  );
}
