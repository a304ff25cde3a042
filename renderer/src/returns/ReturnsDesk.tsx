// The returns desk: one field finds the sale — scan the receipt's barcode or type its number (this
// store's history from the replica, offline too; another store's through the server when online,
// with the receipt total as the second factor), a customer's name/phone/e-mail, or card last four
// and the day ("4242 2026-12-01"). Then lines, refund, approval, receipt.
import { useEffect, useState } from 'react';
import { isDomainError } from '../../../shared/errors';
import { parseMoney } from '../../../shared/money';
import { ReceiptView } from '../ui/receipt/ReceiptView';
import { errorMessage } from '../ui/error-message';
import { useSession } from '../session/session-store';
import { useSyncStatus } from '../session/sync-status-store';
import { useSaleContext } from '../session/sale-context-store';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { ORDER_NUMBER_PATTERN } from '../local-data/returns-lookup';
import { ReturnServiceError } from '../local-data/returns-service';
import { fmt } from '../ui/format';
import { RecentSales, SaleList } from './RecentSales';
import { RefundPanel } from './RefundPanel';
import { ExchangePanel } from './ExchangePanel';
import { PostVoidButton } from './PostVoidButton';
import { ReceiptlessPanel } from './ReceiptlessPanel';
import { ReturnLines } from './ReturnLines';
import { useReturnDesk } from './returns-store';
import { useReturnsPort } from './useReturnsPort';

const CARD_QUERY = /^(\d{4})\s+(\d{4}-\d{2}-\d{2})$/;

