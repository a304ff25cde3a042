// Server-owned fields (`serverOwnedFields` in shared/schemas, here a fulfillment order's
// `settlement`) do not turn a register's push into a conflict, on both backends: the server moves
// the settlement of a part the store is picking (another store took a payment for the order), the
// register pushes its pick made on the version before, and the server stores both — the pick and
// its own settlement — and the register pulls the merged document. A retry of that push stores
// nothing new; a change to a field both sides changed is still a conflict; a register changing the
// settlement is still refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartSettlement } from '../../shared/orders/pickup-settlement';
import { backends, enrollDevice, startTestServer, type EnrolledDevice, type TestServer } from './server-harness';
import { moveFulfillment, storedDoc } from './orchestration-helpers';
import {
  createChannelKey,
  pickupPayload,
  postWebOrder,
  stockedItems,
  type ChannelKeyResult,
  type StockedItem,
} from '../support/web-orders';

type Doc = Record<string, unknown>;
type Line = { id: string; sku: string; quantity: number; pickedQuantity?: number };

describe.each(backends)('server-owned fields in a register push (%s)', (backend) => {
  let server: TestServer;
  let channel: ChannelKeyResult;
  let register: EnrolledDevice;
  let secondRegister: EnrolledDevice;
  let otherStore: EnrolledDevice;
  let items: StockedItem[];

  beforeAll(async () => {
    server = await startTestServer(backend, { seedDemo: true });
    channel = await createChannelKey(server.url, server.hqToken);
    register = await enrollDevice(server, channel.homeStoreId, 'Pickup counter');
    secondRegister = await enrollDevice(server, channel.homeStoreId, 'Second till');
    const levels = await server.server.storage.query<{ data: string | Doc }>(
      "SELECT data FROM documents WHERE collection = 'inventory_levels'",
      [],
    );
    const elsewhere = levels
      .map((r) => (typeof r.data === 'string' ? (JSON.parse(r.data) as Doc) : r.data).storeId as string)
      .find((storeId) => storeId !== channel.homeStoreId);
    otherStore = await enrollDevice(server, elsewhere!, 'Other store');
    items = await stockedItems(server.server.storage, channel.homeStoreId, 10);
  }, 120_000);
  afterAll(async () => server.dispose());

  const storage = () => server.server.storage;
  const stored = async (id: string) => (await storage().getDocuments('fulfillment_orders', [id])).get(id)!;
  const push = (device: EnrolledDevice, next: Doc, assumed: Doc) =>
    device.api.post<{ conflicts: Doc[]; rejected: Doc[] }>('/sync/fulfillment_orders/push', [
      { newDocumentState: { ...next, _deleted: false }, assumedMasterState: assumed },
    ]);
  const picked = (fo: Doc): Doc => ({
    ...fo,
    lines: (fo.lines as Line[]).map((l) => ({ ...l, pickedQuantity: l.quantity })),
    updatedAt: new Date().toISOString(),
  });

  /** A pay-at-pickup order at the register's store, moved to `picking` by the register: its replica's state. */
  async function pickingPart(item: StockedItem): Promise<{ foId: string; orderId: string; replica: Doc }> {
    const placed = await postWebOrder(
      server.url,
      channel.apiKey,
      pickupPayload(item, 'S001', { payment: { payAtPickup: true } }),
    );
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const foId = (placed.body.fulfillmentOrders as { id: string }[])[0]!.id;
    await moveFulfillment(storage(), register, foId, (fo) => ({ ...fo, status: 'picking' }));
    return {
      foId,
      orderId: String(placed.body.orderId),
      replica: await storedDoc(storage(), 'fulfillment_orders', foId),
    };
  }

  /** Another store takes a cash payment for the order: the server moves the part's settlement. */
  async function paidElsewhere(orderId: string, foId: string, before: Doc): Promise<PartSettlement> {
    const order = await storedDoc(storage(), 'orders', orderId);
    const now = new Date().toISOString();
    const cash = {
      id: randomUUID(),
      orderId,
      storeId: otherStore.storeId,
      deviceId: otherStore.deviceId,
      kind: 'sale',
      method: 'cash',
      status: 'approved',
      amount: 100,
      currency: order.currency,
      createdAt: now,
      updatedAt: now,
    };
    const answer = await otherStore.api.post('/sync/payments/push', [
      { newDocumentState: { ...cash, _deleted: false } },
    ]);
    expect(answer.body).toMatchObject({ rejected: [], conflicts: [] });
    const after = await storedDoc(storage(), 'fulfillment_orders', foId);
    const settlement = after.settlement as PartSettlement;
    expect(settlement.covered).toBe((before.settlement as PartSettlement).covered + 100);
    return settlement;
  }

  it('accepts a pick pushed after the server moved the settlement: both survive, and the register pulls them', async () => {
    const { foId, orderId, replica } = await pickingPart(items[0]!);
    const settlement = await paidElsewhere(orderId, foId, replica);
    const seqBefore = (await stored(foId)).seq;

    const pick = picked(replica);
    const answer = await push(register, pick, replica);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ conflicts: [], rejected: [] });

    const merged = await stored(foId);
    expect(merged.seq).toBeGreaterThan(seqBefore);
    expect(merged.data).toEqual({ ...pick, settlement, _deleted: false });

    // The lost-response retry of the same push stores nothing new.
    const retry = await push(register, pick, replica);
    expect(retry.body).toEqual({ conflicts: [], rejected: [] });
    expect((await stored(foId)).seq).toBe(merged.seq);

    // The register's replica converges: its pull brings the merged document.
    const pulled = await register.api.get<{ documents: Doc[] }>(
      `/sync/fulfillment_orders/pull?seq=${seqBefore}&limit=100`,
    );
    expect(pulled.status).toBe(200);
    expect(pulled.body.documents.find((d) => d.id === foId)).toEqual(merged.data);
  });

  it('keeps a change both sides made to a register-owned field a conflict', async () => {
    const { foId, orderId, replica } = await pickingPart(items[1]!);
    // Another till of the store picks first, then the settlement moves too.
    const first = picked(replica);
    expect((await push(secondRegister, first, replica)).body).toEqual({ conflicts: [], rejected: [] });
    await paidElsewhere(orderId, foId, first);
    const master = (await stored(foId)).data;

    const mine = { ...replica, staging: { location: 'B-2' }, updatedAt: new Date().toISOString() };
    const answer = await push(register, mine, replica);
    expect(answer.body).toEqual({ conflicts: [master], rejected: [] });
    expect((await stored(foId)).data).toEqual(master);
  });

  it('refuses a register that changes the settlement, whether or not the server moved it since', async () => {
    const { foId, orderId, replica } = await pickingPart(items[2]!);
    const forged = (fo: Doc): Doc => ({
      ...picked(fo),
      settlement: { ...(fo.settlement as PartSettlement), covered: 1_000_000 },
    });
    const refused = { conflicts: [], rejected: [{ id: foId, code: 'SYNC_CHANGE_FORBIDDEN', field: 'settlement' }] };
    expect((await push(register, forged(replica), replica)).body).toMatchObject(refused);

    await paidElsewhere(orderId, foId, replica);
    const master = (await stored(foId)).data;
    expect((await push(register, forged(replica), replica)).body).toMatchObject(refused);
    expect((await stored(foId)).data).toEqual(master);
  });
});
