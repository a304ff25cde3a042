// Lines and history of an order, for every state (what happened, by whom, why).
import type { FulfillmentOrder } from '../../../shared/schemas';
import { STATUS_LABEL } from './labels';

export function OrderSummary({ fo }: { fo: FulfillmentOrder }) {
  return (
    <div className="panel stack" data-testid="order-summary">
      <table className="pick-lines">
        <thead>
          <tr>
            <th>Item</th>
            <th>Ordered</th>
            <th>Picked</th>
            <th>Short</th>
          </tr>
        </thead>
        <tbody>
          {fo.lines.map((l) => (
            <tr key={l.id}>
              <td>
                {l.name} <span className="muted">{l.sku}</span>
              </td>
              <td>{l.quantity}</td>
              <td>{l.pickedQuantity}</td>
              <td>{l.shortQuantity || ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {fo.staging && (
        <p>
          Staged at <strong data-testid="staging-location">{fo.staging.location}</strong>
        </p>
      )}
      {fo.handover && (
        <p data-testid="handover-record">
          Collected by {fo.handover.collectedBy} (
          {fo.handover.method === 'pickup_code'
            ? 'pickup code checked'
            : `ID seen${fo.handover.note ? `: ${fo.handover.note}` : ''}`}
          ) on {new Date(fo.handover.at).toLocaleString()}
        </p>
      )}
      {fo.shipment && (
        <p data-testid="shipment-record">
          Shipped with {fo.shipment.carrier}, tracking <strong>{fo.shipment.trackingNumber}</strong>
        </p>
      )}
      <details>
        <summary>History ({fo.history.length})</summary>
        <ul>
          {fo.history.map((h, i) => (
            <li key={i}>
              {new Date(h.at).toLocaleString()} — {STATUS_LABEL[h.status]}
              {h.reason ? ` (${h.reason})` : ''}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
