// Pick by scan, for one order or a batch: the list in walking order, each scan ticks a line
// (a wrong item: a clear message and a buzz), a line can be reported short with a reason.
import { useState } from 'react';
import type { FulfillmentOrder } from '../../../shared/schemas';
import { openUnits, type PickListItem } from '../../../shared/orders/fulfillment-work';
import { finishPick, reportShort, type Worker } from '../local-data/fulfillment-data';
import { useKeyLayer } from '../keys/useKeyLayer';
import { Action } from '../keys/shortcuts';
import { Modal } from '../ui/Modal';
import { useAction } from './useAction';
import { usePickScanner } from './usePickScanner';
import { useFulfillmentScope } from './usePickupsFeed';

function settled(fo: FulfillmentOrder): boolean {
  return fo.lines.every((l) => openUnits(l) === 0) && fo.lines.some((l) => l.pickedQuantity > 0);
}

export function PickPanel({ orders: live, worker }: { orders: FulfillmentOrder[]; worker: Worker }) {
  const scope = useFulfillmentScope();
  const picker = usePickScanner(live);
  const action = useAction();
  const [code, setCode] = useState('');
  const [selected, setSelected] = useState(0);
  const [shorting, setShorting] = useState<PickListItem>();
  const done = picker.orders.filter(settled);
  const item = picker.list[Math.min(selected, picker.list.length - 1)];

  useKeyLayer({
    // A scan while focus is elsewhere (the clerk clicked a line) still picks.
    onScan: (scanned) => picker.scan(scanned),
    onAction: (a) => {
      if (a === Action.LINE_UP) return (setSelected((s) => Math.max(0, s - 1)), true);
      if (a === Action.LINE_DOWN) return (setSelected((s) => Math.min(picker.list.length - 1, s + 1)), true);
      if (a === Action.VOID_LINE && item) return (setShorting(item), true);
      return false;
    },
  });

  const finish = (): void => {
    void action.run(async () => {
      for (const fo of done) await finishPick(scope, fo.id, worker);
    });
  };

  return (
    <div className="panel stack no-print" data-testid="pick-panel">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!code.trim() && done.length > 0 && picker.list.length === 0 && picker.pending === 0) return finish();
          picker.scan(code);
          setCode('');
        }}
      >
        <input
          className="input"
          autoFocus
          data-home-focus
          data-scan-input
          data-testid="pick-scan"
          placeholder="Scan each item (barcode or SKU)"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </form>
      {picker.error && (
        <p className="error" role="alert" data-testid="pick-error">
          {picker.error}
        </p>
      )}
      {!picker.error && picker.confirmed && (
        <p className="pick-flash" data-testid="pick-confirmed">
          ✓ {picker.confirmed}
        </p>
      )}
      <table className="pick-lines" data-testid="pick-list">
        <thead>
          <tr>
            <th>Where</th>
            <th>Item</th>
            {live.length > 1 && <th>Order</th>}
            <th>To pick</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {picker.list.map((i, n) => (
            <tr
              key={`${i.fulfillmentOrderId}:${i.lineId}`}
              className={n === selected ? 'selected' : ''}
              data-testid="pick-line"
              data-sku={i.sku}
              data-open={i.open}
              onClick={() => setSelected(n)}
            >
              <td data-testid="pick-location">{i.location ?? ''}</td>
              <td>
                {i.name} <span className="muted">{i.sku}</span>
              </td>
              {live.length > 1 && <td>{i.orderNumber}</td>}
              <td data-testid="pick-open">{i.open}</td>
              <td>
                <button
                  type="button"
                  className="btn"
                  tabIndex={-1}
                  data-testid="short-line"
                  onClick={() => setShorting(i)}
                >
                  Short… <kbd>F6</kbd>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {picker.list.length === 0 && <p data-testid="pick-all-done">Everything is picked or reported short.</p>}
      <div className="row">
        <button
          type="button"
          className="btn primary"
          data-testid="finish-pick"
          disabled={done.length === 0 || picker.pending > 0 || action.busy}
          onClick={finish}
        >
          {live.length > 1
            ? `Finish ${done.length} picked ${done.length === 1 ? 'order' : 'orders'}`
            : 'Finish picking'}{' '}
          <kbd>Enter</kbd>
        </button>
        {picker.pending > 0 && <span className="muted">Saving {picker.pending}…</span>}
      </div>
      {action.error && (
        <p className="error" role="alert" data-testid="pickup-error">
          {action.error}
        </p>
      )}
      {shorting && (
        <ShortDialog
          item={shorting}
          onClose={() => setShorting(undefined)}
          onSubmit={(units, reason) =>
            action
              .run(() => reportShort(scope, shorting.fulfillmentOrderId, shorting.lineId, units, reason, worker))
              .then((ok) => ok && setShorting(undefined))
          }
          error={action.error}
        />
      )}
    </div>
  );
}

function ShortDialog({
  item,
  onClose,
  onSubmit,
  error,
}: {
  item: PickListItem;
  onClose: () => void;
  onSubmit: (units: number, reason: string) => Promise<unknown>;
  error: string | undefined;
}) {
  const [units, setUnits] = useState(String(item.open));
  const [reason, setReason] = useState('Not on the shelf');
  return (
    <Modal title={`Report ${item.name} short`} onClose={onClose} testId="short-dialog">
      <form className="stack" onSubmit={(e) => (e.preventDefault(), void onSubmit(Number(units), reason))}>
        <label className="field">
          <span>Units not found (of {item.open} still to pick)</span>
          <input
            className="input"
            data-autofocus
            inputMode="numeric"
            data-testid="short-units"
            value={units}
            onChange={(e) => setUnits(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Reason</span>
          <input
            className="input"
            data-testid="short-reason"
            value={reason}
            maxLength={150}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <p className="muted">
          Order management re-routes the missing units; the shelf count is corrected by the same number.
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="btn primary" data-testid="short-confirm">
            Report short <kbd>Enter</kbd>
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
