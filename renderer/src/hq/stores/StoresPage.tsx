// Stores: address, coordinates, opening hours, pickup / ship-from-store and daily capacity.
import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../api';
import { can, useSession } from '../session-store';
import { StoreForm, type StoreDoc } from './StoreForm';

export function StoresPage() {
  const user = useSession((s) => s.user);
  const [stores, setStores] = useState<StoreDoc[]>([]);
  const [editing, setEditing] = useState<StoreDoc | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setStores((await api<{ stores: StoreDoc[] }>('GET', '/stores')).stores);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const operator = can(user, 'operations');
  return (
    <section aria-labelledby="stores-title">
      <div className="hq-head">
        <h1 id="stores-title">Stores</h1>
        {operator && (
          <button type="button" className="hq-primary" onClick={() => setEditing('new')}>
            New store
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="hq-error">
          {error}
        </p>
      )}
      <table className="hq-table">
        <thead>
          <tr>
            <th>Code</th>
            <th>Name</th>
            <th>Address</th>
            <th>Coordinates</th>
            <th>Pickup</th>
            <th>Ship</th>
            <th>Capacity / day</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {stores.map((s) => (
            <tr key={s.id}>
              <td>{s.payload.code}</td>
              <td>
                {s.payload.name}
                {s.active ? '' : ' (inactive)'}
              </td>
              <td>
                {s.payload.address.line1}, {s.payload.address.city}
              </td>
              <td>
                {s.payload.location.lat.toFixed(4)}, {s.payload.location.lng.toFixed(4)}
              </td>
              <td>{s.payload.pickupEnabled ? 'yes' : 'no'}</td>
              <td>{s.payload.shipFromStore ? 'yes' : 'no'}</td>
              <td>{s.payload.capacityPerDay}</td>
              <td>
                {operator && (
                  <button type="button" onClick={() => setEditing(s)}>
                    Edit
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <StoreForm
          store={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
    </section>
  );
}
