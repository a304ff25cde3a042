// Hand-over at the counter: the customer's pickup code is checked against the replica (so it
// works offline), or the clerk records that they saw ID; any balance the web payment does not
// cover is taken first (BalancePanel). The change and the payments sync when they can.
import { useEffect, useMemo, useState } from 'react';
import type { FulfillmentOrder } from '../../../shared/schemas';
import type { PickupSettlement } from '../../../shared/orders/pickup-settlement';
import { handOver, type Worker } from '../local-data/fulfillment-data';
import { settlementFor } from '../local-data/fulfillment-settlement';
import { paidSoFar } from '../model/tender';
import { useSession } from '../session/session-store';
import { errorMessage } from '../ui/error-message';
import { BalancePanel } from './BalancePanel';
import { usePickupTenders } from './pickup-tenders-store';
import { useAction } from './useAction';
import { useFulfillmentScope } from './usePickupsFeed';

export function HandOverPanel({ fo, worker }: { fo: FulfillmentOrder; worker: Worker }) {
  const scope = useFulfillmentScope();
  const { busy, error, setError, run } = useAction();
  const [method, setMethod] = useState<'pickup_code' | 'id_seen'>(fo.pickupCode ? 'pickup_code' : 'id_seen');
  const [code, setCode] = useState('');
  const [collectedBy, setCollectedBy] = useState(fo.customer.name);
  const [note, setNote] = useState('');
  // Partial pickup: units taken per line (text while typing); untouched lines take everything picked.
  const [taken, setTaken] = useState<Record<string, string>>({});
  const items = fo.lines.filter((l) => l.pickedQuantity > 0);
  const shiftId = useSession((s) => s.till?.shiftId);
  const tenders = usePickupTenders((s) => s.byOrder[fo.id]);
  const addTender = usePickupTenders((s) => s.add);
  const removeTender = usePickupTenders((s) => s.remove);
  const clearTenders = usePickupTenders((s) => s.clear);
  const collected = useMemo(() => {
    const entries = Object.entries(taken).filter(([, v]) => v.trim() !== '');
    return entries.length ? Object.fromEntries(entries.map(([id, v]) => [id, Number(v)])) : undefined;
  }, [taken]);
  // The balance follows the units taken (a partial pickup costs less) and the order's payments.
  const [settlement, setSettlement] = useState<PickupSettlement>();
  useEffect(() => {
    let live = true;
    settlementFor(scope, fo, collected).then(
      (s) => {
        if (live) setSettlement(s);
      },
      (e: unknown) => {
        if (!live) return;
        setSettlement(undefined);
        setError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [scope, fo, collected, setError]);
  const owing = settlement ? Math.max(0, settlement.balanceDue - paidSoFar(tenders ?? [])) : 0;
  const submit = (): void => {
    const proof = method === 'pickup_code' ? { method, code, collectedBy } : { method, collectedBy, note };
    void run(async () => {
      await handOver(scope, fo.id, collected ? { ...proof, collected } : proof, worker, {
        tenders: tenders ?? [],
        shiftId,
      });
      clearTenders(fo.id);
    });
  };
  return (
    <>
      {settlement && settlement.balanceDue > 0 && (
        <BalancePanel
          settlement={settlement}
          tenders={tenders}
          onTender={(t) => addTender(fo.id, t)}
          onRemove={(id) => removeTender(fo.id, id)}
        />
      )}
      <form
        className="panel stack no-print"
        data-testid="handover-panel"
        onSubmit={(e) => (e.preventDefault(), submit())}
      >
        <p>
          Fetch from <strong data-testid="handover-staging">{fo.staging?.location ?? 'the pickup shelf'}</strong>:{' '}
          {items.map((l) => `${l.pickedQuantity} × ${l.name}`).join(', ')}
        </p>
        {method === 'pickup_code' ? (
          <label className="field">
            <span>Pickup code the customer shows or reads out</span>
            <input
              className="input"
              autoFocus
              data-home-focus
              data-scan-input
              data-testid="handover-code"
              autoComplete="off"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              maxLength={20}
            />
          </label>
        ) : (
          <label className="field">
            <span>ID seen (type and last digits, e.g. "driving licence …4821")</span>
            <input
              className="input"
              autoFocus
              data-home-focus
              data-testid="handover-id-note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={150}
            />
          </label>
        )}
        <details data-testid="handover-partial">
          <summary>Customer leaves some items behind (partial pickup)</summary>
          {items.map((l) => (
            <label key={l.id} className="row">
              <span>{l.name}: takes</span>
              <input
                className="input"
                style={{ width: '6em' }}
                inputMode="numeric"
                data-testid="handover-taken"
                data-sku={l.sku}
                placeholder={String(l.pickedQuantity)}
                value={taken[l.id] ?? ''}
                onChange={(e) => setTaken((t) => ({ ...t, [l.id]: e.target.value }))}
              />
              <span>of {l.pickedQuantity}</span>
            </label>
          ))}
        </details>
        <label className="field">
          <span>Collected by</span>
          <input
            className="input"
            data-testid="handover-collected-by"
            value={collectedBy}
            onChange={(e) => setCollectedBy(e.target.value)}
            maxLength={200}
          />
        </label>
        <div className="row">
          <button type="submit" className="btn primary" data-testid="handover-confirm" disabled={busy || owing > 0}>
            {owing > 0 ? 'Take the balance first' : 'Hand over'} <kbd>Enter</kbd>
          </button>
          <button
            type="button"
            className="btn"
            data-testid="handover-switch"
            onClick={() => setMethod(method === 'pickup_code' ? 'id_seen' : 'pickup_code')}
          >
            {method === 'pickup_code' ? 'No code? Check ID instead' : 'Use the pickup code'}
          </button>
        </div>
        {error && (
          <p className="error" role="alert" data-testid="pickup-error">
            {error}
          </p>
        )}
      </form>
    </>
  );
}
