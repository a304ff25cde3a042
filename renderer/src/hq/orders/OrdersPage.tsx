// Orders search: by number, customer (name, e-mail, phone or id), channel, store, status and
// date, across every channel and store; a row opens the order's page.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { OrderRow } from '../../../../shared/hq/service';
import { api, errorText } from '../api';
import { money } from '../format';

const CHANNELS = ['', 'pos', 'web', 'mobile', 'phone'];
const STATUSES = [
  '',
  'created',
  'on_hold',
  'allocated',
  'in_fulfillment',
  'partially_fulfilled',
  'fulfilled',
  'cancelled',
  'rejected',
  'completed',
  'voided',
];

interface Filters {
  number: string;
  customer: string;
  channel: string;
  store: string;
  status: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { number: '', customer: '', channel: '', store: '', status: '', from: '', to: '' };

export function OrdersPage() {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [orders, setOrders] = useState<OrderRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = useCallback(async (f: Filters) => {
    const query = new URLSearchParams(Object.entries(f).filter(([, v]) => v.trim() !== ''));
    try {
      setError(null);
      setOrders((await api<{ orders: OrderRow[] }>('GET', `/orders?${query.toString()}`)).orders);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void search(EMPTY);
  }, [search]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search(filters);
  };
  const set = (name: keyof Filters) => (event: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [name]: event.target.value }));

  return (
    <section aria-labelledby="orders-title">
      <div className="hq-head">
        <h1 id="orders-title">Orders</h1>
      </div>
      <form className="hq-filters hq-search" onSubmit={submit} aria-label="Find orders">
        <label>
          Order number
          <input value={filters.number} onChange={set('number')} placeholder="WEB-W01-000123" />
        </label>
        <label>
          Customer
          <input value={filters.customer} onChange={set('customer')} placeholder="name, e-mail or phone" />
        </label>
        <label>
          Channel
          <select value={filters.channel} onChange={set('channel')}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c || 'any'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Store
          <input value={filters.store} onChange={set('store')} placeholder="S001" size={6} />
        </label>
        <label>
          Status
          <select value={filters.status} onChange={set('status')}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s ? s.replace(/_/g, ' ') : 'any'}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={filters.from} onChange={set('from')} />
        </label>
        <label>
          To
          <input type="date" value={filters.to} onChange={set('to')} />
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
      {orders && orders.length === 0 && <p className="hq-muted">No order matches these filters.</p>}
      {orders && orders.length > 0 && (
        <table className="hq-table" aria-label="Orders found">
          <thead>
            <tr>
              <th>Order</th>
              <th>Placed</th>
              <th>Channel</th>
              <th>Store</th>
              <th>Customer</th>
              <th>Status</th>
              <th className="hq-num">Total</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id}>
                <td>
                  <a href={`#/orders/${o.id}`}>{o.orderNumber}</a>
                </td>
                <td>{new Date(o.createdAt).toLocaleString()}</td>
                <td>{o.channel}</td>
                <td>{o.storeCode ?? '—'}</td>
                <td>{o.customerEmail ?? (o.customerId ? `#${o.customerId.slice(-6)}` : '—')}</td>
                <td>{o.status.replace(/_/g, ' ')}</td>
                <td className="hq-num">{money(o.total, o.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
