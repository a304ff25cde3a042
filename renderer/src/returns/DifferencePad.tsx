// What the customer pays of an exchange's difference: by card (the sale's card dialog, terminal or
// offline store-and-forward), gift card or store credit (the sale's balance dialog), through the
// tender pad port; whatever is left is cash, typed here (empty = exact) and taken when the
// exchange completes.
import { useState } from 'react';
import { useTenderPad } from '../model/tender-pad';
import { paidSoFar, type Tender } from '../model/tender';
import { fmt } from '../ui/format';

type Dialog = 'card' | 'gift_card' | 'store_credit';

export function DifferencePad({
  due,
  currency,
  customerId,
  tenders,
  cashText,
  onCashText,
  onTender,
  onRemove,
}: {
  due: number;
  currency: string;
  /** The sale's customer, whose store credit may pay. */
  customerId: string | undefined;
  tenders: readonly Tender[];
  cashText: string;
  onCashText: (text: string) => void;
  onTender: (t: Tender) => void;
  onRemove: (id: string) => void;
}) {
  const pad = useTenderPad();
  const [open, setOpen] = useState<Dialog>();
  const remaining = Math.max(0, due - paidSoFar(tenders));
  const take = (t: Tender): void => {
    setOpen(undefined);
    onTender(t);
  };
  const customer = customerId ? { id: customerId, name: "The sale's customer", storeCreditBalance: 0 } : undefined;
  return (
    <div className="stack" data-testid="difference-pad" data-remaining={remaining}>
      {tenders.map((t) => (
        <div className="row" key={t.id} style={{ justifyContent: 'space-between' }} data-testid="difference-tender">
          <span>
            {t.method === 'card' ? `Card …${t.card?.last4 ?? ''}` : t.method.replace('_', ' ')}
            {t.status === 'pending_offline' ? ' (stored offline)' : ''}
          </span>
          <span className="num">{fmt(t.amount, currency)}</span>
          {t.method !== 'card' && (
            <button type="button" className="btn" onClick={() => onRemove(t.id)}>
              Remove
            </button>
          )}
        </div>
      ))}
      {remaining > 0 && (
        <>
          <label className="field">
            <span>Cash received for the {fmt(remaining, currency)} left (empty: exact)</span>
            <input
              className="input"
              inputMode="decimal"
              value={cashText}
              onChange={(e) => onCashText(e.target.value)}
              data-testid="exchange-cash"
              placeholder={fmt(remaining, currency)}
              autoComplete="off"
            />
          </label>
          <div className="row">
            {pad && (
              <button type="button" className="btn" data-testid="exchange-card" onClick={() => setOpen('card')}>
                Card
              </button>
            )}
            {pad?.Balance && (
              <button
                type="button"
                className="btn"
                data-testid="exchange-gift-card"
                onClick={() => setOpen('gift_card')}
              >
                Gift card
              </button>
            )}
            {pad?.Balance && customer && (
              <button
                type="button"
                className="btn"
                data-testid="exchange-store-credit"
                onClick={() => setOpen('store_credit')}
              >
                Store credit
              </button>
            )}
          </div>
        </>
      )}
      {open === 'card' && pad && (
        <pad.Card due={remaining} currency={currency} onClose={() => setOpen(undefined)} onTender={take} />
      )}
      {(open === 'gift_card' || open === 'store_credit') && pad?.Balance && (
        <pad.Balance
          kind={open}
          due={remaining}
          currency={currency}
          customer={customer}
          tenders={tenders}
          onClose={() => setOpen(undefined)}
          onTender={take}
        />
      )}
    </div>
  );
}
