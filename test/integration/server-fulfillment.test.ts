// Fulfillment orders: the server creates and routes them; only the assigned store updates the
// pick/pickup fields, along legal status moves; a re-routed order reaches both stores.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from '../support/fixtures/documents';
import {
  backends,
  pushRows,
  startTwoStoreServer,
  type Api,
  type EnrolledDevice,
  type TestServer,
} from './server-harness';

interface PushBody {
  conflicts: Record<string, unknown>[];
  rejected: { id: string; code: string; field: string }[];
}

function fulfillment(assignedStoreId: string): Record<string, unknown> {
  const base = fixtures.fulfillment_orders;
  return {
    ...base,
    id: randomUUID(),
    assignedStoreId,
    lines: base.lines.map((line) => ({ ...line, id: randomUUID() })),
  };
}

describe.each(backends)('fulfillment orders on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  let a: EnrolledDevice;
  let b: EnrolledDevice;

  beforeAll(async () => {
    ({ server, hq, a, b } = await startTwoStoreServer(backend));
  });
  afterAll(async () => server?.dispose());

  const update = (api: Api, master: Record<string, unknown>, next: Record<string, unknown>) =>
    api.post<PushBody>('/sync/fulfillment_orders/push', [
      { assumedMasterState: { ...master, _deleted: false }, newDocumentState: { ...next, _deleted: false } },
    ]);

  it('lets only the server create them and only the assigned store work on them', async () => {
    expect((await a.api.post('/sync/fulfillment_orders/push', pushRows([fulfillment(a.storeId)]))).status).toBe(403);
    const fo = fulfillment(a.storeId);
    expect((await hq.post<PushBody>('/sync/fulfillment_orders/push', pushRows([fo]))).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    const picked = {
      ...fo,
      lines: (fo.lines as Record<string, unknown>[]).map((l) => ({ ...l, pickedQuantity: l.quantity })),
    };
    expect((await update(b.api, fo, picked)).status).toBe(403);
    expect((await update(a.api, fo, picked)).body).toEqual({ conflicts: [], rejected: [] });
    const done = { ...picked, status: 'picked' };
    expect((await update(a.api, picked, done)).body).toEqual({ conflicts: [], rejected: [] });
    const renamed = await update(a.api, done, { ...done, customer: { name: 'Someone else' } });
    expect(renamed.body.rejected).toEqual([expect.objectContaining({ id: fo.id, field: 'customer' })]);
    const skipped = await update(a.api, done, { ...done, status: 'picked_up' });
    expect(skipped.body.rejected).toEqual([expect.objectContaining({ id: fo.id, field: 'status' })]);
  });

  it('sends a re-routed order to the new store and tells the old one', async () => {
    const fo = fulfillment(a.storeId);
    await hq.post('/sync/fulfillment_orders/push', pushRows([fo]));
    const before = await b.api.get<{ documents: { id: string }[] }>('/sync/fulfillment_orders/pull?seq=0');
    expect(before.body.documents.some((d) => d.id === fo.id)).toBe(false);
    const rerouted = { ...fo, assignedStoreId: b.storeId, rerouteCount: 1 };
    expect((await update(hq, fo, rerouted)).body).toEqual({ conflicts: [], rejected: [] });
    for (const device of [a, b]) {
      const pulled = await device.api.get<{ documents: Record<string, unknown>[] }>(
        '/sync/fulfillment_orders/pull?seq=0',
      );
      expect(pulled.body.documents.find((d) => d.id === fo.id)).toMatchObject({ assignedStoreId: b.storeId });
    }
    // The old store can no longer touch it.
    expect((await update(a.api, rerouted, { ...rerouted, pickupCode: 'ZZZZ9' })).status).toBe(403);
  });
});
