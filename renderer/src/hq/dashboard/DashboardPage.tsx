// Sales at a glance for a day or a period (by store, channel and hour), returns, offline card
// exposure, register health and alerts. Refreshes every 15 seconds.
import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../api';
import { localDay, money, percentPpm } from '../format';
import { can, useSession } from '../session-store';
import { BarChart } from './UplotChart';
import { HealthTable } from './HealthTable';
import { AlertList } from './AlertList';
import type { DashboardData } from './types';

const REFRESH_MS = 15_000;

function daysAgo(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return localDay(d);
}

export function DashboardPage() {
  const user = useSession((s) => s.user);
  const [from, setFrom] = useState(localDay());
  const [to, setTo] = useState(localDay());
  const [storeId, setStoreId] = useState('');
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setData(
        await api<DashboardData>('GET', `/dashboard?from=${from}&to=${to}${storeId ? `&storeId=${storeId}` : ''}`),
      );
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [from, to, storeId]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const preset = (days: number) => {
    setFrom(daysAgo(days - 1));
    setTo(localDay());
  };

  return (
    <section aria-labelledby="dash-title">
      <div className="hq-head">
        <h1 id="dash-title">Dashboard</h1>
        <div className="hq-filters">
          <button type="button" onClick={() => preset(1)}>
            Today
          </button>
          <button type="button" onClick={() => preset(7)}>
            7 days
          </button>
          <button type="button" onClick={() => preset(30)}>
            30 days
          </button>
          <label>
            From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label>
            Store
            <select value={storeId} onChange={(e) => setStoreId(e.target.value)}>
              <option value="">All stores</option>
              {data?.stores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.code} {s.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {error && (
        <p role="alert" className="hq-error">
          {error}
        </p>
      )}
      {!data ? (
        <p>Loading…</p>
      ) : (
        <>
          <div className="hq-tiles">
            <Tile label="Sales" value={money(data.totals.sales)} testId="tile-sales" />
            <Tile label="Orders" value={String(data.totals.orders)} testId="tile-orders" />
            <Tile label="Average basket" value={money(data.totals.averageBasket)} />
            <Tile
              label="Returns rate"
              value={percentPpm(data.totals.returnsRate)}
              hint={`${data.totals.returns} returns, ${money(data.totals.refunds)}`}
            />
            <Tile
              label="Offline card exposure"
              value={money(data.offlineExposure.reduce((n, o) => n + o.amount, 0))}
              hint={`${data.offlineExposure.reduce((n, o) => n + o.atRisk, 0)} past expiry`}
            />
          </div>
          <div className="hq-grid2">
            <BarChart
              title="Sales by hour (store time)"
              labels={data.byHour.map((b) => b.key)}
              series={[{ label: 'Sales', values: data.byHour.map((b) => b.sales), color: '#0b5cd5' }]}
              format={money}
            />
            {data.byDay.length > 1 ? (
              <BarChart
                title="Sales by day"
                labels={data.byDay.map((b) => b.key.slice(5))}
                series={[{ label: 'Sales', values: data.byDay.map((b) => b.sales), color: '#0f7b3a' }]}
                format={money}
              />
            ) : (
              <BarChart
                title="Sales by store"
                labels={data.byStore.map((b) => b.code)}
                series={[{ label: 'Sales', values: data.byStore.map((b) => b.sales), color: '#0f7b3a' }]}
                format={money}
              />
            )}
          </div>
          <div className="hq-grid2">
            <table className="hq-table" aria-label="Sales by store">
              <thead>
                <tr>
                  <th>Store</th>
                  <th>Orders</th>
                  <th>Sales</th>
                  <th>Refunds</th>
                </tr>
              </thead>
              <tbody>
                {data.byStore.map((s) => (
                  <tr key={s.key}>
                    <td>
                      {s.code} {s.name}
                    </td>
                    <td>{s.orders}</td>
                    <td>{money(s.sales)}</td>
                    <td>{money(s.refunds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="hq-table" aria-label="Sales by channel">
              <thead>
                <tr>
                  <th>Channel</th>
                  <th>Orders</th>
                  <th>Sales</th>
                </tr>
              </thead>
              <tbody>
                {data.byChannel.map((c) => (
                  <tr key={c.key}>
                    <td>{c.key}</td>
                    <td>{c.orders}</td>
                    <td>{money(c.sales)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <AlertList
            alerts={data.alerts}
            stores={data.stores}
            canAck={can(user, 'operations')}
            onChange={() => void load()}
          />
          <HealthTable devices={data.devices} />
        </>
      )}
    </section>
  );
}

function Tile({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="hq-tile" data-testid={testId}>
      <span className="hq-muted">{label}</span>
      <strong>{value}</strong>
      {hint && <small className="hq-muted">{hint}</small>}
    </div>
  );
}
