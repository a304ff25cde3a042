// Payment: cash with change and quick-cash buttons, card through the gateway (each outcome shown
// plainly), store credit, gift card, split across any of them. When nothing is left to pay the
// sale is written locally (durably) before "complete" is shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { parseMoney } from '../../../../shared/money';
import { useSaleTotals } from '../useSaleTotals';
import { applyTender, quickCash } from './payments';
import { newId } from '../../model/ids';
import { callBridge } from '../../bridge/call-bridge';
import { useKeyLayer } from '../../keys/useKeyLayer';
import { Action } from '../../keys/shortcuts';
import { useCart } from '../cart-store';
import { useSaleContext } from '../../session/sale-context-store';
import { useTenders } from '../tender-store';
import { paidSoFar, type Tender } from '../../model/tender';
import { errorMessage } from '../../ui/error-message';
import { fmt } from '../../ui/format';
import { useBurstGuard, SCAN_REFUSED } from '../../ui/scan-burst';
import { CardDialog } from './CardDialog';
import { BalanceDialog } from './BalanceDialog';
import { TenderList } from './TenderList';
import { useCompleteSale } from './useCompleteSale';

// A stable empty list: a fresh [] from a store selector would re-render forever.
const NO_TENDERS: Tender[] = [];

type PayDialog = 'card' | 'store_credit' | 'gift_card' | undefined;

