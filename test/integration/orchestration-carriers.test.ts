// Channel and carrier keys from the command line, and carrier tracking events, on both backends:
// a rotated or revoked channel key stops working; a carrier's event (with its own key, once per
// event id) updates the shipment and adds an order event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, enrollDevice, startTestServer, type TestServer } from './server-harness';
import { postWebOrder, shipPayload, stockedItems } from '../support/web-orders';
import { carrierKeyCommand, channelKeyCommand, type CliOutput } from '../../sync-server/orchestration/key-cli';

function capture(): CliOutput & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), info: () => undefined };
}

describe.each(backends)('channel keys, carrier keys and tracking (%s)', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(backend, { seedDemo: true });
  });
  afterAll(async () => server.dispose());

  it('creates, rotates and revokes a channel key from the command line', async () => {
    const storage = server.server.storage;
    const created = capture();
    await channelKeyCommand(
      ['create', '--channel', 'web', '--code', 'W09', '--name', 'CLI shop', '--home-store', 'S001'],
      storage,
      created,
    );
    const key = created.lines[0] ?? '';
    expect(key).toMatch(/^ck_/);
    const [item] = await stockedItems(
      storage,
      (await storage.query<{ home_store_id: string }>('SELECT home_store_id FROM channel_keys', []))[0]
        ?.home_store_id ?? '',
      1,
    );
    if (!item) throw new Error('no stock');
    expect((await postWebOrder(server.url, key, shipPayload([item]))).status).toBe(201);

    const listed = capture();
    await channelKeyCommand(['list'], storage, listed);
    const id = listed.lines.find((l) => l.includes('W09'))?.split('\t')[0] ?? '';
    expect(id).not.toBe('');
    const rotated = capture();
    await channelKeyCommand(['rotate', '--id', id], storage, rotated);
    const newKey = rotated.lines[0] ?? '';
    expect(newKey).not.toBe(key);
    expect((await postWebOrder(server.url, key, shipPayload([item]))).status).toBe(401);
    expect((await postWebOrder(server.url, newKey, shipPayload([item]))).status).toBe(201);

    await channelKeyCommand(['revoke', '--id', id], storage, capture());
    expect((await postWebOrder(server.url, newKey, shipPayload([item]))).status).toBe(401);
    await expect(channelKeyCommand(['revoke', '--id', id], storage, capture())).rejects.toThrow(/No live channel/);
    await expect(channelKeyCommand(['create', '--channel', 'fax'], storage, capture())).rejects.toThrow(/Usage/);
  });

  it('applies a carrier tracking event once, with the carrier key only', async () => {
    const storage = server.server.storage;
    const created = capture();
    await channelKeyCommand(
      ['create', '--channel', 'web', '--code', 'W10', '--name', 'Shop', '--home-store', 'S001'],
      storage,
      created,
    );
    const [row] = await storage.query<{ home_store_id: string }>(
      "SELECT home_store_id FROM channel_keys WHERE code = 'W10'",
      [],
    );
    const [item] = await stockedItems(storage, row?.home_store_id ?? '', 1);
    if (!item) throw new Error('no stock');
    const placed = await postWebOrder(server.url, created.lines[0] ?? '', shipPayload([item]));
    expect(placed.status).toBe(201);
    const orderId = String(placed.body.orderId);
    const fo = (placed.body.fulfillmentOrders as { id: string; storeId: string }[])[0];
    if (!fo) throw new Error('not routed');
    const register = await enrollDevice(server, fo.storeId, 'ship bench');
    const doc = async (id: string) =>
      (await storage.getDocuments('fulfillment_orders', [id])).get(id)?.data as Record<string, unknown>;
    const move = async (change: (d: Record<string, unknown>) => Record<string, unknown>) => {
      const master = await doc(fo.id);
      const next = change(structuredClone(master));
      next.history = [
        ...(next.history as unknown[]),
        { status: next.status, at: new Date().toISOString(), by: { kind: 'device', deviceId: register.deviceId } },
      ];
      next.updatedAt = new Date().toISOString();
      const answer = await register.api.post('/sync/fulfillment_orders/push', [
        { newDocumentState: { ...next, _deleted: false }, assumedMasterState: master },
      ]);
      expect(answer.body).toMatchObject({ rejected: [], conflicts: [] });
    };
    await move((d) => ({ ...d, status: 'picking' }));
    await move((d) => ({
      ...d,
      status: 'picked',
      lines: (d.lines as { quantity: number }[]).map((l) => ({ ...l, pickedQuantity: l.quantity })),
    }));
    await move((d) => ({
      ...d,
      status: 'shipped',
      shipment: { carrier: 'sim', trackingNumber: 'SIM000123', cost: 650 },
    }));

    const keys = capture();
    await carrierKeyCommand(['create', '--carrier', 'sim'], storage, keys);
    const carrierKey = keys.lines[0] ?? '';
    const post = (key: string, body: unknown, carrier = 'sim') =>
      fetch(`${server.url}/api/carriers/${carrier}/tracking`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const event = {
      eventId: 'evt-1',
      trackingNumber: 'SIM000123',
      status: 'in_transit',
      occurredAt: new Date().toISOString(),
      location: 'Secaucus, NJ',
    };
    expect((await post('tk_wrong', event)).status).toBe(401);
    expect((await post(carrierKey, event, 'other')).status).toBe(401);
    expect((await post(carrierKey, { ...event, status: 'lost' })).status).toBe(400);
    expect((await post(carrierKey, { ...event, trackingNumber: 'NOPE' })).status).toBe(404);
    const first = await post(carrierKey, event);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ applied: true, orderId, status: 'in_transit' });
    expect(await (await post(carrierKey, event)).json()).toMatchObject({ applied: false });
    const delivered = {
      ...event,
      eventId: 'evt-2',
      status: 'delivered',
      occurredAt: new Date(Date.now() + 1000).toISOString(),
    };
    expect(await (await post(carrierKey, delivered)).json()).toMatchObject({ applied: true });
    expect((await doc(fo.id)).shipment).toMatchObject({ tracking: { status: 'delivered' } });

    const notes = (
      await storage.query<{ data: string }>(
        {
          sqlite:
            "SELECT data FROM documents WHERE collection = 'order_events' AND json_extract(data, '$.orderId') = ?",
          postgres: "SELECT data FROM documents WHERE collection = 'order_events' AND (data::jsonb ->> 'orderId') = ?",
        },
        [orderId],
      )
    )
      .map((r) => JSON.parse(r.data) as { type: string; payload: { text?: string } })
      .filter((e) => e.type === 'note' && e.payload.text?.includes('SIM000123'));
    expect(notes).toHaveLength(2);
    expect(notes.map((n) => n.payload.text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('in transit at Secaucus, NJ'),
        expect.stringContaining('delivered'),
      ]),
    );

    await carrierKeyCommand(['revoke', '--carrier', 'sim'], storage, capture());
    expect((await post(carrierKey, { ...event, eventId: 'evt-3' })).status).toBe(401);
  });
});
