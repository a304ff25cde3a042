// This store's stock alerts on the stock screen: negative stock, oversold items and items at or
// below their reorder point with the suggested order. Picking a row looks the item up.
import type { StockAlert } from '../../../shared/inventory/alerts';

const LABEL: Record<StockAlert['kind'], string> = {
  negative: 'Negative stock',
  oversold: 'Oversold',
  below_reorder: 'Below reorder point',
};

export function AlertsPanel({ alerts, onPick }: { alerts: StockAlert[] | null; onPick: (sku: string) => void }) {
  return (
    <div className="panel stack" data-testid="stock-alerts">
      <h2>Alerts</h2>
      {alerts === null && <p className="muted">The server cannot be reached: alerts show when it is back.</p>}
      {alerts?.length === 0 && <p className="muted">No stock alerts for this store.</p>}
      {alerts && alerts.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th>Alert</th>
              <th>SKU</th>
              <th className="num">On hand</th>
              <th className="num">Available</th>
              <th className="num">Reorder point</th>
              <th className="num">In transit</th>
              <th className="num">Order</th>
            </tr>
          </thead>
          <tbody>
            {alerts.slice(0, 200).map((a) => (
              <tr key={a.sku} data-testid={`stock-alert-${a.sku}`} onClick={() => onPick(a.sku)}>
                <td className={a.kind === 'below_reorder' ? '' : 'bad-text'}>{LABEL[a.kind]}</td>
                <td>{a.sku}</td>
                <td className="num">{a.onHand}</td>
                <td className="num">{a.available}</td>
                <td className="num">{a.reorderPoint ?? ''}</td>
                <td className="num">{a.inTransit || ''}</td>
                <td className="num" data-testid="suggested">
                  {a.suggestedQuantity || ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