export function PayScreen() {
  const navigate = useNavigate();
  const context = useSaleContext((s) => s.context);
  const cart = useCart((s) => s.cart);
  const tenders = useTenders((s) => (s.saleId === cart.saleId ? s.tenders : NO_TENDERS));
  const addTender = useTenders((s) => s.add);
  const removeTender = useTenders((s) => s.remove);
  const [amountText, setAmountText] = useState('');
  const [error, setError] = useState<string>();
  const [dialog, setDialog] = useState<PayDialog>();
  const inputRef = useRef<HTMLInputElement>(null);
  const completion = useCompleteSale();
  const burstGuard = useBurstGuard();

  const { totals } = useSaleTotals();
  const total = totals?.grandTotal.amount ?? 0;
  const due = Math.max(0, total - paidSoFar(tenders));
  const c = cart.currency;

  const finish = useCallback(
    async (all: Tender[]): Promise<void> => {
      const result = await completion.complete(all);
      if (result) await navigate({ to: '/receipt/$orderId', params: { orderId: result.orderId } });
    },
    [completion, navigate],
  );

  // Paid in full but not finished: the register was reloaded or crashed between the last tender
  // and "complete" (the sale may already be written: completing is idempotent by sale id and
  // returns that order). Finish it and show its receipt, never a dead "Paid in full" screen.
  const resumed = useRef(false);
  const paidInFull = totals !== undefined && cart.lines.length > 0 && tenders.length > 0 && due === 0;
  useEffect(() => {
    if (!paidInFull || resumed.current || completion.busy) return;
    resumed.current = true;
    void finish(tenders);
  }, [paidInFull, completion.busy, finish, tenders]);

  const take = useCallback(
    (tender: Tender): void => {
      addTender(cart.saleId, tender);
      setAmountText('');
      setError(undefined);
      const all = [...tenders, tender];
      if (paidSoFar(all) >= total) {
        resumed.current = true;
        void finish(all);
      } else setTimeout(() => inputRef.current?.focus(), 0);
    },
    [addTender, cart.saleId, tenders, total, finish],
  );

  const cash = (tendered: number): void => {
    if (useTenders.getState().attemptFor(cart.saleId))
      return setError(
        'A card payment for this sale is unconfirmed. Open Card (F12) and press “Check payment status” first.',
      );
    try {
      const { applied, change } = applyTender(due, 'cash', tendered);
      // More change than a drawer's largest float is a slip (a scanned code), not a customer's cash.
      if (context && change > context.maxOpeningFloat)
        return setError(
          `Change of ${fmt(change, c)} is more than the drawer holds. Check the amount received and type it again.`,
        );
      take({
        id: newId(),
        method: 'cash',
        amount: applied,
        status: 'approved',
        cash: { tendered, change },
        at: new Date().toISOString(),
      });
      void callBridge((b) => b.openCashDrawer());
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const typedAmount = (): number | undefined => {
    if (amountText.trim() === '') return due;
    try {
      return parseMoney(amountText, c).amount;
    } catch (e) {
      setError(errorMessage(e));
      return undefined;
    }
  };

  useKeyLayer({
    onAction: (action) => {
      if (completion.busy) return true;
      if (action === Action.BACK) {
        if (tenders.length === 0) void navigate({ to: '/sell' });
        else
          setError(
            'Payments are already taken: remove the cash tenders, or finish the payment. Card payments stay with the sale.',
          );
        return true;
      }
      if (action === Action.PAY) return (setDialog('card'), true);
      return action !== Action.HELP && action !== Action.LOCK;
    },
  });

  if (!context || !totals) return <p className="muted">Loading store settings…</p>;
  if (cart.lines.length === 0 && !completion.busy)
    return <p className="muted">No sale is open. Press Esc to go back to selling.</p>;

  return (
    <div className="sell" data-testid="pay-screen">
      <section className="stack">
        <h1>Payment</h1>
        <div className="panel stack">
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <span>Total {fmt(total, c)}</span>
            <span>Paid {fmt(total - due, c)}</span>
          </div>
          <div className="due" data-testid="amount-due">
            {due > 0 ? `Due ${fmt(due, c)}` : 'Paid in full'}
          </div>
          {cart.training && <div className="training-stamp">TRAINING — no real payment is taken</div>}
        </div>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            const a = typedAmount();
            if (a !== undefined) cash(a);
          }}
        >
          <input
            ref={inputRef}
            className="input"
            style={{ flex: 1, fontSize: '1.6rem' }}
            inputMode="decimal"
            placeholder={`Cash received (Enter = exact ${fmt(due, c)})`}
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            data-home-focus
            data-testid="cash-input"
            onKeyDown={burstGuard(() => {
              setAmountText('');
              setError(SCAN_REFUSED);
            })}
            autoFocus
            autoComplete="off"
            disabled={completion.busy || due === 0}
          />
          <button
            className="btn primary"
            type="submit"
            disabled={completion.busy || due === 0}
            data-testid="cash-button"
          >
            Cash <kbd>Enter</kbd>
          </button>
        </form>
        <div className="quick-cash">
          {quickCash(due, c).map((amount) => (
            <button
              key={amount}
              className="btn"
              tabIndex={-1}
              onClick={() => cash(amount)}
              disabled={completion.busy}
              data-testid="quick-cash"
            >
              {fmt(amount, c)}
            </button>
          ))}
        </div>
        <div className="row">
          <button
            className="btn"
            onClick={() => setDialog('card')}
            disabled={completion.busy || due === 0}
            data-testid="card-button"
          >
            Card <kbd>F12</kbd>
          </button>
          <button
            className="btn"
            onClick={() => setDialog('store_credit')}
            disabled={completion.busy || due === 0 || !cart.customer}
          >
            Store credit
          </button>
          <button
            className="btn"
            onClick={() => setDialog('gift_card')}
            disabled={completion.busy || due === 0}
            data-testid="gift-card-button"
          >
            Gift card
          </button>
          <button
            className="btn"
            onClick={() => void navigate({ to: '/sell' })}
            disabled={tenders.length > 0 || completion.busy}
          >
            Back to sale <kbd>Esc</kbd>
          </button>
        </div>
        {error && (
          <div className="error" role="alert" data-testid="pay-error">
            {error}
          </div>
        )}
        {completion.error && (
          <div className="error" role="alert">
            {completion.error}{' '}
            <button className="btn" onClick={() => void finish(tenders)}>
              Try again
            </button>
          </div>
        )}
        {completion.busy && (
          <div className="notice" role="status">
            Saving the sale…
          </div>
        )}
      </section>
      <aside className="side">
        <TenderList tenders={tenders} currency={c} onRemove={(id) => removeTender(cart.saleId, id)} />
      </aside>
      {dialog === 'card' && (
        <CardDialog
          due={due}
          currency={c}
          training={cart.training}
          onClose={() => setDialog(undefined)}
          onTender={(t) => {
            setDialog(undefined);
            take(t);
          }}
        />
      )}
      {(dialog === 'store_credit' || dialog === 'gift_card') && (
        <BalanceDialog
          kind={dialog}
          due={due}
          currency={c}
          customer={cart.customer}
          tenders={tenders}
          onClose={() => setDialog(undefined)}
          onTender={(t) => {
            setDialog(undefined);
            take(t);
          }}
        />
      )}
    </div>
  );
}
