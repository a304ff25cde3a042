// The daily journal of a store and business day, balanced double entry, with a CSV download.
import { useEffect, useState, type FormEvent } from 'react';
import { api, errorText, HQ_API } from '../api';
import { localDay, money } from '../format';

interface StoreDoc {
  id: string;
  key: string;
  payload: { name: string };
}
interface Journal {
  storeCode: string;
  businessDay: string;
  currency: string;
  lines: { account: string; detail: string; debit: number; credit: number }[];
  totals: { debit: number; credit: number };
  balanced: boolean;
}

export function JournalPage() {
  const [stores, setStores] = useState<StoreDoc[]>([]);
  const [store, setStore] = useState('');
  const [day, setDay] = useState(localDay());
  const [journal, setJournal] = useState<Journal | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ stores: StoreDoc[] }>('GET', '/stores').then(
      (r) => {
        setStores(r.stores);
        setStore(r.stores[0]?.key ?? '');
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, []);
  const load = async (event?: FormEvent) => {
    event?.preventDefault();
    try {
      setJournal(await api<Journal>('GET', `/journal?store=${encodeURIComponent(store)}&day=${day}`));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const csvHref = `${HQ_API}/journal?store=${encodeURIComponent(store)}&day=${day}&format=csv`;
  return (
    <section aria-labelledby="journal-title">
      <h1 id="journal-title">Accounting journal</h1>
      <form className="hq-filters" onSubmit={(e) => void load(e)}>
        <label>
          Store{' '}
          <select value={store} onChange={(e) => setStore(e.target.value)}>
            {stores.map((s) => (
              <option key={s.id} value={s.key}>
                {s.key} {s.payload.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Business day <input type="date" value={day} onChange={(e) => setDay(e.target.value)} />
        </label>
        <button type="submit" className="hq-primary" disabled={!store}>
          Show journal
        </button>
        <a href={csvHref} download>
          Download CSV
        </a>
      </form>
      {error && (
        <p role="alert" className="hq-error">
          {error}
        </p>
      )}
      {journal && (
        <table className="hq-table" aria-label="Journal lines">
          <caption>
            {journal.storeCode} · {journal.businessDay} · {journal.balanced ? 'balanced' : 'NOT BALANCED'}
          </caption>
          <thead>
            <tr>
              <th>Account</th>
              <th>Detail</th>
              <th>Debit</th>
              <th>Credit</th>
            </tr>
          </thead>
          <tbody>
            {journal.lines.length === 0 && (
              <tr>
                <td colSpan={4} className="hq-muted">
                  No sales, returns or till closes on this day.
                </td>
              </tr>
            )}
            {journal.lines.map((l) => (
              <tr key={`${l.account}|${l.detail}`}>
                <td>{l.account}</td>
                <td>{l.detail}</td>
                <td>{l.debit ? money(l.debit, journal.currency) : ''}</td>
                <td>{l.credit ? money(l.credit, journal.currency) : ''}</td>
              </tr>
            ))}
            <tr>
              <th>Total</th>
              <th />
              <th>{money(journal.totals.debit, journal.currency)}</th>
              <th>{money(journal.totals.credit, journal.currency)}</th>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