export function ReturnsDesk() {
  const port = useReturnsPort();
  const clerk = useSession((s) => s.clerk);
  const online = useSyncStatus((s) => s.online);
  const currency = useSaleContext((s) => s.context?.currency) ?? 'USD';
  const { found, matches, completed, setFound, setMatches, reset } = useReturnDesk();
  const [query, setQuery] = useState('');
  const [needTotal, setNeedTotal] = useState<string>();
  const [totalText, setTotalText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useState(port.queuedCardRefunds());
  const [receiptless, setReceiptless] = useState(false);
  const [exchanging, setExchanging] = useState(false);

  useEffect(() => {
    if (!online) return;
    port.forwardQueuedRefunds().then(
      () => setQueued(port.queuedCardRefunds()),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [online, port]);

  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      if (isDomainError(e, ReturnServiceError.NEED_TOTAL)) setNeedTotal(query.trim().toUpperCase() || needTotal);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const open = (orderNumber: string, total?: number): Promise<void> =>
    run(async () => {
      setFound(await port.findByNumber(orderNumber, total));
      setReceiptless(false);
      setExchanging(false);
      setNeedTotal(undefined);
      setQuery('');
    });
  const search = (): Promise<void> => {
    const q = query.trim();
    if (ORDER_NUMBER_PATTERN.test(q.toUpperCase())) return open(q);
    const card = CARD_QUERY.exec(q);
    if (card) return run(async () => setMatches(await port.findByCard(card[1]!, card[2]!)));
    return run(async () => setMatches(await port.findByCustomer(q)));
  };
  useKeyLayer({
    onAction: (a) => (a === Action.BACK && (found || matches) ? (reset(), setNeedTotal(undefined), true) : false),
  });

  if (completed) {
    return (
      <section className="stack" data-testid="return-done">
        {completed.result.exchange ? (
          <h1 data-testid="exchange-done">
            Exchange complete —{' '}
            {completed.result.exchange.settlement.direction === 'customer-pays'
              ? `customer paid ${fmt(completed.result.exchange.settlement.amount, completed.receipt.currency)}`
              : completed.result.exchange.settlement.direction === 'refund-customer'
                ? `refunded ${fmt(completed.result.exchange.settlement.amount, completed.receipt.currency)}`
                : 'even'}{' '}
            · new order {completed.result.exchange.orderNumber}
          </h1>
        ) : (
          <h1>Return complete — refunded {fmt(completed.result.refundTotal, completed.receipt.currency)}</h1>
        )}
        {completed.result.ret.returnNumber && (
          <p>
            Return number <strong data-testid="return-number">{completed.result.ret.returnNumber}</strong>
          </p>
        )}
        {completed.result.refunds.some((r) => r.queued) && (
          <p className="notice">
            The card refund is queued on this register and is sent to the bank when it is back online.
          </p>
        )}
        <ReceiptView doc={completed.receipt} />
        <div className="row">
          <button className="btn" type="button" onClick={() => window.print()}>
            Print
          </button>
          <button
            className="btn primary"
            type="button"
            onClick={() => {
              reset();
              setReceiptless(false);
              setExchanging(false);
              setQueued(port.queuedCardRefunds());
            }}
            data-home-focus
            autoFocus
            data-testid="next-return"
          >
            Next return <kbd>Enter</kbd>
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="stack" data-testid="returns-desk">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1 style={{ margin: 0 }}>Returns</h1>
        <span className={online ? 'ok-text' : 'bad-text'} data-testid="returns-online">
          {online ? 'Online: returns at every store are checked' : 'Offline: only this store could be checked'}
        </span>
      </div>
      {queued.length > 0 && (
        <p className="notice" data-testid="queued-refunds">
          {queued.length} card refund{queued.length === 1 ? '' : 's'} waiting to be sent (
          {queued.map((q) => `**** ${q.last4} ${fmt(q.amount, currency)}`).join(', ')}).
        </p>
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <input
          className="input"
          style={{ flex: 1 }}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
          data-home-focus
          autoComplete="off"
          data-testid="return-lookup"
          placeholder="Scan the receipt, or type an order number, a customer, or card last four + day (4242 2026-12-01)"
          aria-label="Find the sale"
        />
        <button className="btn primary" type="submit" disabled={busy}>
          {busy ? 'Looking…' : 'Find'} <kbd>Enter</kbd>
        </button>
        <button
          className="btn"
          type="button"
          onClick={() => {
            reset();
            setReceiptless(true);
          }}
          data-testid="no-receipt"
        >
          No receipt
        </button>
      </form>
      {needTotal && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => open(needTotal, parseMoney(totalText || '0', currency).amount));
          }}
        >
          <label className="field" style={{ flex: 1 }}>
            <span>Total printed on receipt {needTotal}</span>
            <input
              className="input"
              inputMode="decimal"
              value={totalText}
              onChange={(e) => setTotalText(e.target.value)}
              autoFocus
              data-testid="return-total"
              placeholder="42.50"
            />
          </label>
          <button className="btn primary" type="submit" disabled={busy}>
            Look up
          </button>
        </form>
      )}
      {error && (
        <div className="error" role="alert" data-testid="returns-error">
          {error}
        </div>
      )}
      {receiptless ? (
        <ReceiptlessPanel port={port} onCancel={() => setReceiptless(false)} />
      ) : found ? (
        <>
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <h2 style={{ margin: 0 }} data-testid="return-order">
              {found.view.order.orderNumber} · {new Date(found.view.order.createdAt).toLocaleString()}
            </h2>
            <span className="muted">
              {found.source === 'server' ? 'Checked with head office' : 'From this register (other stores not checked)'}
            </span>
          </div>
          <ReturnLines found={found} />
          <div className="row">
            <button
              className={`btn${exchanging ? '' : ' active'}`}
              type="button"
              aria-pressed={!exchanging}
              onClick={() => setExchanging(false)}
              data-testid="start-refund"
            >
              Refund
            </button>
            <button
              className={`btn${exchanging ? ' active' : ''}`}
              type="button"
              aria-pressed={exchanging}
              onClick={() => setExchanging(true)}
              data-testid="start-exchange"
            >
              Exchange for other items
            </button>
            <PostVoidButton port={port} found={found} />
          </div>
          {exchanging ? (
            <ExchangePanel port={port} found={found} actorRole={clerk?.role ?? 'clerk'} />
          ) : (
            <RefundPanel port={port} found={found} actorRole={clerk?.role ?? 'clerk'} />
          )}
        </>
      ) : matches ? (
        <SaleList title="Matching sales" sales={matches} onPick={(n) => void open(n)} testId="return-matches" />
      ) : (
        <RecentSales port={port} onPick={(n) => void open(n)} />
      )}
    </section>
  );
}
