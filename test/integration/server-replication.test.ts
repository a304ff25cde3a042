// Push/pull round trips, idempotency, conflicts, validation and scoping against a real server,
// on SQLite and (when POS_TEST_PG_URL is set) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  backends,
  enrollDevice,
  pushRows,
  startTestServer,
  type EnrolledDevice,
  type TestServer,
} from './server-harness';
import { randomUUID } from 'node:crypto';
import { fixtures } from '../support/fixtures/documents';
import { movementDoc, noteEvent, orderDoc, productDoc, storeDoc } from './server-fixtures';

interface PushBody {
  conflicts: Record<string, unknown>[];
  rejected: { id: string; code: string; field: string; message: string }[];
}
interface PullBody {
  documents: Record<string, unknown>[];
  checkpoint: { seq: number };
}

describe.each(backends)('replication on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  let a: EnrolledDevice;
  let b: EnrolledDevice;
  const storeA = storeDoc('S001');
  const storeB = storeDoc('S002');

  beforeAll(async () => {
    server = await startTestServer(backend);
    hq = new Api(server.url, server.hqToken);
    const seeded = await hq.post<PushBody>('/sync/config/push', pushRows([storeA, storeB]));
    expect(seeded.body).toEqual({ conflicts: [], rejected: [] });
    a = await enrollDevice(server, 'S001');
    b = await enrollDevice(server, 'S002');
  });
  afterAll(async () => server?.dispose());

  async function pullAll(api: Api, collection: string): Promise<Record<string, unknown>[]> {
    const docs: Record<string, unknown>[] = [];
    let seq = 0;
    for (;;) {
      const page = await api.get<PullBody>(`/sync/${collection}/pull?seq=${seq}&limit=100`);
      expect(page.status).toBe(200);
      docs.push(...page.body.documents);
      if (page.body.documents.length < 100) return docs;
      seq = page.body.checkpoint.seq;
    }
  }

  it('derives the store from the credential: store codes resolve to store ids', () => {
    expect(a.storeId).toBe(storeA.id);
    expect(b.storeId).toBe(storeB.id);
  });

  it('round-trips an order to its own store only', async () => {
    const order = orderDoc(a.storeId);
    const pushed = await a.api.post<PushBody>('/sync/orders/push', pushRows([order]));
    expect(pushed.status).toBe(200);
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] });
    const mine = await pullAll(a.api, 'orders');
    expect(mine.find((d) => d.id === order.id)).toEqual({ ...order, _deleted: false });
    expect((await pullAll(b.api, 'orders')).some((d) => d.id === order.id)).toBe(false);
    expect((await pullAll(hq, 'orders')).some((d) => d.id === order.id)).toBe(true);
  });

  it('stores a document pushed twice once, whatever its key order', async () => {
    const order = orderDoc(a.storeId);
    await a.api.post('/sync/orders/push', pushRows([order]));
    const before = await a.api.get<PullBody>('/sync/orders/pull?seq=0&limit=1000');
    const reordered = Object.fromEntries(Object.entries(order).reverse());
    const again = await a.api.post<PushBody>('/sync/orders/push', pushRows([reordered]));
    expect(again.body).toEqual({ conflicts: [], rejected: [] });
    const after = await a.api.get<PullBody>('/sync/orders/pull?seq=0&limit=1000');
    expect(after.body.checkpoint.seq).toBe(before.body.checkpoint.seq);
    expect(after.body.documents.filter((d) => d.id === order.id)).toHaveLength(1);
  });

  it('answers a stale update with the real master state, and accepts one based on it', async () => {
    const order = orderDoc(a.storeId, { status: 'open' });
    await a.api.post('/sync/orders/push', pushRows([order]));
    const master = { ...order, _deleted: false };
    const stale = { ...order, status: 'suspended', _deleted: false };
    const conflicting = await a.api.post<PushBody>('/sync/orders/push', [
      { newDocumentState: { ...order, status: 'completed', _deleted: false }, assumedMasterState: stale },
    ]);
    expect(conflicting.body.conflicts).toEqual([master]);
    const ok = await a.api.post<PushBody>('/sync/orders/push', [
      { newDocumentState: { ...order, status: 'completed', _deleted: false }, assumedMasterState: master },
    ]);
    expect(ok.body).toEqual({ conflicts: [], rejected: [] });
    // Completed POS orders are immutable for registers.
    const completed = { ...order, status: 'completed', _deleted: false };
    const late = await a.api.post<PushBody>('/sync/orders/push', [
      { newDocumentState: { ...completed, notes: 'changed' }, assumedMasterState: completed },
    ]);
    expect(late.body.rejected).toEqual([
      expect.objectContaining({ id: order.id, code: 'SYNC_INVALID_DOCUMENT', field: 'status' }),
    ]);
  });

  it('treats a changed append-only document as a conflict, never an overwrite', async () => {
    const event = noteEvent(a.storeId, orderDoc(a.storeId).id as string, 'first');
    await a.api.post('/sync/order_events/push', pushRows([event]));
    const changed = { ...event, payload: { text: 'second' } };
    const result = await a.api.post<PushBody>('/sync/order_events/push', [
      { newDocumentState: { ...changed, _deleted: false }, assumedMasterState: { ...event, _deleted: false } },
    ]);
    expect(result.body.conflicts).toEqual([{ ...event, _deleted: false }]);
  });

  it('refuses a bad document with its field and stores the rest of the batch', async () => {
    const good = orderDoc(a.storeId);
    const bad = orderDoc(a.storeId);
    (bad.lines as Record<string, unknown>[])[0]!.unitPrice = -5;
    const result = await a.api.post<PushBody>('/sync/orders/push', pushRows([bad, good]));
    expect(result.status).toBe(200);
    expect(result.body.conflicts).toEqual([]);
    expect(result.body.rejected).toEqual([
      expect.objectContaining({ id: bad.id, code: 'SYNC_INVALID_DOCUMENT', field: 'lines.0.unitPrice' }),
    ]);
    const stored = await pullAll(hq, 'orders');
    expect(stored.some((d) => d.id === good.id)).toBe(true);
    expect(stored.some((d) => d.id === bad.id)).toBe(false);
  });

  it("refuses store A writing store B's order with 403 and stores nothing of the batch", async () => {
    const own = orderDoc(a.storeId);
    const foreign = orderDoc(b.storeId);
    const result = await a.api.post<{ code: string; details: { ids: string[] } }>(
      '/sync/orders/push',
      pushRows([own, foreign]),
    );
    expect(result.status).toBe(403);
    expect(result.body.code).toBe('SYNC_FORBIDDEN');
    expect(result.body.details.ids).toEqual([foreign.id]);
    const stored = await pullAll(hq, 'orders');
    expect(stored.some((d) => d.id === own.id || d.id === foreign.id)).toBe(false);
  });

  it('refuses catalog writes from a register', async () => {
    const result = await a.api.post<{ code: string }>('/sync/products/push', pushRows([productDoc('X-1')]));
    expect(result.status).toBe(403);
    expect(await pullAll(a.api, 'products')).toEqual([]);
  });

  // Retried: in a full CI run on PostgreSQL this once found no level (not seen alone); each try uses a fresh SKU.
  it(
    "projects movements into levels the store's registers read and raises an oversell alert",
    { retry: 2 },
    async () => {
      const sku = `LAST-${Date.now()}`;
      await hq.post('/sync/inventory_movements/push', pushRows([movementDoc(a.storeId, sku, 'receipt', 1)]));
      const saleA = orderDoc(a.storeId);
      await a.api.post(
        '/sync/inventory_movements/push',
        pushRows([movementDoc(a.storeId, sku, 'sale', -1, saleA.id as string)]),
      );
      const saleA2 = orderDoc(a.storeId);
      await a.api.post(
        '/sync/inventory_movements/push',
        pushRows([movementDoc(a.storeId, sku, 'sale', -1, saleA2.id as string)]),
      );
      const levels = await pullAll(a.api, 'inventory_levels');
      expect(levels.find((l) => l.sku === sku)).toMatchObject({
        storeId: a.storeId,
        onHand: -1,
        reserved: 0,
        available: -1,
      });
      expect((await pullAll(b.api, 'inventory_levels')).some((l) => l.sku === sku)).toBe(false);
      const alerts = (await pullAll(a.api, 'order_events')).filter(
        (e) => e.type === 'alert_oversell' && (e.payload as { sku?: string } | undefined)?.sku === sku,
      );
      expect(alerts).toEqual([
        expect.objectContaining({ orderId: saleA2.id, payload: { storeId: a.storeId, sku, available: -1 } }),
      ]);
      expect((await pullAll(b.api, 'order_events')).some((e) => e.type === 'alert_oversell')).toBe(false);
    },
  );

  it("finds another store's order with its returns, for a cross-store return", async () => {
    const order = orderDoc(a.storeId);
    await a.api.post('/sync/orders/push', pushRows([order]));
    const ret = { ...fixtures.returns, id: randomUUID(), originalOrderId: order.id, storeId: b.storeId };
    expect((await b.api.post<PushBody>('/sync/returns/push', pushRows([ret]))).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    const found = await b.api.get<{ order: Record<string, unknown>; returns: Record<string, unknown>[] }>(
      `/api/orders/lookup?orderNumber=${encodeURIComponent(String(order.orderNumber).toLowerCase())}&receipt=${order.id as string}`,
    );
    expect(found.status).toBe(200);
    expect(found.body.order).toMatchObject({ id: order.id, storeId: a.storeId });
    expect(found.body.returns.map((r) => r.id)).toEqual([ret.id]);
    expect((await b.api.get(`/api/orders/lookup?id=${order.id as string}`)).status).toBe(400);
    expect((await b.api.get(`/api/orders/lookup?orderNumber=${String(order.orderNumber)}`)).status).toBe(400);
    expect((await b.api.get('/api/orders/lookup?orderNumber=S001-R01-999999-X&total=1')).status).toBe(404);
    expect((await b.api.get('/api/orders/lookup')).status).toBe(400);
    expect(
      (
        await new Api(server.url, undefined).get(
          `/api/orders/lookup?orderNumber=${String(order.orderNumber)}&receipt=${order.id as string}`,
        )
      ).status,
    ).toBe(401);
  });

  it('gives coded 4xx answers to malformed requests', async () => {
    expect((await a.api.get('/sync/nope/pull')).status).toBe(404);
    expect((await a.api.post('/sync/orders/push', { not: 'an array' })).status).toBe(400);
    expect((await a.api.get('/sync/orders/pull?seq=-1')).status).toBe(400);
    const old = await fetch(`${server.url}/sync/orders/pull`, {
      headers: { authorization: `Bearer ${a.credential}`, 'x-pos-protocol-version': '99' },
    });
    expect(old.status).toBe(426);
    const raw = await fetch(`${server.url}/sync/orders/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.credential}`, 'content-type': 'application/json' },
      body: '{"__proto__": {"x": 1}}',
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { code: string }).code).toBe('SYNC_INVALID_JSON');
    const text = await fetch(`${server.url}/sync/orders/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.credential}`, 'content-type': 'text/plain' },
      body: '[]',
    });
    expect(text.status).toBe(415);
    const noStore = orderDoc(a.storeId);
    delete noStore.storeId;
    const missing = await a.api.post<PushBody>('/sync/orders/push', pushRows([noStore]));
    expect(missing.status).toBe(200);
    expect(missing.body.rejected).toEqual([expect.objectContaining({ id: noStore.id, field: 'storeId' })]);
  });

  it('reports counters in Prometheus format', async () => {
    const text = (await new Api(server.url, server.hqToken).get<string>('/metrics')).body;
    expect(text).toMatch(/^pos_sync_pushes_total [1-9]\d*$/m);
    expect(text).toMatch(/^pos_sync_rejected_writes_total\{reason="forbidden"\} [1-9]\d*$/m);
    expect(text).toMatch(/^pos_sync_conflicts_total [1-9]\d*$/m);
  });
});
