// Store credit (the attached customer's balance) or a gift card (its number is turned into a
// token at once; only the last four digits are kept). The balance shown already takes off what this
// register spent and the server has not counted yet; more than it, or more than the offline cap,
// is refused with what the clerk can take instead.
import { useEffect, useState, type FormEvent } from 'react';
import { checkRedemption } from '../../../../shared/balances';
import { parseMoney } from '../../../../shared/money';
import { newId } from '../../model/ids';
import { useBalances, type BalanceQuote } from './gift-cards';
import { Modal } from '../../ui/Modal';
import type { CartCustomer } from '../../model/cart-types';
import type { Tender } from '../../model/tender';
import { errorMessage } from '../../ui/error-message';
import { fmt } from '../../ui/format';

export function BalanceDialog({
  kind,
  due,
  currency,
  customer,
  tenders = [],
  onTender,
  onClose,
}: {
  kind: 'store_credit' | 'gift_card';
  due: number;
  currency: string;
  customer: CartCustomer | undefined;
  tenders?: readonly Tender[];
  onTender: (t: Tender) => void;
  onClose: () => void;
}) {
  const balances = useBalances();
  const [number, setNumber] = useState('');
  const [amountText, setAmountText] = useState('');
  const [quote, setQuote] = useState<BalanceQuote>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (kind !== 'store_credit' || !customer) return;
    let live = true;
    balances.storeCredit(customer, currency, tenders).then(
      (q) => {
        if (live) setQuote(q);
      },
      (e: unknown) => {
        if (live) setError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
    // Read once per opening of the dialog (balances is a fresh object every render).
  }, [kind, customer?.id]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (kind === 'store_credit' && !customer) throw new Error('Store credit needs a customer on the sale.');
      const current =
        kind === 'gift_card'
          ? await balances.giftCard(number, currency, tenders)
          : (quote ?? (await balances.storeCredit(customer!, currency, tenders)));
      setQuote(current);
      const asked = amountText.trim()
        ? parseMoney(amountText, currency).amount
        : Math.min(due, Math.max(current.available, 0), current.offlineCap ?? Infinity);
      const amount = checkRedemption({
        available: current.available,
        amount: asked,
        due,
        offlineCap: current.offlineCap,
        label: current.label,
        formatAmount: (m) => fmt(m, currency),
      });
      const base = { id: newId(), amount, status: 'approved' as const, at: new Date().toISOString() };
      if (kind === 'gift_card') {
        setNumber('');
        onTender({ ...base, method: 'gift_card', giftCard: current.giftCard! });
      } else {
        onTender({ ...base, method: 'store_credit', storeCreditCustomerId: customer!.id });
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const fallback = quote ? Math.min(due, Math.max(quote.available, 0), quote.offlineCap ?? Infinity) : due;
  return (
    <Modal title={kind === 'store_credit' ? 'Store credit' : 'Gift card'} onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        {kind === 'store_credit' && (
          <p>
            {customer?.name}: balance{' '}
            <strong data-testid="balance-available">{quote ? fmt(quote.available, currency) : '…'}</strong>
          </p>
        )}
        {kind === 'gift_card' && (
          <label className="field">
            <span>Gift card number (scan or type)</span>
            <input
              className="input"
              value={number}
              onChange={(e) => setNumber(e.target.value.replace(/\D/g, ''))}
              inputMode="numeric"
              data-autofocus
              autoComplete="off"
              data-testid="gift-card-number"
            />
          </label>
        )}
        {kind === 'gift_card' && quote && (
          <p>
            {quote.label}: balance{' '}
            <strong data-testid="balance-available">
              {quote.balanceUnknown ? 'checked when back online' : fmt(quote.available, currency)}
            </strong>
          </p>
        )}
        {quote?.offlineCap !== undefined && (
          <p className="notice">Offline: at most {fmt(quote.offlineCap, currency)} from this balance on this sale.</p>
        )}
        <label className="field">
          <span>Amount (empty = {fmt(fallback, currency)})</span>
          <input
            className="input"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            inputMode="decimal"
            autoComplete="off"
            data-autofocus={kind === 'store_credit' ? true : undefined}
            data-testid="balance-amount"
          />
        </label>
        {error && (
          <div className="error" role="alert">
            {error}
          </div>
        )}
        <div className="row">
          <button className="btn primary" type="submit" disabled={busy}>
            {busy ? 'Checking…' : 'Apply'}
          </button>
          <button className="btn" type="button" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
