// The customer summary a register shows when a customer is attached to a sale, against a real
// server on both backends: figures from every store (no contact data, no order lines, no pickup
// codes), open pickups counted for the asking register's own store, the HQ notes flag, and the
// refusals — no credential 401, a revoked register 401, a malformed id 400, an unknown customer 404,
// past the per-credential rate limit 429.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, enrollDevice, pushRows, startTwoStoreServer, type TwoStores, Api } from './server-harness';
import { saleAt, returnOf, SALE_TOTAL } from './hq-fixtures';
import { fixtures } from '../support/fixtures/documents';
import type { RegisterCustomerSummary } from '../../shared/hq/service';
import { DEFAULT_RATE_LIMITS } from '../../sync-server/http/guard';

type Doc = Record<string, unknown>;
const path = (id: string) => `/api/customers/${id}/summary`;

describe.each(backends)('register customer summary on %s', (backend) => {
  let chain: TwoStores;
  const customerId = randomUUID();
  const lastVisitAt = '2026-11-20T15:00:00.000Z';

  beforeAll(async () => {
    chain = await startTwoStoreServer(backend, {
      limits: { rate: { ...DEFAULT_RATE_LIMITS, lookupPerMinute: 12 } },
    });
    const { hq, a, b } = chain;
    const customer = {
      ...structuredClone(fixtures.customers),
      id: customerId,
      email: 'river@example.com',
      phone: '+1 212 555 0101',
      searchName: 'river song river@example.com',
      storeCreditBalance: 1250,
    };
    expect((await hq.post('/sync/customers/push', pushRows([customer]))).body).toMatchObject({ rejected: [] });
    const atA = saleAt(a.storeId, '2026-11-10T15:00:00.000Z', { customerId });
    const atB = saleAt(b.storeId, lastVisitAt, { customerId });
    const voided = saleAt(a.storeId, '2026-11-25T15:00:00.000Z', { customerId, status: 'voided' });
    expect((await hq.post('/sync/orders/push', pushRows([atA, atB, voided]))).body).toMatchObject({ rejected: [] });
    expect(
      (await hq.post('/sync/returns/push', pushRows([returnOf(atA, '2026-11-11T15:00:00.000Z')]))).body,
    ).toMatchObject({
      rejected: [],
    });
    const pickup = (storeId: string, status: string): Doc => ({
      ...structuredClone(fixtures.fulfillment_orders),
      id: randomUUID(),
      orderId: atA.id,
      assignedStoreId: storeId,
      status,
      reservationMovementIds: [],
    });
    expect(
      (
        await hq.post(
          '/sync/fulfillment_orders/push',
          pushRows([
            pickup(a.storeId, 'ready_for_pickup'),
            pickup(b.storeId, 'picking'),
            pickup(a.storeId, 'cancelled'),
          ]),
        )
      ).body,
    ).toMatchObject({ rejected: [] });
    const notes = await hq.request('PUT', `/api/hq/console/customers/${customerId}/notes`, {
      notes: 'Call before shipping.',
    });
    expect(notes.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await chain?.server.dispose();
  });

  it('answers the figures from every store, open pickups here and everywhere, and no contact data', async () => {
    const { a, b } = chain;
    const fromA = await a.api.get<{ summary: RegisterCustomerSummary }>(path(customerId));
    expect(fromA.status).toBe(200);
    expect(fromA.body.summary).toMatchObject({
      customerId,
      currency: 'USD',
      orders: 3,
      spent: 2 * SALE_TOTAL,
      channels: 1,
      stores: 2,
      lastVisit: { at: lastVisitAt, storeCode: 'S002' },
      openPickups: 2,
      openPickupsHere: 1,
      returns: 1,
      storeCredit: 1250,
      hqNotes: true,
    });
    expect(Date.parse(fromA.body.summary.asOf)).toBeGreaterThan(Date.now() - 60_000);
    const text = JSON.stringify(fromA.body);
    for (const secret of ['river@example.com', '555', 'Call before', 'K7Q2M9', 'Sam Rivera', 'MUG-RED'])
      expect(text).not.toContain(secret);
    const fromB = await b.api.get<{ summary: RegisterCustomerSummary }>(path(customerId));
    expect(fromB.body.summary).toMatchObject({ openPickups: 2, openPickupsHere: 1 });
  });

  it('refuses no credential, a revoked register, a malformed id and an unknown customer with coded answers', async () => {
    const { server, hq } = chain;
    expect((await new Api(server.url, undefined).get(path(customerId))).status).toBe(401);
    const revoked = await enrollDevice(server, chain.a.storeId, 'Revoked register');
    expect((await hq.post(`/api/hq/devices/${revoked.deviceId}/revoke`, {})).status).toBe(200);
    expect((await revoked.api.get(path(customerId))).status).toBe(401);
    const bad = await chain.b.api.get<{ code: string }>(path('not-a-uuid'));
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('SYNC_BAD_REQUEST');
    const unknown = await chain.b.api.get<{ code: string }>(path(randomUUID()));
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('SYNC_NOT_FOUND');
  });

  it('limits a credential to its lookups per minute (429 past it)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await chain.b.api.get(path(customerId))).status);
    expect(statuses).toContain(429);
    // Another register's credential has its own allowance.
    const other = await enrollDevice(chain.server, chain.b.storeId, 'Second register');
    expect((await other.api.get(path(customerId))).status).toBe(200);
  });
});
