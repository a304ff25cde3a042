// Finds a customer by name, e-mail or phone and opens their 360 page.
import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api';

interface Hit {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
}

export function CustomersPage() {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      setError(null);
      setHits((await api<{ customers: Hit[] }>('GET', `/customers?q=${encodeURIComponent(q)}`)).customers);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section aria-labelledby="customers-title">
      <div className="hq-head">
        <h1 id="customers-title">Customers</h1>
      </div>
      <form className="hq-filters" onSubmit={(e) => void submit(e)} aria-label="Find customers">
        <label>
          Name, e-mail or phone
          <input value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="submit" className="hq-primary">
          Search
        </button>
      </form>
      {error && (
        <p role="alert" className="hq-error">
          {error}
        </p>
      )}
      {hits && hits.length === 0 && <p className="hq-muted">No customer matches.</p>}
      {hits && hits.length > 0 && (
        <table className="hq-table" aria-label="Customers found">
          <thead>
            <tr>
              <th>Name</th>
              <th>E-mail</th>
              <th>Phone</th>
            </tr>
          </thead>
          <tbody>
            {hits.map((h) => (
              <tr key={h.id}>
                <td>
                  <a href={`#/customers/${h.id}`}>{h.displayName}</a>
                </td>
                <td>{h.email ?? '—'}</td>
                <td>{h.phone ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
