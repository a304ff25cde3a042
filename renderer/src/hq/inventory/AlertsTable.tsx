// One store's stock alerts: kind, figures, the reorder suggestion and whether HQ has seen it.
// The SKU opens the store's ledger for the item; "Acknowledge" records who saw it.
import { SearchTable, type Column } from '../shared/SearchTable';
import { ALERT_LABELS, type StoreAlertList } from './inventory-types';

type Alert = StoreAlertList['alerts'][number];

export function AlertsTable(props: {
  store: StoreAlertList;
  canAcknowledge: boolean;
  onLedger: (storeCode: string, sku: string) => void;
  onAcknowledge: (storeCode: string, sku: string, kind: string) => void;
}) {
  const { store } = props;
  const num = (key: string, header: string, cell: (a: Alert) => number | string): Column<Alert> => ({
    key,
    header,
    cell,
    className: 'hq-num',
  });
  const columns: Column<Alert>[] = [
    {
      key: 'sku',
      header: 'SKU',
      cell: (a) => (
        <button
          type="button"
          title="Show this store's ledger for the item"
          onClick={() => props.onLedger(store.storeCode, a.sku)}
        >
          {a.sku}
        </button>
      ),
    },
    { key: 'kind', header: 'Alert', cell: (a) => ALERT_LABELS[a.kind] },
    num('onHand', 'On hand', (a) => a.onHand),
    num('reserved', 'Reserved', (a) => a.reserved),
    num('available', 'Available', (a) => a.available),
    num('inTransit', 'In transit', (a) => a.inTransit),
    num('reorderPoint', 'Reorder point', (a) => a.reorderPoint ?? '—'),
    num('suggested', 'Suggested order', (a) => a.suggestedQuantity ?? '—'),
    {
      key: 'seen',
      header: 'Seen',
      cell: (a) =>
        a.acknowledged ? (
          `Acknowledged by ${a.acknowledged.by}, ${new Date(a.acknowledged.at).toLocaleString()}`
        ) : props.canAcknowledge ? (
          <button type="button" onClick={() => props.onAcknowledge(store.storeCode, a.sku, a.kind)}>
            Acknowledge
          </button>
        ) : (
          'New'
        ),
    },
  ];
  return (
    <SearchTable
      label={`Alerts of ${store.storeCode}`}
      caption={`${store.storeCode} ${store.storeName} — ${store.alerts.length} alert${store.alerts.length === 1 ? '' : 's'}`}
      columns={columns}
      rows={store.alerts}
      rowKey={(a) => `${a.sku}:${a.kind}`}
      rowProps={(a) => ({ 'data-testid': `alert-${store.storeCode}-${a.sku}` })}
    />
  );
}
