// Helpers for the orchestration integration tests: wait for what a job writes, read a stored
// document or an order's events, and move a fulfillment order the way a register pushes it.
import { expect } from 'vitest';
import type { Storage } from '../../sync-server/storage/storage';
import type { EnrolledDevice } from './server-harness';

export { until } from '../support/test-smtp';

export async function storedDoc(storage: Storage, collection: string, id: string): Promise<Record<string, unknown>> {
  const data = (await storage.getDocuments(collection, [id])).get(id)?.data;
  if (!data) throw new Error(`No ${collection} document ${id}`);
  return data as Record<string, unknown>;
}

export interface StoredEvent {
  type: string;
  payload: Record<string, unknown>;
}

export async function orderEvents(storage: Storage, orderId: string): Promise<StoredEvent[]> {
  const rows = await storage.query<{ data: string }>(
    {
      sqlite: "SELECT data FROM documents WHERE collection = 'order_events' AND json_extract(data, '$.orderId') = ?",
      postgres: "SELECT data FROM documents WHERE collection = 'order_events' AND (data::jsonb ->> 'orderId') = ?",
    },
    [orderId],
  );
  return rows.map((r) => JSON.parse(r.data) as StoredEvent);
}

/** Pushes `change(master)` as the register of `device`, with a history entry for the new status. */
export async function moveFulfillment(
  storage: Storage,
  device: EnrolledDevice,
  foId: string,
  change: (fo: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const master = await storedDoc(storage, 'fulfillment_orders', foId);
  const next = change(structuredClone(master));
  next.history = [
    ...(next.history as unknown[]),
    { status: String(next.status), at: new Date().toISOString(), by: { kind: 'device', deviceId: device.deviceId } },
  ];
  next.updatedAt = new Date().toISOString();
  const answer = await device.api.post('/sync/fulfillment_orders/push', [
    { newDocumentState: { ...next, _deleted: false }, assumedMasterState: master },
  ]);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(answer.body).toMatchObject({ rejected: [], conflicts: [] });
}
