// What a hostile register can pull and how far it can push the server (issue 10): only its own
// store's staff hashes; the order lookup needs a second factor, gives no contact data and is
// rate-limited; enrollment and failed sign-ins are rate-limited; live streams are capped and a
// revoked register's stream closes within a second; static files carry strict headers and never
// serve dotfiles or symlinks out of their folder.
import { randomUUID } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from '../support/fixtures/documents';
import { Api, backends, startTwoStoreServer, type EnrolledDevice, type TwoStores } from '../integration/server-harness';
import { orderDoc } from '../integration/server-fixtures';
import { makeTempDir } from '../support/temp-dir';
import { create, customerDoc, paymentDoc, push, returnDoc } from './attacker';

async function openStream(url: string, credential: string): Promise<{ status: number; closed: Promise<number> }> {
  const started = Date.now();
  const response = await fetch(`${url}/sync/stream`, { headers: { authorization: `Bearer ${credential}` } });
  if (response.status !== 200) return { status: response.status, closed: Promise.resolve(0) };
  const reader = response.body!.getReader();
  const closed = (async () => {
    try {
      while (!(await reader.read()).done) {
        // keep reading until the server ends the stream
      }
    } catch {
      // reset counts as closed
    }
    return Date.now() - started;
  })();
  return { status: response.status, closed };
}

