// Card payment as with a card-present terminal: the clerk sets the amount and presses Charge; the
// customer presents the card on the terminal. This build's terminal is the built-in simulator,
// whose buttons decide what the presented card does (approve, decline, no answer, half approval).
// The clerk never types a card number; keying one in is a fallback for a supervisor or above.
// Each outcome is said plainly; offline, the payment is stored and forwarded with its expiry shown.
import { useRef, useState, type FormEvent } from 'react';
import { parseMoney } from '../../../../shared/money';
import { newId } from '../../model/ids';
import { isManager } from '../../model/clerk';
import { applyTender } from './payments';
import { useBackend } from '../../model/backend-context';
import { SimulatedCard, type CardEntry, type CardOutcome } from '../../model/card-payments';
import { Modal } from '../../ui/Modal';
import { useSaleContext } from '../../session/sale-context-store';
import { useSession } from '../../session/session-store';
import { useSyncStatus } from '../../session/sync-status-store';
import type { Tender } from '../../model/tender';
import { errorMessage } from '../../ui/error-message';
import { fmt } from '../../ui/format';
import { nextPaymentKey } from './card-attempt';

export function CardDialog({
  due,
  currency,
  training,
  onTender,
  onClose,
}: {
  due: number;
  currency: string;
  training: boolean;
  onTender: (t: Tender) => void;
  onClose: () => void;
}) {
  const backend = useBackend();
  const terminal = backend.cardTerminal(training);
  const online = useSyncStatus((s) => s.online);
  const policy = useSaleContext((s) => s.context?.offlineCard);
  const mayKey = useSession((s) => (s.clerk ? isManager(s.clerk.role) : false));
  const [amountText, setAmountText] = useState('');
  const [manual, setManual] = useState(false);
  const [number, setNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CardOutcome>();
  const [error, setError] = useState<string>();
  const key = useRef(newId());

  const charge = async (entry: CardEntry): Promise<void> => {
    if (!policy) return;
    setError(undefined);
    setOutcome(undefined);
    try {
      const amount = amountText.trim() ? parseMoney(amountText, currency).amount : due;
      applyTender(due, 'card', amount);
      setBusy(true);
      setNumber(''); // a keyed number leaves the screen as soon as it is sent
      const result = await terminal.charge({
        entry,
        amount,
        currency,
        idempotencyKey: key.current,
        online,
        offlinePolicy: policy,
        pendingOffline: await backend.pendingOfflineCard(),
      });
      // A decline or an approval ends this payment: the next card is a new payment with a new id.
      // After no answer the same id is retried, so the gateway can never charge twice.
      key.current = nextPaymentKey(key.current, result, newId);
      setOutcome(result);
      const at = new Date().toISOString();
      const entryMode = entry.mode === 'keyed' ? 'keyed' : 'chip';
      if (result.kind === 'approved' || result.kind === 'partial') {
        onTender({
          id: newId(),
          method: 'card',
          amount: result.amount,
          status: 'approved',
          at,
          card: { token: result.token, last4: result.last4, brand: result.brand, authCode: result.authCode, entryMode },
          gateway: { name: result.gateway, reference: result.reference },
        });
      } else if (result.kind === 'stored_offline') {
        onTender({
          id: newId(),
          method: 'card',
          amount: result.amount,
          status: 'pending_offline',
          at,
          card: { token: result.token, last4: result.last4, brand: result.brand, entryMode },
          offline: { capturedAt: result.capturedAt, expiresAt: result.expiresAt },
        });
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void charge(manual ? { mode: 'keyed', number, expiry } : { mode: 'terminal', simulate: SimulatedCard.APPROVE });
  };

  return (
    <Modal title={`Card payment${online ? '' : ' — OFFLINE'}`} onClose={onClose} testId="card-dialog">
      <form className="stack" onSubmit={submit}>
        {!online && policy && (
          <p className="notice">
            The register is offline. The card is stored and sent when the connection is back (up to{' '}
            {fmt(policy.perTransactionCap, currency)} per sale, within {policy.expiryHours} h).
          </p>
        )}
        <label className="field">
          <span>Amount (empty = {fmt(due, currency)} due)</span>
          <input
            className="input"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            inputMode="decimal"
            autoComplete="off"
            data-autofocus
            data-testid="card-amount"
            disabled={busy}
          />
        </label>
        {manual && (
          <>
            <label className="field">
              <span>Card number (manual entry)</span>
              <input
                className="input"
                value={number}
                onChange={(e) => setNumber(e.target.value.replace(/[^\d ]/g, ''))}
                inputMode="numeric"
                autoComplete="off"
                data-testid="card-number"
                disabled={busy}
              />
            </label>
            <label className="field">
              <span>Expiry (MM/YY)</span>
              <input
                className="input"
                value={expiry}
                onChange={(e) => setExpiry(e.target.value)}
                inputMode="numeric"
                autoComplete="off"
                placeholder="12/29"
                data-testid="card-expiry"
                disabled={busy}
              />
            </label>
          </>
        )}
        {busy && (
          <div className="notice" role="status">
            Waiting for the card company… do not remove the card.
          </div>
        )}
        {outcome?.kind === 'partial' && (
          <div className="notice" role="status" data-testid="card-outcome">
            Partly approved: {fmt(outcome.amount, currency)} of {fmt(outcome.requested, currency)}. Take the rest
            another way.
          </div>
        )}
        {outcome?.kind === 'declined' && (
          <div className="error" role="alert" data-testid="card-outcome">
            Declined: {outcome.message} Ask for another card or another way to pay; the next card is a new payment.
          </div>
        )}
        {outcome?.kind === 'timeout' && (
          <div className="error" role="alert" data-testid="card-outcome">
            No answer from the card company. Press “Charge” to ask again: the retry carries the same payment id, so if
            the first attempt went through, the card company answers with that approval instead of charging twice.
          </div>
        )}
        {error && (
          <div className="error" role="alert" data-testid="card-error">
            {error}
          </div>
        )}
        <div className="row">
          <button
            className="btn primary"
            type="submit"
            disabled={busy || (manual && number.replace(/\D/g, '').length < 12)}
            data-testid="card-charge"
          >
            Charge <kbd>Enter</kbd>
          </button>
          <button className="btn" type="button" onClick={onClose} disabled={busy}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
        {!manual && (
          <div className="panel stack terminal-sim" data-testid="terminal-simulator">
            <span className="muted">
              Card terminal (simulator): “Charge” presents a card that is approved. To try other cards:
            </span>
            <div className="row">
              <button
                className="btn"
                type="button"
                disabled={busy}
                onClick={() => void charge({ mode: 'terminal', simulate: SimulatedCard.DECLINE })}
                data-testid="sim-decline"
              >
                Declined card
              </button>
              <button
                className="btn"
                type="button"
                disabled={busy}
                onClick={() => void charge({ mode: 'terminal', simulate: SimulatedCard.TIMEOUT })}
                data-testid="sim-timeout"
              >
                No answer
              </button>
              <button
                className="btn"
                type="button"
                disabled={busy}
                onClick={() => void charge({ mode: 'terminal', simulate: SimulatedCard.PARTIAL })}
                data-testid="sim-partial"
              >
                Half approved
              </button>
            </div>
          </div>
        )}
        <div className="row">
          {manual ? (
            <button
              className="btn"
              type="button"
              onClick={() => setManual(false)}
              disabled={busy}
              data-testid="card-terminal-mode"
            >
              Use the terminal
            </button>
          ) : (
            <button
              className="btn"
              type="button"
              onClick={() => setManual(true)}
              disabled={busy || !mayKey}
              data-testid="card-manual"
            >
              Key in a card number
            </button>
          )}
          {!mayKey && !manual && (
            <span className="muted">Keying a card number needs a supervisor or manager signed in.</span>
          )}
        </div>
      </form>
    </Modal>
  );
}
