// Picked: put the order on a shelf or in a bin, scan or type where, and mark it ready. The
// customer's "ready for pickup" e-mail goes from the server's outbox when the change arrives.
import { useState } from 'react';
import type { FulfillmentOrder } from '../../../shared/schemas';
import { markReady, type Worker } from '../local-data/fulfillment-data';
import { useAction } from './useAction';
import { useFulfillmentScope } from './usePickupsFeed';

export function ReadyPanel({ fo, worker }: { fo: FulfillmentOrder; worker: Worker }) {
  const scope = useFulfillmentScope();
  const { busy, error, run } = useAction();
  const [location, setLocation] = useState('');
  const short = fo.lines.filter((l) => l.shortQuantity > 0);
  return (
    <form
      className="panel stack no-print"
      data-testid="ready-panel"
      onSubmit={(e) => (e.preventDefault(), void run(() => markReady(scope, fo.id, location, worker)))}
    >
      {short.length > 0 && (
        <p className="muted">
          Short: {short.map((l) => `${l.shortQuantity} × ${l.name}`).join(', ')} — order management re-routes these;
          stage what was found.
        </p>
      )}
      <label className="field">
        <span>Staging shelf or bin</span>
        <input
          className="input"
          autoFocus
          data-home-focus
          data-scan-input
          data-testid="staging-input"
          placeholder="Scan the shelf label, e.g. P-03"
          value={location}
          maxLength={40}
          onChange={(e) => setLocation(e.target.value)}
        />
      </label>
      <button type="submit" className="btn primary" data-testid="mark-ready" disabled={busy}>
        Mark ready for pickup <kbd>Enter</kbd>
      </button>
      {error && (
        <p className="error" role="alert" data-testid="pickup-error">
          {error}
        </p>
      )}
    </form>
  );
}