describe.each(backends)('scope and limits on %s', (backend) => {
  let env: TwoStores;
  const site = makeTempDir('pos-static-');
  const outside = makeTempDir('pos-outside-');

  beforeAll(async () => {
    writeFileSync(join(site.path, 'index.html'), '<!doctype html><title>POS</title>');
    writeFileSync(join(site.path, '.env'), 'SECRET=1');
    writeFileSync(join(outside.path, 'secret.txt'), 'outside the root');
    mkdirSync(join(site.path, 'assets'));
    symlinkSync(join(outside.path, 'secret.txt'), join(site.path, 'assets', 'link.txt'));
    env = await startTwoStoreServer(backend, {
      posDir: site.path,
      limits: {
        rate: { enrollPerMinute: 4, failedAuthPerMinute: 5, lookupPerMinute: 4 },
        streams: { perDevice: 2, total: 100, revocationCheckMs: 200 },
      },
    });
  });
  afterAll(async () => {
    await env?.server.dispose();
    site.remove();
    outside.remove();
  });

  it('gives a register only the staff of its own store (and chain-wide staff)', async () => {
    const person = (storeIds: string[], allStores: boolean) => ({
      ...fixtures.staff,
      id: randomUUID(),
      loginCode: String(Math.floor(Math.random() * 1e8)).padStart(8, '1'),
      storeIds,
      allStores,
    });
    const ofA = person([env.a.storeId], false);
    const ofB = person([env.b.storeId], false);
    const everywhere = person([], true);
    expect((await push(env.hq, 'staff', [create(ofA), create(ofB), create(everywhere)])).body.rejected).toEqual([]);
    const pulled = await env.b.api.get<{ documents: { id: string }[] }>('/sync/staff/pull?seq=0&limit=1');
    const ids: string[] = [];
    let seq = 0;
    for (let page = 0; page < 10; page++) {
      const answer = await env.b.api.get<{ documents: { id: string }[]; checkpoint: { seq: number } }>(
        `/sync/staff/pull?seq=${seq}&limit=1`,
      );
      ids.push(...answer.body.documents.map((d) => d.id));
      if (answer.body.documents.length === 0) break;
      seq = answer.body.checkpoint.seq;
    }
    expect(pulled.status).toBe(200);
    expect(ids.sort()).toEqual([ofB.id, everywhere.id].sort());
  });

  it("gives a register only its own store's customers; others through a masked online search", async () => {
    const ours = customerDoc({
      homeStoreId: env.a.storeId,
      displayName: 'Ada Ours',
      searchName: 'ada ours ada@example.com',
      email: 'ada@example.com',
    });
    const theirs = customerDoc({
      homeStoreId: env.b.storeId,
      displayName: 'Bea Theirs',
      searchName: 'bea theirs bea@example.com 2125550199',
      email: 'bea@example.com',
      phone: '212 555 0199',
    });
    expect((await push(env.hq, 'customers', [create(ours), create(theirs)])).body.rejected).toEqual([]);
    const pulled = await env.a.api.get<{ documents: { id: string }[] }>('/sync/customers/pull?seq=0&limit=1000');
    expect(pulled.body.documents.map((d) => d.id)).toEqual([ours.id]);
    const search = await env.a.api.get<{ customers: Record<string, unknown>[] }>(
      '/api/customers/search?q=bea%20theirs',
    );
    expect(search.body.customers).toEqual([
      {
        id: theirs.id,
        displayName: 'Bea Theirs',
        homeStoreId: env.b.storeId,
        emailHint: 'b***@example.com',
        phoneEnding: '99',
      },
    ]);
    expect(JSON.stringify(search.body)).not.toContain('bea@example.com');
    expect((await env.a.api.get('/api/customers/search?q=be')).status).toBe(400);
    expect((await new Api(env.server.url, undefined).get('/api/customers/search?q=bea')).status).toBe(401);
    // Attaching the customer to a sale fetches the full record by id.
    expect(
      (await env.a.api.get<{ customer: Record<string, unknown> }>(`/api/customers/${theirs.id as string}`)).body
        .customer,
    ).toMatchObject({ email: 'bea@example.com' });
  });

  it('finds an order for a return only with a second factor, without contact data, rate-limited', async () => {
    const order = orderDoc(env.a.storeId, {
      customerEmail: 'sam@example.com',
      customerId: randomUUID(),
      notes: 'call Sam on 555-0100',
      totals: { subtotal: 299, discountTotal: 0, taxTotal: 0, total: 299 },
    });
    const line = (order.lines as { id: string }[])[0]!;
    const card = paymentDoc(env.a.storeId, {
      orderId: order.id,
      amount: 299,
      card: { ...fixtures.payments.card, last4: '4242' },
    });
    expect((await push(env.a.api, 'orders', [create(order)])).body.rejected).toEqual([]);
    expect((await push(env.a.api, 'payments', [create(card)])).body.rejected).toEqual([]);
    const ret = returnDoc(env.b.storeId, 100, 'card', randomUUID(), {
      originalOrderId: order.id,
      lines: [
        { ...fixtures.returns.lines[0]!, id: randomUUID(), originalLineId: line.id, refundAmount: 100, taxes: [] },
      ],
      customerId: randomUUID(),
    });
    expect((await push(env.b.api, 'returns', [create(ret)])).body.rejected).toEqual([]);

    const path = (factor: string) => `/api/orders/lookup?orderNumber=${String(order.orderNumber)}&${factor}`;
    expect((await env.b.api.get(`/api/orders/lookup?orderNumber=${String(order.orderNumber)}`)).status).toBe(400);
    expect((await env.b.api.get(path('total=300'))).status).toBe(404);
    const found = await env.b.api.get<{
      order: Record<string, unknown>;
      returns: Record<string, unknown>[];
      tenders: Record<string, unknown>[];
    }>(path('last4=4242'));
    expect(found.status).toBe(200);
    expect(found.body.order.lines).toEqual([expect.objectContaining({ id: line.id, quantity: 1, returned: 1 })]);
    expect(found.body.tenders).toEqual([
      expect.objectContaining({ paymentId: card.id, method: 'card', last4: '4242', amount: 299 }),
    ]);
    const text = JSON.stringify(found.body);
    for (const secret of ['sam@example.com', order.customerId as string, '555-0100', ret.customerId as string])
      expect(text).not.toContain(secret);
    // 4 per minute per credential here: the next one is refused.
    expect((await env.b.api.get(path('receipt=' + String(order.id)))).status).toBe(200);
    expect(await env.b.api.get(path('total=299'))).toMatchObject({ status: 429, body: { code: 'SYNC_RATE_LIMITED' } });
  });

  it('rate-limits enrollment attempts and failed sign-ins per address', async () => {
    // Two enrollments were used by the set-up; 4 per minute are allowed.
    const anon = new Api(env.server.url, undefined);
    expect((await anon.post('/api/enroll', { code: 'WRONG-1', name: 'x' })).status).toBe(400);
    expect((await anon.post('/api/enroll', { code: 'WRONG-2', name: 'x' })).status).toBe(400);
    expect(await anon.post('/api/enroll', { code: 'WRONG-3', name: 'x' })).toMatchObject({
      status: 429,
      body: { code: 'SYNC_RATE_LIMITED' },
    });
    const stranger = new Api(env.server.url, 'not-a-real-credential-0000');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await stranger.get('/sync/orders/pull')).status);
    // 5 failures per minute per address (other tests in this file used one or two): 401s, then only 429s.
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThanOrEqual(3);
    expect(statuses.slice(0, first429).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(first429).every((s) => s === 429)).toBe(true);
    // A real credential still works from the same address.
    expect((await env.a.api.get('/api/me')).status).toBe(200);
  });

  it('caps live streams per device and closes a revoked register stream within a second', async () => {
    // HTTP enrollment from this address is used up by the test above: enroll through the server's auth service.
    const code = await env.server.server.auth.createEnrollmentCode('S001');
    const enrolled = await env.server.server.auth.enroll(code.code, 'victim');
    const victim: EnrolledDevice = { ...enrolled, api: new Api(env.server.url, enrolled.credential) };
    const first = await openStream(env.server.url, victim.credential);
    const second = await openStream(env.server.url, victim.credential);
    const third = await openStream(env.server.url, victim.credential);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 429]);
    const revokedAt = Date.now();
    expect((await env.hq.post(`/api/hq/devices/${victim.deviceId}/revoke`, {})).status).toBe(200);
    await Promise.all([first.closed, second.closed]);
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
    // Refused (401, or 429 since this address already failed sign-ins in the test above).
    expect([401, 429]).toContain((await victim.api.get('/sync/stream')).status);
  });

  it('serves static files with CSP and nosniff, no dotfiles, no symlink out of the folder', async () => {
    const index = await fetch(`${env.server.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${env.server.url}/.env`)).status).toBe(404);
    const link = await fetch(`${env.server.url}/assets/link.txt`);
    expect(link.status).not.toBe(200);
    expect(await link.text()).not.toContain('outside the root');
  });
});
