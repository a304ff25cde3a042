// One store's stock alerts: kind, figures, the reorder suggestion and whether HQ has seen it.
// The SKU opens the store's ledger for the item; "Acknowledge" records who saw it.
import { ALERT_LABELS, type StoreAlertList } from './inventory-types';

export function AlertsTable(props: {
  store: StoreAlertList;
  canAcknowledge: boolean;
  onLedger: (storeCode: string, sku: string) => void;
  onAcknowledge: (storeCode: string, sku: string, kind: string) => void;
}) {
  const { store } = props;
  return (
    <table className="hq-table" aria-label={`Alerts of ${store.storeCode}`}>
      <caption>
        {store.storeCode} {store.storeName} — {store.alerts.length} alert{store.alerts.length === 1 ? '' : 's'}
      </caption>
      <thead>
        <tr>
          <th>SKU</th>
          <th>Alert</th>
          <th className="hq-num">On hand</th>
          <th className="hq-num">Reserved</th>
          <th className="hq-num">Available</th>
          <th className="hq-num">In transit</th>
          <th className="hq-num">Reorder point</th>
          <th className="hq-num">Suggested order</th>
          <th>Seen</th>
        </tr>
      </thead>
      <tbody>
        {store.alerts.map((a) => (
          <tr key={`${a.sku}:${a.kind}`} data-testid={`alert-${store.storeCode}-${a.sku}`}>
            <td>
              <button
                type="button"
                title="Show this store's ledger for the item"
                onClick={() => props.onLedger(store.storeCode, a.sku)}
              >
                {a.sku}
              </button>
            </td>
            <td>{ALERT_LABELS[a.kind]}</td>
            <td className="hq-num">{a.onHand}</td>
            <td className="hq-num">{a.reserved}</td>
            <td className="hq-num">{a.available}</td>
            <td className="hq-num">{a.inTransit}</td>
            <td className="hq-num">{a.reorderPoint ?? '—'}</td>
            <td className="hq-num">{a.suggestedQuantity ?? '—'}</td>
            <td>
              {a.acknowledged ? (
                `Acknowledged by ${a.acknowledged.by}, ${new Date(a.acknowledged.at).toLocaleString()}`
              ) : props.canAcknowledge ? (
                <button type="button" onClick={() => props.onAcknowledge(store.storeCode, a.sku, a.kind)}>
                  Acknowledge
                </button>
              ) : (
                'New'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
