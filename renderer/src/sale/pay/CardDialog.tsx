// Card payment. In this build the card is keyed (the gateway simulator decides by test card
// number: approve, decline, timeout, partial approval). Each outcome is shown in plain words;
// offline, the payment is stored and forwarded later, with its expiry visible.
import { useRef, useState, type FormEvent } from 'react';
import { parseMoney } from '../../../../shared/money';
import { newId } from '../../model/ids';
import { applyTender } from './payments';
import { useBackend } from '../../model/backend-context';
import type { CardOutcome } from '../../model/card-payments';
import { Modal } from '../../ui/Modal';
import { useSaleContext } from '../../session/sale-context-store';
import { useSyncStatus } from '../../session/sync-status-store';
import type { Tender } from '../../model/tender';
import { errorMessage } from '../../ui/error-message';
import { fmt } from '../../ui/format';

export function CardDialog({ due, currency, training, onTender, onClose }: { due: number; currency: string; training: boolean; onTender: (t: Tender) => void; onClose: () => void }) {
  const backend = useBackend();
  const [expiry, setExpiry] = useState('');
  const terminal = backend.cardTerminal(training);
  const online = useSyncStatus((s) => s.online);
  const policy = useSaleContext((s) => s.context?.offlineCard);
  const [number, setNumber] = useState('');
  const [amountText, setAmountText] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CardOutcome>();
  const [error, setError] = useState<string>();
  const key = useRef(newId());

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!policy) return;
    setError(undefined);
    setOutcome(undefined);
    try {
      const amount = amountText.trim() ? parseMoney(amountText, currency).amount : due;
      applyTender(due, 'card', amount);
      setBusy(true);
      const cardNumber = number;
      setNumber(''); // the number leaves the screen as soon as it is sent
      const result = await terminal.charge({
        card: { number: cardNumber, expiry }, amount, currency, idempotencyKey: key.current, online, offlinePolicy: policy, pendingOffline: await backend.pendingOfflineCard(),
      });
      setOutcome(result);
      const at = new Date().toISOString();
      if (result.kind === 'approved' || result.kind === 'partial') {
        key.current = newId();
        onTender({
          id: newId(), method: 'card', amount: result.amount, status: 'approved', at,
          card: { token: result.token, last4: result.last4, brand: result.brand, authCode: result.authCode, entryMode: 'keyed' },
          gateway: { name: result.gateway, reference: result.reference },
        });
      } else if (result.kind === 'stored_offline') {
        key.current = newId();
        onTender({
          id: newId(), method: 'card', amount: result.amount, status: 'pending_offline', at,
          card: { token: result.token, last4: result.last4, brand: result.brand, entryMode: 'keyed' },
          offline: { capturedAt: result.capturedAt, expiresAt: result.expiresAt },
        });
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={`Card payment${online ? '' : ' — OFFLINE'}`} onClose={onClose} testId="card-dialog">
      <form className="stack" onSubmit={(e) => void submit(e)}>
        {!online && policy && (
          <p className="notice">The register is offline. The card is stored and sent when the connection is back (up to {fmt(policy.perTransactionCap, currency)} per sale, within {policy.expiryHours} h).</p>
        )}
        <label className="field"><span>Card number (insert, tap or key)</span>
          <input className="input" value={number} onChange={(e) => setNumber(e.target.value.replace(/[^\d ]/g, ''))} inputMode="numeric" autoComplete="off" data-autofocus data-testid="card-number" disabled={busy} />
        </label>
        <label className="field"><span>Expiry (MM/YY)</span>
          <input className="input" value={expiry} onChange={(e) => setExpiry(e.target.value)} inputMode="numeric" autoComplete="off" placeholder="12/29" data-testid="card-expiry" disabled={busy} />
        </label>
        <label className="field"><span>Amount (empty = {fmt(due, currency)} due)</span>
          <input className="input" value={amountText} onChange={(e) => setAmountText(e.target.value)} inputMode="decimal" autoComplete="off" data-testid="card-amount" disabled={busy} />
        </label>
        {busy && <div className="notice" role="status">Waiting for the card company… do not remove the card.</div>}
        {outcome?.kind === 'partial' && <div className="notice" role="status" data-testid="card-outcome">Partly approved: {fmt(outcome.amount, currency)} of {fmt(outcome.requested, currency)}. Take the rest another way.</div>}
        {outcome?.kind === 'declined' && <div className="error" role="alert" data-testid="card-outcome">Declined: {outcome.message} Ask for another card or another way to pay.</div>}
        {outcome?.kind === 'timeout' && <div className="error" role="alert" data-testid="card-outcome">No answer from the card company. {outcome.message} Press “Charge” again: the same payment is retried, never charged twice.</div>}
        {error && <div className="error" role="alert" data-testid="card-error">{error}</div>}
        <div className="row">
          <button className="btn primary" type="submit" disabled={busy || number.replace(/\D/g, '').length < 12} data-testid="card-charge">Charge <kbd>Enter</kbd></button>
          <button className="btn" type="button" onClick={onClose} disabled={busy}>Cancel <kbd>Esc</kbd></button>
        </div>
      </form>
    </Modal>
  );
}
