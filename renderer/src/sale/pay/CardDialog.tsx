// Card payment as with a card-present terminal: the clerk sets the amount and presses Charge; the
// customer presents the card on the terminal. This build's terminal is the built-in simulator,
// whose buttons decide what the presented card does (approve, decline, no answer, half approval).
// The clerk never types a card number; keying one in is a fallback for a supervisor or above.
// Each outcome is said plainly; offline, the payment is stored and forwarded with its expiry shown.
// An online charge is written to disk as an attempt before the terminal is asked; an attempt left
// open (no answer, or a restart) is settled with "Check payment status" (card-attempt-recovery.ts).
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
import { approvedCardTender, nextPaymentKey } from './card-attempt';
import { useCart } from '../cart-store';
import { useTenders } from '../tender-store';
import { flushSaleState } from '../sale-state-storage';
import { describeCardResolution, resolveCardAttempt } from '../card-attempt-recovery';

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
  const [statusNote, setStatusNote] = useState<string>();
  const saleId = useCart((s) => s.cart.saleId);
  const attempt = useTenders((s) => (s.saleId === saleId ? s.attempt : undefined));
  // An open attempt (no answer, or one found at restart) is the same payment: keep its id.
  const key = useRef(useTenders.getState().attemptFor(saleId)?.paymentId ?? newId());

  const checkStatus = async (): Promise<void> => {
    setError(undefined);
    setOutcome(undefined);
    setBusy(true);
    try {
      const resolution = await resolveCardAttempt(saleId, (t) => backend.cardTerminal(t), onTender);
      if (resolution) setStatusNote(describeCardResolution(resolution, fmt).replace(' when the register stopped', ''));
      if (resolution && resolution.kind !== 'unknown') key.current = newId();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const charge = async (entry: CardEntry): Promise<void> => {
    if (!policy) return;
    setError(undefined);
    setOutcome(undefined);
    setStatusNote(undefined);
    const paymentId = key.current;
    const entryMode = entry.mode === 'keyed' ? 'keyed' : 'chip';
    let sent = false;
    try {
      const amount = amountText.trim() ? parseMoney(amountText, currency).amount : due;
      applyTender(due, 'card', amount);
      setBusy(true);
      setNumber(''); // a keyed number leaves the screen as soon as it is sent
      if (online) {
        // On disk before the terminal is asked: a restart after the bank's approval finds it.
        useTenders.getState().beginAttempt(saleId, {
          paymentId,
          amount,
          currency,
          training,
          entryMode,
          startedAt: new Date().toISOString(),
        });
        await flushSaleState();
      }
      sent = true;
      const result = await terminal.charge({
        entry,
        amount,
        currency,
        idempotencyKey: paymentId,
        online,
        offlinePolicy: policy,
        pendingOffline: await backend.pendingOfflineCard(),
      });
      // A decline or an approval ends this payment: the next card is a new payment with a new id.
      // After no answer the same id is retried, so the gateway can never charge twice.
      key.current = nextPaymentKey(paymentId, result, newId);
      setOutcome(result);
      const at = new Date().toISOString();
      if (result.kind === 'approved' || result.kind === 'partial') {
        onTender(approvedCardTender(paymentId, result, entryMode, at)); // its id settles the attempt
      } else if (result.kind === 'declined') {
        useTenders.getState().clearAttempt(paymentId);
      } else if (result.kind === 'stored_offline') {
        onTender({
          id: paymentId,
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
      // Refused before or by the gateway: ask it whether anything was charged under this id.
      if (sent && online)
        await resolveCardAttempt(saleId, (t) => backend.cardTerminal(t), onTender).catch(() => undefined);
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
            No answer from the card company. Press “Check payment status”, or “Charge” to ask again: the retry carries
            the same payment id, so if the first attempt went through, the card company answers with that approval
            instead of charging twice.
          </div>
        )}
        {attempt && !busy && outcome?.kind !== 'timeout' && (
          <div className="error" role="alert" data-testid="card-attempt-open">
            A card payment of {fmt(attempt.amount, attempt.currency)} was sent and its result is unknown. Press “Check
            payment status” before charging again; “Charge” carries the same payment id, so it cannot charge twice.
          </div>
        )}
        {statusNote && (
          <div className="notice" role="status" data-testid="card-status-note">
            {statusNote}
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
          {attempt && (
            <button
              className="btn"
              type="button"
              onClick={() => void checkStatus()}
              disabled={busy}
              data-testid="card-check-status"
            >
              Check payment status
            </button>
          )}
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
