// Accept a new order (picking starts) or reject it with a reason; a rejection goes back to order
// management, which routes the order to another store.
import { useState } from 'react';
import type { FulfillmentOrder } from '../../../shared/schemas';
import { acceptOrder, rejectOrder, type Worker } from '../local-data/fulfillment-data';
import { useAction } from './useAction';
import { useFulfillmentScope } from './usePickupsFeed';

const REASONS = ['No stock on the shelf', 'Store at capacity', 'Store closing', 'Item damaged'];

export function AcceptPanel({ fo, worker }: { fo: FulfillmentOrder; worker: Worker }) {
  const scope = useFulfillmentScope();
  const { busy, error, run } = useAction();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <div className="panel stack no-print" data-testid="accept-panel">
      {!rejecting ? (
        <div className="row">
          <button
            type="button"
            className="btn primary"
            data-home-focus
            autoFocus
            data-testid="accept-order"
            disabled={busy}
            onClick={() => void run(() => acceptOrder(scope, fo.id, worker))}
          >
            Accept and start picking <kbd>Enter</kbd>
          </button>
          <button
            type="button"
            className="btn danger"
            data-testid="reject-order"
            disabled={busy}
            onClick={() => setRejecting(true)}
          >
            Reject…
          </button>
        </div>
      ) : (
        <form
          className="stack"
          onSubmit={(e) => (e.preventDefault(), void run(() => rejectOrder(scope, fo.id, worker, reason)))}
        >
          <label className="field">
            <span>Why can this store not fulfil it? Order management sends it to another store.</span>
            <input
              className="input"
              autoFocus
              data-home-focus
              list="reject-reasons"
              data-testid="reject-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={200}
            />
            <datalist id="reject-reasons">
              {REASONS.map((r) => (
                <option key={r} value={r} />
              ))}
            </datalist>
          </label>
          <div className="row">
            <button type="submit" className="btn danger" data-testid="confirm-reject" disabled={busy}>
              Reject order <kbd>Enter</kbd>
            </button>
            <button type="button" className="btn" onClick={() => setRejecting(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="error" role="alert" data-testid="pickup-error">
          {error}
        </p>
      )}
    </div>
  );
}
