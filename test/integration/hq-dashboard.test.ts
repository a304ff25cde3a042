// The dashboard's numbers against a real server: sales by store, channel and hour in the store's
// own day, returns rate, average basket, offline card exposure, register health and alerts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, backends, enrollDevice, pushRows, startTestServer, type TestServer } from './server-harness';
import { movementDoc, storeDoc } from './server-fixtures';
import { createHqUser, HqSession } from './hq-harness';
import { offlinePayment, REFUND_TOTAL, returnOf, SALE_TOTAL, saleAt } from './hq-fixtures';

interface Dashboard {
  totals: {
    orders: number;
    sales: number;
    averageBasket: number;
    returns: number;
    refunds: number;
    returnsRate: number;
  };
  byStore: { key: string; code: string; orders: number; sales: number; refunds: number }[];
  byChannel: { key: string; orders: number }[];
  byHour: { key: string; orders: number; sales: number }[];
  offlineExposure: { storeId: string; amount: number; payments: number; atRisk: number }[];
  devices: {
    id: string;
    status: string;
    lastSeenAt: string | null;
    documentsWaiting: number | null;
    appVersion: string | null;
  }[];
  alerts: { id: string; kind: string }[];
}

const nyParts = (iso: string) => {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/New_York',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  const parts = f.formatToParts(Date.parse(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: get('hour') };
};

