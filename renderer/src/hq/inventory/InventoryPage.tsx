// HQ "Inventory alerts": per store, negative stock, oversold, below reorder point with the
// suggested order; acknowledging an alert (it shows again once the level moves); a store's ledger
// for an item; reorder points from CSV. Data: /api/hq/console/inventory/… (inventory-types.ts).
import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../api';
import { can, useSession } from '../session-store';
import { AlertsTable } from './AlertsTable';
import { type LedgerQuery, LedgerPanel } from './LedgerPanel';
import { ReorderUpload } from './ReorderUpload';
import { StorePicker } from '../shared/StorePicker';
import { INVENTORY_API, type ConsoleLedger, type StoreAlertList } from './inventory-types';
import { Notices } from '../shared/Notices';

export function InventoryPage() {
  const user = useSession((s) => s.user);
  const [stores, setStores] = useState<StoreAlertList[] | null>(null);
  const [storeFilter, setStoreFilter] = useState('');
  const [query, setQuery] = useState<LedgerQuery>({ store: '', sku: '' });
  const [ledger, setLedger] = useState<ConsoleLedger | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setStores((await api<{ stores: StoreAlertList[] }>('GET', INVENTORY_API.alerts)).stores);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const showLedger = async (q: LedgerQuery) => {
    setQuery(q);
    setError(null);
    try {
      const params = new URLSearchParams({ storeId: q.store.trim(), sku: q.sku.trim() });
      setLedger(await api<ConsoleLedger>('GET', `${INVENTORY_API.ledger}?${params.toString()}`));
    } catch (e) {
      setLedger(null);
      setError(errorText(e));
    }
  };

  const acknowledge = async (storeId: string, sku: string, kind: string) => {
    setError(null);
    try {
      await api('POST', INVENTORY_API.acknowledge, { storeId, sku, kind });
      setMessage(`Acknowledged ${sku} at ${storeId}; it shows as new again if the level moves.`);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const shown = (stores ?? []).filter((s) => !storeFilter || s.storeCode === storeFilter);
  const total = shown.reduce((sum, s) => sum + s.alerts.length, 0);
  return (
    <section aria-labelledby="inventory-title">
      <h1 id="inventory-title">Inventory alerts</h1>
      <Notices message={message} error={error} />
      <div className="hq-filters">
        <StorePicker
          by="code"
          allLabel="All stores"
          stores={(stores ?? []).map((s) => ({ id: s.storeId, code: s.storeCode, name: s.storeName }))}
          value={storeFilter}
          onChange={setStoreFilter}
        />
        <button type="button" onClick={() => void load()}>
          Refresh
        </button>
        <span className="hq-muted">
          {stores === null ? 'Loading…' : `${total} alert${total === 1 ? '' : 's'} in ${shown.length} store(s)`}
        </span>
      </div>
      {shown
        .filter((s) => s.alerts.length > 0)
        .map((s) => (
          <AlertsTable
            key={s.storeId}
            store={s}
            canAcknowledge={can(user, 'operations')}
            onLedger={(store, sku) => void showLedger({ store, sku })}
            onAcknowledge={(store, sku, kind) => void acknowledge(store, sku, kind)}
          />
        ))}
      <LedgerPanel query={query} ledger={ledger} onChange={setQuery} onShow={() => void showLedger(query)} />
      {can(user, 'operations') && <ReorderUpload onSaved={() => void load()} />}
    </section>
  );
}
