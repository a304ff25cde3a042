// Other stores' availability, nearest first, one row per store and item.
import type { AvailabilityAnswer } from '../../../shared/inventory/availability';

export function OtherStoresTable({
  answer,
  excludeStoreId,
  names,
}: {
  answer: AvailabilityAnswer;
  excludeStoreId: string | undefined;
  names: Map<string, string>;
}) {
  const rows = answer.rows.filter((r) => r.storeId !== excludeStoreId);
  if (rows.length === 0) return <p className="muted">No other store is configured.</p>;
  const multi = names.size > 1;
  return (
    <table className="grid" data-testid="stock-others">
      <thead>
        <tr>
          <th>Store</th>
          {multi && <th>Item</th>}
          <th className="num">Distance</th>
          <th className="num">Available</th>
          <th className="num">On hand</th>
          <th className="num">Reserved</th>
          <th className="num">In transit</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.storeId}:${r.sku}`} data-testid={`stock-other-${r.storeCode}${multi ? `-${r.sku}` : ''}`}>
            <td>
              {r.storeCode} · {r.storeName}
            </td>
            {multi && <td>{r.sku}</td>}
            <td className="num">{r.distanceKm === null ? '—' : `${r.distanceKm.toFixed(1)} km`}</td>
            <td className={`num ${r.available > 0 ? 'ok-text' : 'muted'}`} data-testid="available">
              {r.available}
            </td>
            <td className="num">{r.onHand}</td>
            <td className="num">{r.reserved}</td>
            <td className="num">{r.inTransit > 0 ? r.inTransit : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
