// `serve --seed-demo` on a real server: the chain is there once, S001 enrolls, a register of S001
// pulls the catalog and its store's stock (and looks a demo gift card up online), and a second
// start does not seed again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, backends, enrollDevice, startTestServer, type TestServer } from './server-harness';

describe.each(backends)('demo seed on %s', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(backend, { seedDemo: true, freshSeed: true });
  });
  afterAll(async () => server?.dispose());

  it('seeds once and serves the chain to an enrolled register', async () => {
    expect(server.server.seeded).toMatchObject({ seeded: true, counts: { products: 3000, staff: 4, customers: 200 } });
    const device = await enrollDevice(server, 'S001');
    const page = await device.api.get<{ documents: unknown[] }>('/sync/products/pull?seq=0&limit=1000');
    expect(page.body.documents).toHaveLength(1000);
    const config = await device.api.get<{ documents: { kind: string; key: string }[] }>(
      '/sync/config/pull?seq=0&limit=1000',
    );
    expect(
      config.body.documents
        .filter((d) => d.kind === 'store')
        .map((d) => d.key)
        .sort(),
    ).toEqual(['S001', 'S002', 'S003', 'S004', 'S005']);
    // Demo gift cards are keyed with this server's key: looked up online, never pulled.
    expect(config.body.documents.some((d) => d.kind === 'gift_card')).toBe(false);
    const card = await device.api.post<{ balance: number; last4: string }>('/api/gift-cards/lookup', {
      number: '6035710000000001',
    });
    expect(card.body).toMatchObject({ balance: 5_000, last4: '0001' });
    const movements = await device.api.get<{ documents: { storeId: string }[] }>(
      '/sync/inventory_movements/pull?seq=0&limit=1000',
    );
    expect(movements.body.documents.length).toBeGreaterThan(0);
    expect(movements.body.documents.every((m) => m.storeId === device.storeId)).toBe(true);
    await server.restart();
    const hq = new Api(server.url, server.hqToken);
    const count = await server.server.storage.countDocuments('products');
    expect(count).toBe(3000);
    expect((await hq.get('/health')).status).toBe(200);
  });
});