describe.each(backends)('HQ dashboard on %s', (backend) => {
  let server: TestServer;
  let hq: HqSession;
  const s1 = storeDoc('S001');
  const s2 = storeDoc('S002');
  const now = new Date().toISOString();
  const local = nyParts(now);
  const range = `from=${local.day}&to=${local.day}`;

  beforeAll(async () => {
    server = await startTestServer(backend);
    const token = new Api(server.url, server.hqToken);
    expect((await token.post('/sync/config/push', pushRows([s1, s2]))).status).toBe(200);
    const sales = [
      saleAt(s1.id as string, now),
      saleAt(s1.id as string, now),
      saleAt(s1.id as string, now),
      saleAt(s2.id as string, now),
    ];
    const voided = saleAt(s1.id as string, now, { status: 'voided' });
    const pushed = await token.post<{ rejected: unknown[]; conflicts: unknown[] }>(
      '/sync/orders/push',
      pushRows([...sales, voided]),
    );
    expect(pushed.body).toEqual({ rejected: [], conflicts: [] });
    const first = sales[0] as Record<string, unknown>;
    expect((await token.post('/sync/returns/push', pushRows([returnOf(first, now)]))).body).toEqual({
      rejected: [],
      conflicts: [],
    });
    const expired = new Date(Date.now() - 3_600_000).toISOString();
    expect((await token.post('/sync/payments/push', pushRows([offlinePayment(first, 'reg-1', expired)]))).body).toEqual(
      { rejected: [], conflicts: [] },
    );
    await createHqUser(server.server.storage, 'ops@chain.example', 'operations');
    hq = new HqSession(server.url);
    await hq.signIn('ops@chain.example');
  });
  afterAll(async () => server?.dispose());

  it('adds up sales by store, channel and the store-local hour, without voided orders', async () => {
    const result = await hq.call<Dashboard>('GET', `/dashboard?${range}`);
    expect(result.status).toBe(200);
    const d = result.body;
    expect(d.totals.orders).toBe(4);
    expect(d.totals.sales).toBe(4 * SALE_TOTAL);
    expect(d.totals.averageBasket).toBe(SALE_TOTAL);
    expect(d.byStore.find((s) => s.code === 'S001')).toMatchObject({
      orders: 3,
      sales: 3 * SALE_TOTAL,
      refunds: REFUND_TOTAL,
    });
    expect(d.byStore.find((s) => s.code === 'S002')).toMatchObject({ orders: 1, sales: SALE_TOTAL, refunds: 0 });
    expect(d.byChannel).toEqual([{ key: 'pos', orders: 4, sales: 4 * SALE_TOTAL }]);
    expect(d.byHour).toHaveLength(24);
    expect(d.byHour.find((h) => h.key === local.hour)?.orders).toBe(4);
    expect(d.byHour.reduce((n, h) => n + h.orders, 0)).toBe(4);
  });

  it('reports the returns rate and the offline card exposure with what is past its expiry', async () => {
    const d = (await hq.call<Dashboard>('GET', `/dashboard?${range}`)).body;
    expect(d.totals).toMatchObject({
      returns: 1,
      refunds: REFUND_TOTAL,
      returnsRate: Math.round((REFUND_TOTAL / (4 * SALE_TOTAL)) * 1_000_000),
    });
    expect(d.offlineExposure).toEqual([
      { storeId: s1.id, deviceId: 'reg-1', payments: 1, amount: SALE_TOTAL, atRisk: 1 },
    ]);
  });

  it('follows an order that changes: an open sale counts once it is completed, and only once', async () => {
    const token = new Api(server.url, server.hqToken);
    const open = saleAt(s2.id as string, now, { status: 'open', completedAt: undefined });
    expect((await token.post('/sync/orders/push', pushRows([open]))).body).toEqual({ rejected: [], conflicts: [] });
    expect((await hq.call<Dashboard>('GET', `/dashboard?${range}`)).body.totals.orders).toBe(4);
    const completed = { ...open, status: 'completed', completedAt: now, updatedAt: new Date().toISOString() };
    expect((await token.post('/sync/orders/push', pushRows([completed], [{ ...open, _deleted: false }]))).body).toEqual(
      { rejected: [], conflicts: [] },
    );
    const d = (await hq.call<Dashboard>('GET', `/dashboard?${range}`)).body;
    expect(d.totals).toMatchObject({ orders: 5, sales: 5 * SALE_TOTAL });
    expect(d.byStore.find((s) => s.code === 'S002')).toMatchObject({ orders: 2, sales: 2 * SALE_TOTAL });
  });

  it('counts nothing for a day without sales and refuses a backwards period', async () => {
    const empty = (await hq.call<Dashboard>('GET', '/dashboard?from=2020-01-01&to=2020-01-02')).body;
    expect(empty.totals.orders).toBe(0);
    const bad = await hq.call<{ code: string; details: { field: string } }>(
      'GET',
      '/dashboard?from=2026-02-02&to=2026-01-01',
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'HQ_INVALID_INPUT', details: { field: 'to' } });
  });

  it('shows each register as seen with its app version and how far behind its pull is', async () => {
    const device = await enrollDevice(server, s1.id as string, 'Front till');
    const pull = await fetch(`${server.url}/sync/config/pull?seq=0&limit=1`, {
      headers: { authorization: `Bearer ${device.credential}`, 'x-pos-app-version': 'pos/1.4.2' },
    });
    expect(pull.status).toBe(200);
    const d = (await hq.call<Dashboard>('GET', `/dashboard?${range}`)).body;
    const health = d.devices.find((x) => x.id === device.deviceId);
    // Named as HQ numbered it (S001-R01 …), not by its device hash.
    expect(health).toMatchObject({
      status: 'online',
      appVersion: 'pos/1.4.2',
      name: expect.stringMatching(/^S001-R\d\d$/),
    });
    // It received the first of the two store documents: one is still to come.
    expect(health?.documentsWaiting).toBe(1);
    // Once it has pulled everything, nothing is waiting (before, the count stayed at the size of the
    // last page, because the seq the register asked from was recorded, not the one it reached).
    const checkpoint = ((await pull.json()) as { checkpoint: { seq: number } }).checkpoint.seq;
    const rest = await fetch(`${server.url}/sync/config/pull?seq=${checkpoint}&limit=1000`, {
      headers: { authorization: `Bearer ${device.credential}`, 'x-pos-app-version': 'pos/1.4.2' },
    });
    expect(rest.status).toBe(200);
    const after = (await hq.call<Dashboard>('GET', `/dashboard?${range}`)).body;
    expect(after.devices.find((x) => x.id === device.deviceId)?.documentsWaiting).toBe(0);
  });

  it('raises an oversell alert from the ledger and lets operations acknowledge it', async () => {
    const token = new Api(server.url, server.hqToken);
    expect(
      (
        await token.post(
          '/sync/inventory_movements/push',
          pushRows([movementDoc(s2.id as string, 'GONE-1', 'sale', -1)]),
        )
      ).status,
    ).toBe(200);
    const before = (await hq.call<Dashboard>('GET', `/dashboard?${range}`)).body.alerts;
    const alert = before.find((a) => a.kind === 'alert_oversell');
    expect(alert).toBeDefined();
    expect((await hq.call('POST', `/alerts/${alert?.id}/ack`)).status).toBe(200);
    const after = (await hq.call<Dashboard>('GET', `/dashboard?${range}`)).body.alerts;
    expect(after.find((a) => a.id === alert?.id)).toBeUndefined();
    const again = await hq.call<{ code: string }>('POST', `/alerts/${alert?.id}/ack`);
    expect(again.status).toBe(404);
  });
});
