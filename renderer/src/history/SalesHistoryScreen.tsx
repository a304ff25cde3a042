// Sales history at the register: this register's (or the whole store's) sales of a day or a date
// range from the local replica, searchable by order number, customer, amount or card last four,
// each with its tenders, state and whether it has reached head office. Enter on a row (or a
// scanned receipt barcode) opens the sale's receipt, where it can be printed or e-mailed again.
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { fmt } from '../ui/format';
import { useHistoryFilter } from './history-store';
import { useHistorySource, useSalesHistory } from './useSalesHistory';
import type { HistoryRow } from '../local-data/sales-history';

const TENDER_NAMES: Record<string, string> = { cash: 'Cash', card: 'Card', gift_card: 'Gift card' };

function tenderText(row: HistoryRow): string {
  if (row.tenders.length === 0) return '—';
  return row.tenders
    .map((t) => `${TENDER_NAMES[t.method] ?? t.method.replace(/_/g, ' ')}${t.last4 ? ` ••${t.last4}` : ''}`)
    .join(' + ');
}

export function SalesHistoryScreen() {
  const navigate = useNavigate();
  const filter = useHistoryFilter();
  const view = useSalesHistory(filter);
  const source = useHistorySource();
  const list = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);

  const open = (orderId: string): void =>
    void navigate({ to: '/receipt/$orderId', params: { orderId }, search: { from: 'history' } });
  // A whole order number (typed, or scanned into the search box) opens that sale at once.
  const openNumber = async (code: string): Promise<boolean> => {
    const row = await source.findByNumber(code).catch(() => undefined);
    if (row) open(row.orderId);
    return row !== undefined;
  };
  // A receipt scanned on the sell screen arrives as ?number=…: open it, or say it is not here.
  const asked = useSearch({ from: '/history' }).number;
  const [notFound, setNotFound] = useState<string>();
  useEffect(() => {
    if (!asked) return;
    filter.set({ text: asked });
    void navigate({ to: '/history', search: {}, replace: true });
    void openNumber(asked).then((found) => setNotFound(found ? undefined : asked));
  }, [asked]);
  const focusRow = (delta: number): void => {
    const rows = [...(list.current?.querySelectorAll<HTMLButtonElement>('[data-testid="history-row"]') ?? [])];
    if (rows.length === 0) return;
    const at = rows.indexOf(document.activeElement as HTMLButtonElement);
    const to = at + delta;
    if (to < 0) return search.current?.focus();
    rows[Math.min(to, rows.length - 1)]!.focus();
    if (to >= rows.length - 1 && view.more) view.loadMore();
  };

  useKeyLayer({
    onAction: (action) => {
      if (action === Action.BACK) return (void navigate({ to: '/sell' }), true);
      if (action === Action.LINE_DOWN) return (focusRow(1), true);
      if (action === Action.LINE_UP) return (focusRow(-1), true);
      if (action === Action.SEARCH) return (search.current?.focus(), true);
      return false;
    },
    onScan: (code) => {
      void openNumber(code).then((found) => {
        if (!found) filter.set({ text: code });
      });
    },
  });

  return (
    <section className="stack" data-testid="sales-history">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1 style={{ margin: 0 }}>Sales history</h1>
        <span className="muted">Enter opens a sale · ↑↓ move · Esc back</span>
      </div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const text = filter.text.trim();
          void openNumber(text).then((found) => {
            if (!found) focusRow(1);
          });
        }}
      >
        <input
          ref={search}
          className="input"
          style={{ flex: 1 }}
          autoFocus
          data-home-focus
          data-testid="history-search"
          aria-label="Search sales"
          placeholder="Order number, customer, amount or card last four — or scan the receipt"
          value={filter.text}
          maxLength={100}
          onChange={(e) => filter.set({ text: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              focusRow(1);
            }
          }}
        />
        <label className="row">
          <input
            type="checkbox"
            checked={filter.scope === 'store'}
            onChange={(e) => filter.set({ scope: e.target.checked ? 'store' : 'register' })}
            data-testid="history-whole-store"
          />
          Whole store
        </label>
        <label className="row">
          From
          <input
            className="input"
            type="date"
            value={filter.from}
            onChange={(e) => filter.set({ from: e.target.value })}
            data-testid="history-from"
          />
        </label>
        <label className="row">
          To
          <input
            className="input"
            type="date"
            value={filter.to}
            onChange={(e) => filter.set({ to: e.target.value })}
            data-testid="history-to"
          />
        </label>
      </form>
      {notFound && (
        <div className="error" role="alert" data-testid="history-not-found">
          No sale of this store has the number {notFound} on this register yet. If it was sold at another store, or the
          register has not synced, the returns desk can look it up online.
        </div>
      )}
      {view.error && (
        <div className="error" role="alert" data-testid="history-error">
          {view.error}
        </div>
      )}
      {view.slow && (
        <div className="stack" data-testid="history-loading">
          <div className="progress indeterminate">
            <div />
          </div>
          <span className="muted">Reading sales… {view.scanned > 0 ? `${view.scanned} so far` : ''}</span>
        </div>
      )}
      <div className="search-results" style={{ borderWidth: 1 }} ref={list} data-testid="history-list">
        {!view.loading && !view.error && view.rows.length === 0 && (
          <p className="muted" style={{ padding: 12 }} data-testid="history-empty">
            {filter.text.trim() ? `No sale matches "${filter.text.trim()}" in these days.` : 'No sales in these days.'}
          </p>
        )}
        {view.rows.map((r) => (
          <button
            type="button"
            key={r.orderId}
            onClick={() => open(r.orderId)}
            data-testid="history-row"
            data-order-number={r.orderNumber}
          >
            <span>
              <span className="muted">{new Date(r.createdAt).toLocaleString()}</span> <strong>{r.orderNumber}</strong>{' '}
              <span className="muted">{r.clerk ?? ''}</span>
              {r.customer && <span> · {r.customer}</span>}
            </span>
            <span className="row">
              <span className="muted">{tenderText(r)}</span>
              <span className="num">{fmt(r.total, r.currency)}</span>
              <span className={r.state === 'completed' ? 'muted' : 'bad-text'} data-testid="history-state">
                {r.state}
              </span>
              <span
                className={r.reachedHq ? 'ok-text' : 'bad-text'}
                data-testid="history-hq"
                title={r.reachedHq === undefined ? 'This register cannot tell yet' : undefined}
              >
                {r.reachedHq === undefined ? 'unknown' : r.reachedHq ? 'reached HQ' : 'waiting to send'}
              </span>
            </span>
          </button>
        ))}
      </div>
      {view.more && (
        <button
          className="btn"
          type="button"
          onClick={view.loadMore}
          disabled={view.loading}
          data-testid="history-more"
        >
          Show older sales
        </button>
      )}
    </section>
  );
}
