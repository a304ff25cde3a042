// The dashboard's numbers: one range read of the hourly sales rollup for a period, folded here
// into totals by store, channel, hour and day; returns, offline card exposure,
// register health and open alerts.
import type { HqSql } from '../sql';
import type { StoreDirectory } from './store-directory';

import type { Bucket, Dashboard, DashboardPeriod } from '../../../shared/hq/dashboard';

export type { Bucket, Dashboard, DashboardPeriod };

function add(map: Map<string, Bucket>, key: string, orders: number, sales: number): void {
  const bucket = map.get(key) ?? { key, orders: 0, sales: 0 };
  bucket.orders += orders;
  bucket.sales += sales;
  map.set(key, bucket);
}

export async function dashboard(
  sql: HqSql,
  stores: StoreDirectory,
  period: DashboardPeriod,
  now = new Date(),
): Promise<Dashboard> {
  const storeFilter = period.storeId ? ' AND store_id = ?' : '';
  const params = period.storeId ? [period.from, period.to, period.storeId] : [period.from, period.to];
  const [groups, returns, offline] = await Promise.all([
    sql.all<{
      business_day: string;
      store_id: string;
      channel: string;
      hour: number;
      n: number | string;
      s: number | string;
    }>(
      `SELECT business_day, store_id, channel, hour, orders AS n, sales AS s FROM hq_sales_rollup
       WHERE business_day >= ? AND business_day <= ?${storeFilter} AND orders <> 0`,
      params,
    ),
    sql.all<{ store_id: string; n: number | string; s: number | string }>(
      `SELECT store_id, COUNT(*) AS n, SUM(refund_total) AS s FROM hq_return_facts
       WHERE business_day >= ? AND business_day <= ?${storeFilter} GROUP BY store_id`,
      params,
    ),
    sql.all<{ store_id: string; device_id: string; n: number | string; s: number | string; risk: number | string }>(
      `SELECT store_id, device_id, COUNT(*) AS n, SUM(amount) AS s,
         SUM(CASE WHEN offline_expires_at < ? THEN 1 ELSE 0 END) AS risk
       FROM hq_payment_facts WHERE status = 'pending_offline'${period.storeId ? ' AND store_id = ?' : ''} GROUP BY store_id, device_id`,
      period.storeId ? [now.toISOString(), period.storeId] : [now.toISOString()],
    ),
  ]);
  const byStore = new Map<string, Bucket>();
  const byChannel = new Map<string, Bucket>();
  const byHour = new Map<string, Bucket>();
  const byDay = new Map<string, Bucket>();
  let orders = 0;
  let sales = 0;
  for (const g of groups) {
    const n = Number(g.n);
    const s = Number(g.s);
    orders += n;
    sales += s;
    add(byStore, g.store_id, n, s);
    add(byChannel, g.channel, n, s);
    add(byHour, String(g.hour).padStart(2, '0'), n, s);
    add(byDay, g.business_day, n, s);
  }
  const refundsByStore = new Map(returns.map((r) => [r.store_id, Number(r.s)]));
  const refunds = returns.reduce((sum, r) => sum + Number(r.s), 0);
  const returnCount = returns.reduce((sum, r) => sum + Number(r.n), 0);
  for (const storeId of refundsByStore.keys()) add(byStore, storeId, 0, 0);
  const sorted = (map: Map<string, Bucket>) => [...map.values()].sort((a, b) => a.key.localeCompare(b.key));
  return {
    period,
    totals: {
      orders,
      sales,
      averageBasket: orders === 0 ? 0 : Math.round(sales / orders),
      returns: returnCount,
      refunds,
      // Refunded share of sales in parts per million (integer, like every other ratio here).
      returnsRate: sales === 0 ? 0 : Math.round((refunds / sales) * 1_000_000),
    },
    byStore: sorted(byStore).map((b) => ({
      ...b,
      code: stores.get(b.key)?.code ?? b.key.slice(0, 8),
      name: stores.get(b.key)?.name ?? 'Unknown store',
      refunds: refundsByStore.get(b.key) ?? 0,
    })),
    byChannel: sorted(byChannel),
    byHour: Array.from(
      { length: 24 },
      (_, h) => byHour.get(String(h).padStart(2, '0')) ?? { key: String(h).padStart(2, '0'), orders: 0, sales: 0 },
    ),
    byDay: sorted(byDay),
    offlineExposure: offline.map((o) => ({
      storeId: o.store_id,
      deviceId: o.device_id,
      payments: Number(o.n),
      amount: Number(o.s),
      atRisk: Number(o.risk),
    })),
  };
}
