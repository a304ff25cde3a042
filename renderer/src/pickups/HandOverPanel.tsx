// Hand-over at the counter: the customer's pickup code is checked against the replica (so it
// works offline), or the clerk records that they saw ID. The change syncs when it can.
import { useState } from 'react';
import type { FulfillmentOrder } from '../../../shared/schemas';
import { handOver, type Worker } from '../local-data/fulfillment-data';
import { useAction } from './useAction';
import { useFulfillmentScope } from './usePickupsFeed';

export function HandOverPanel({ fo, worker }: { fo: FulfillmentOrder; worker: Worker }) {
  const scope = useFulfillmentScope();
  const { busy, error, run } = useAction();
  const [method, setMethod] = useState<'pickup_code' | 'id_seen'>(fo.pickupCode ? 'pickup_code' : 'id_seen');
  const [code, setCode] = useState('');
  const [collectedBy, setCollectedBy] = useState(fo.customer.name);
  const [note, setNote] = useState('');
  const items = fo.lines.filter((l) => l.pickedQuantity > 0);
  const submit = (): void => {
    void run(() => handOver(scope, fo.id, method === 'pickup_code' ? { method, code, collectedBy } : { method, collectedBy, note }, worker));
  };
  return (
    <form className="panel stack no-print" data-testid="handover-panel" onSubmit={(e) => (e.preventDefault(), submit())}>
      <p>Fetch from <strong data-testid="handover-staging">{fo.staging?.location ?? 'the pickup shelf'}</strong>: {items.map((l) => `${l.pickedQuantity} × ${l.name}`).join(', ')}</p>
      {method === 'pickup_code' ? (
        <label className="field"><span>Pickup code the customer shows or reads out</span>
          <input className="input" autoFocus data-home-focus data-scan-input data-testid="handover-code" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} maxLength={20} />
        </label>
      ) : (
        <label className="field"><span>ID seen (type and last digits, e.g. "driving licence …4821")</span>
          <input className="input" autoFocus data-home-focus data-testid="handover-id-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={150} />
        </label>
      )}
      <label className="field"><span>Collected by</span>
        <input className="input" data-testid="handover-collected-by" value={collectedBy} onChange={(e) => setCollectedBy(e.target.value)} maxLength={200} />
      </label>
      <div className="row">
        <button type="submit" className="btn primary" data-testid="handover-confirm" disabled={busy}>Hand over <kbd>Enter</kbd></button>
        <button type="button" className="btn" data-testid="handover-switch" onClick={() => setMethod(method === 'pickup_code' ? 'id_seen' : 'pickup_code')}>
          {method === 'pickup_code' ? 'No code? Check ID instead' : 'Use the pickup code'}
        </button>
      </div>
      {error && <p className="error" role="alert" data-testid="pickup-error">{error}</p>}
    </form>
  );
}
