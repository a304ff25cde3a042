// Store credit (the attached customer's balance) or a gift card (its number is turned into a
// token at once; only the last four digits are kept).
import { useState, type FormEvent } from 'react';
import { parseMoney } from '../../../../shared/money';
import { newId } from '../../adapters/ids';
import { applyTender } from '../../adapters/payments';
import { useGiftCards } from '../../adapters/gift-cards';
import { Modal } from '../../layout/Modal';
import type { CartCustomer } from '../../state/cart-types';
import type { Tender } from '../../state/tender-store';
import { errorMessage } from '../error-message';
import { fmt } from '../format';

export function BalanceDialog({ kind, due, currency, customer, onTender, onClose }: {
  kind: 'store_credit' | 'gift_card'; due: number; currency: string; customer: CartCustomer | undefined; onTender: (t: Tender) => void; onClose: () => void;
}) {
  const giftCards = useGiftCards();
  const [number, setNumber] = useState('');
  const [amountText, setAmountText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const balance = kind === 'store_credit' ? customer?.storeCreditBalance ?? 0 : undefined;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    try {
      if (kind === 'store_credit') {
        if (!customer) throw new Error('no customer');
        const amount = amountText.trim() ? parseMoney(amountText, currency).amount : Math.min(due, balance ?? 0);
        applyTender(due, 'store_credit', amount);
        if (amount > (balance ?? 0)) {
          setError(`${customer.name} has ${fmt(balance ?? 0, currency)} of store credit. Use at most that, and take the rest another way.`);
          return;
        }
        onTender({ id: newId(), method: 'store_credit', amount, status: 'approved', storeCreditCustomerId: customer.id, at: new Date().toISOString() });
      } else {
        const redeemed = await giftCards.redeem(number, amountText.trim() ? parseMoney(amountText, currency).amount : due, due, currency);
        setNumber('');
        onTender({ id: newId(), method: 'gift_card', amount: redeemed.amount, status: 'approved', giftCard: { token: redeemed.token, last4: redeemed.last4 }, at: new Date().toISOString() });
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={kind === 'store_credit' ? 'Store credit' : 'Gift card'} onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        {kind === 'store_credit' && <p>{customer?.name}: balance <strong>{fmt(balance ?? 0, currency)}</strong></p>}
        {kind === 'gift_card' && (
          <label className="field"><span>Gift card number (scan or type)</span>
            <input className="input" value={number} onChange={(e) => setNumber(e.target.value.replace(/\D/g, ''))} inputMode="numeric" data-autofocus autoComplete="off" />
          </label>
        )}
        <label className="field"><span>Amount (empty = {fmt(Math.min(due, balance ?? due), currency)})</span>
          <input className="input" value={amountText} onChange={(e) => setAmountText(e.target.value)} inputMode="decimal" autoComplete="off" data-autofocus={kind === 'store_credit' ? true : undefined} />
        </label>
        {error && <div className="error" role="alert">{error}</div>}
        <div className="row">
          <button className="btn primary" type="submit" disabled={busy}>{busy ? 'Checking…' : 'Apply'}</button>
          <button className="btn" type="button" onClick={onClose}>Cancel <kbd>Esc</kbd></button>
        </div>
      </form>
    </Modal>
  );
}
