// The balance due at hand-over: what the items cost, what the web payment covers, and the pad to
// take the rest — cash here, card through the sale's own card dialog (model/tender-pad).
import { useState } from 'react';
import { parseMoney } from '../../../shared/money';
import { tenderState } from '../../../shared/payments/tender';
import type { PickupSettlement } from '../../../shared/orders/pickup-settlement';
import { newId } from '../model/ids';
import { paidSoFar, type Tender } from '../model/tender';
import { useTenderPad } from '../model/tender-pad';
import { callBridge } from '../bridge/call-bridge';
import { errorMessage } from '../ui/error-message';
import { fmt } from '../ui/format';

const NO_TENDERS: Tender[] = [];

export function BalancePanel({
  settlement,
  tenders = NO_TENDERS,
  onTender,
  onRemove,
}: {
  settlement: PickupSettlement;
  tenders: Tender[] | undefined;
  onTender: (t: Tender) => void;
  onRemove: (id: string) => void;
}) {
  const pad = useTenderPad();
  const [cashText, setCashText] = useState('');
  const [card, setCard] = useState(false);
  const [error, setError] = useState<string>();
  const c = settlement.currency;
  const remaining = Math.max(0, settlement.balanceDue - paidSoFar(tenders));
  const cash = (): void => {
    try {
      const tendered = cashText.trim() ? parseMoney(cashText, c).amount : remaining;
      const state = tenderState(remaining, [{ method: 'cash', amount: tendered }]);
      onTender({
        id: newId(),
        method: 'cash',
        amount: state.appliedByTender[0] ?? 0,
        status: 'approved',
        cash: { tendered, change: state.change },
        at: new Date().toISOString(),
      });
      setCashText('');
      void callBridge((b) => b.openCashDrawer());
      setError(state.change > 0 ? `Give ${fmt(state.change, c)} change.` : undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <section className="panel stack no-print" data-testid="balance-panel" data-remaining={remaining}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <span>Items {fmt(settlement.value, c)}</span>
        <span>Paid online {fmt(Math.min(settlement.covered, settlement.value), c)}</span>
      </div>
      <div className="due" data-testid="handover-balance">
        {remaining > 0 ? `Balance due ${fmt(remaining, c)}` : `Balance of ${fmt(settlement.balanceDue, c)} paid`}
      </div>
      {tenders.length > 0 && (
        <ul data-testid="balance-tenders">
          {tenders.map((t) => (
            <li key={t.id} className="row">
              <span>
                {t.method === 'card' ? `Card …${t.card?.last4 ?? ''}` : t.method.replace('_', ' ')} {fmt(t.amount, c)}
                {t.status === 'pending_offline' ? ' (stored offline)' : ''}
              </span>
              {t.method === 'cash' && (
                <button type="button" className="btn" tabIndex={-1} onClick={() => onRemove(t.id)}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {remaining > 0 && (
        <form className="row" onSubmit={(e) => (e.preventDefault(), cash())}>
          <input
            className="input"
            inputMode="decimal"
            data-testid="balance-cash-input"
            placeholder={`Cash received (Enter = exact ${fmt(remaining, c)})`}
            value={cashText}
            onChange={(e) => setCashText(e.target.value)}
            autoComplete="off"
          />
          <button type="submit" className="btn primary" data-testid="balance-cash">
            Cash
          </button>
          {pad && (
            <button type="button" className="btn" data-testid="balance-card" onClick={() => setCard(true)}>
              Card
            </button>
          )}
        </form>
      )}
      {error && (
        <p className={error.startsWith('Give') ? 'notice' : 'error'} role="alert" data-testid="balance-message">
          {error}
        </p>
      )}
      {card && pad && (
        <pad.Card
          due={remaining}
          currency={c}
          onClose={() => setCard(false)}
          onTender={(t) => {
            setCard(false);
            onTender(t);
          }}
        />
      )}
    </section>
  );
}
