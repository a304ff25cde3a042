// Tax at intake, on both backends: a pickup is taxed where the pickup store is, a parcel where it
// is delivered (shared/tax destinationJurisdiction); an address no published rules cover becomes
// a visible exception, never a guessed rate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Api, backends, pushRows, startTestServer, type TestServer } from './server-harness';
import {
  createChannelKey,
  pickupPayload,
  postWebOrder,
  shipPayload,
  type ChannelKeyResult,
} from '../support/web-orders';
import { TAX_RATES } from '../../sync-server/seed/demo-chain';

const NJ_PPM = 66_250;

const address = (city: string, region: string, postalCode: string) => ({
  name: 'Ben Buyer',
  line1: '1 Main St',
  city,
  region,
  postalCode,
  country: 'US',
});

describe.each(backends)('tax by destination at intake (%s)', (backend) => {
  let server: TestServer;
  let channel: ChannelKeyResult;
  let item: { sku: string; price: number };

  beforeAll(async () => {
    server = await startTestServer(backend, { seedDemo: true });
    channel = await createChannelKey(server.url, server.hqToken);
    // A fully taxed product (GENERAL) sold by the piece, in stock at a shipping store.
    const products = (
      await server.server.storage.query<{ data: string }>(
        "SELECT data FROM documents WHERE collection = 'products'",
        [],
      )
    ).map(
      (r) =>
        JSON.parse(r.data) as {
          sku: string;
          unit: string;
          active: boolean;
          taxCategory: string;
          prices: { amount: number }[];
        },
    );
    const levels = (
      await server.server.storage.query<{ data: string }>(
        "SELECT data FROM documents WHERE collection = 'inventory_levels'",
        [],
      )
    ).map((r) => JSON.parse(r.data) as { sku: string; available: number });
    const stocked = new Set(levels.filter((l) => l.available > 3).map((l) => l.sku));
    const general = products.find(
      (p) =>
        p.unit === 'each' &&
        p.active &&
        p.taxCategory === 'GENERAL' &&
        stocked.has(p.sku) &&
        (p.prices[0]?.amount ?? 0) > 100,
    );
    if (!general) throw new Error('no taxed product in stock');
    item = { sku: general.sku, price: general.prices[0]?.amount ?? 0 };
  });
  afterAll(async () => server.dispose());

  const order = async (id: unknown) =>
    (await server.server.storage.getDocuments('orders', [String(id)])).get(String(id))?.data as {
      taxJurisdiction: string;
      totals: { taxTotal: number };
    };

  it('taxes a pickup at the pickup store and a New York City delivery at the city rate', async () => {
    const pickup = await postWebOrder(server.url, channel.apiKey, pickupPayload(item, 'S001'));
    expect(pickup.status, JSON.stringify(pickup.body)).toBe(201);
    expect((await order(pickup.body.orderId)).taxJurisdiction).toBe('US-NY-NYC');
    const shipped = await postWebOrder(server.url, channel.apiKey, shipPayload([item]));
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(201);
    expect((await order(shipped.body.orderId)).taxJurisdiction).toBe('US-NY-NYC');
    // 8.875 % in three components (state, city, MCTD), each rounded half up on the line.
    const general = TAX_RATES.find((r) => r.taxCategory === 'GENERAL')?.components ?? [];
    expect(general.length).toBeGreaterThan(0);
    expect((shipped.body.totals as { taxTotal: number }).taxTotal).toBe(
      general.reduce((sum, [, ppm]) => sum + Math.round((item.price * Number(ppm)) / 1_000_000), 0),
    );
  });

  it('parks a delivery no tax rules cover as an exception, and taxes it by the state once HQ publishes rules', async () => {
    const toNewark = (ref: string) =>
      shipPayload([item], {
        externalRef: ref,
        fulfillment: {
          ...(shipPayload([item]).fulfillment as Record<string, unknown>),
          shippingAddress: address('Newark', 'NJ', '07102'),
        },
      });
    const refused = await postWebOrder(server.url, channel.apiKey, toNewark(`nj-${randomUUID()}`));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ exception: { reason: 'no_tax_rules' } });
    expect(String(refused.body.message)).toContain('Newark, NJ, US');

    const now = new Date().toISOString();
    const rules = [...new Set(TAX_RATES.map((r) => r.taxCategory))].map((taxCategory) => ({
      id: randomUUID(),
      key: `US-NJ:${taxCategory}`,
      kind: 'tax_rule',
      active: true,
      updatedAt: now,
      payload: {
        jurisdiction: 'US-NJ',
        taxCategory,
        components: [{ name: 'New Jersey', ratePpm: NJ_PPM }],
        mode: 'exclusive',
        rounding: 'line',
      },
    }));
    const published = await new Api(server.url, server.hqToken).post('/sync/config/push', pushRows(rules));
    expect(published.body).toMatchObject({ rejected: [] });

    const taxed = await postWebOrder(server.url, channel.apiKey, toNewark(`nj-${randomUUID()}`));
    expect(taxed.status, JSON.stringify(taxed.body)).toBe(201);
    const stored = await order(taxed.body.orderId);
    expect(stored.taxJurisdiction).toBe('US-NJ');
    expect(stored.totals.taxTotal).toBe(Math.round((item.price * NJ_PPM) / 1_000_000));
  });
});
