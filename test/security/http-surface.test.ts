// The attacker at the HTTP surface (issue 10): text the database cannot hold, card numbers in any
// field, framework errors outside the envelope, bodies read before authentication, slow uploads,
// enrollment codes burnt by a failed request, and what /health and /metrics give away. Both
// backends must give the same answers.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luhnValid } from '../../shared/schemas/pan';
import { isValidGtin } from '../../shared/barcode/gtin';
import { fixtures } from '../support/fixtures/documents';
import { Api, backends, startTwoStoreServer, type TwoStores } from '../integration/server-harness';
import { orderDoc, productDoc } from '../integration/server-fixtures';
import { rawRequest } from '../support/sync-raw-http';
import { create, customerDoc, hangingUpload, push, stored } from './attacker';

const PAN = '4111 1111 1111 1111';

describe.each(backends)('the HTTP surface on %s', (backend) => {
  let env: TwoStores;
  const json = { 'content-type': 'application/json' };
  const auth = () => ({ ...json, authorization: `Bearer ${env.a.credential}` });

  beforeAll(async () => {
    env = await startTwoStoreServer(backend, {
      limits: { http: { requestTimeoutMs: 1_000, headersTimeoutMs: 1_000, idleTimeoutMs: 5_000, maxConnections: 200 } },
    });
  });
  afterAll(async () => env?.server.dispose());

  it('refuses NUL and broken surrogates with the same coded 400 on both backends, storing nothing', async () => {
    for (const bad of ['\\u0000', '\\ud800', 'a\\udc00b']) {
      const order = orderDoc(env.a.storeId);
      const text = JSON.stringify([{ newDocumentState: { ...order, notes: 'X', _deleted: false } }]).replace(
        '"notes":"X"',
        `"notes":"${bad}"`,
      );
      const answer = await rawRequest(`${env.server.url}/sync/orders/push`, 'POST', auth(), text);
      expect(answer.status, bad).toBe(400);
      expect(answer.body).toMatchObject({
        code: 'SYNC_INVALID_CHARACTERS',
        message: expect.stringContaining('0.newDocumentState.notes'),
      });
      expect(await stored(env.hq, 'orders', order.id as string)).toBeUndefined();
    }
    const key = await rawRequest(
      `${env.server.url}/sync/orders/push`,
      'POST',
      auth(),
      '[{"newDocumentState":{"id":"x","a\\u0000":1}}]',
    );
    expect(key.body.code).toBe('SYNC_INVALID_CHARACTERS');
    expect((await env.a.api.get('/api/orders/lookup?orderNumber=%00&total=1')).body).toMatchObject({
      code: 'SYNC_INVALID_CHARACTERS',
    });
    // A proper emoji (a surrogate pair) is text like any other.
    const emoji = customerDoc({ displayName: 'Sam \ud83d\ude00' });
    expect((await push(env.a.api, 'customers', [create(emoji)])).body.rejected).toEqual([]);
  });

  it('refuses a card number typed into any person-typed field of any collection', async () => {
    const order = orderDoc(env.a.storeId);
    const line = (order.lines as Record<string, unknown>[])[0]!;
    const discounted = {
      ...order,
      lines: [{ ...line, discounts: [{ id: randomUUID(), kind: 'amount', amount: 10, reason: `card ${PAN}` }] }],
    };
    const shift = {
      ...fixtures.till_shifts,
      id: randomUUID(),
      storeId: env.a.storeId,
      cashMovements: [{ ...fixtures.till_shifts.cashMovements[0]!, reason: `paid ${PAN.replaceAll(' ', '-')}` }],
    };
    const probes: [string, Record<string, unknown>][] = [
      ['orders', discounted],
      ['till_shifts', shift],
      ['customers', customerDoc({ displayName: `Card ${PAN}` })],
      ['customers', customerDoc({ phone: PAN.replaceAll(' ', '') })],
      ['orders', { ...orderDoc(env.a.storeId), externalRef: PAN }],
    ];
    for (const [collection, doc] of probes) {
      const answer = await push(env.a.api, collection, [create(doc)]);
      expect(answer.body.rejected, collection).toEqual([
        expect.objectContaining({ code: 'SYNC_INVALID_DOCUMENT', message: expect.stringContaining('card number') }),
      ]);
      expect(await stored(env.hq, collection, doc.id as string)).toBeUndefined();
    }
    // A GTIN barcode that happens to pass Luhn is a barcode, not a card.
    let gtin = '';
    for (let n = 4006381333931; !gtin; n++) if (isValidGtin(String(n)) && luhnValid(String(n))) gtin = String(n);
    const product = { ...productDoc('LUHN-GTIN'), primaryBarcode: gtin, barcodes: [gtin] };
    expect((await push(env.hq, 'products', [create(product)])).body.rejected).toEqual([]);
  });

  it('answers framework errors (414, 413, 415, 404) in the documented envelope', async () => {
    const long = await env.a.api.get(`/sync/${'x'.repeat(500)}/pull`);
    expect(long).toMatchObject({ status: 414, body: { code: 'SYNC_URL_TOO_LONG', message: expect.any(String) } });
    const big = await rawRequest(
      `${env.server.url}/api/enroll`,
      'POST',
      json,
      JSON.stringify({ code: 'x', name: 'n'.repeat(5_000) }),
    );
    expect(big).toMatchObject({ status: 413, body: { code: 'SYNC_BODY_TOO_LARGE' } });
    const type = await rawRequest(
      `${env.server.url}/sync/orders/push`,
      'POST',
      { ...auth(), 'content-type': 'text/xml' },
      '<x/>',
    );
    expect(type).toMatchObject({ status: 415, body: { code: 'SYNC_UNSUPPORTED_MEDIA_TYPE' } });
    expect(await env.a.api.get('/nothing/here')).toMatchObject({ status: 404, body: { code: 'SYNC_NOT_FOUND' } });
  });

  it('authenticates before reading a body and cuts off a slow upload', async () => {
    // A stranger promising 15 MB is answered 401 from the headers alone, before any body arrives.
    const stranger = await hangingUpload(env.server.url, '/sync/orders/push', {}, 15 * 1024 * 1024, 10, 3_000);
    expect(stranger.status).toBe(401);
    expect(stranger.elapsedMs).toBeLessThan(2_000);
    const enroll = await hangingUpload(env.server.url, '/api/enroll', {}, 15 * 1024 * 1024, 10, 3_000);
    expect(enroll.status).toBe(413);
    // A register that never finishes its body is disconnected at the request timeout (1 s here).
    const slow = await hangingUpload(
      env.server.url,
      '/sync/orders/push',
      { authorization: `Bearer ${env.a.credential}` },
      10_000,
      100,
      5_000,
    );
    expect(slow.elapsedMs).toBeLessThan(4_000);
    expect([0, 408]).toContain(slow.status);
  });

  it('never uses up an enrollment code on a failed enrollment', async () => {
    const code = (await env.hq.post<{ code: string }>('/api/hq/enrollment-codes', { storeId: 'S001' })).body.code;
    const anon = new Api(env.server.url, undefined);
    expect(await anon.post('/api/enroll', { code, name: 'n'.repeat(81) })).toMatchObject({
      status: 400,
      body: { code: 'SYNC_BAD_REQUEST' },
    });
    const nul = await rawRequest(
      `${env.server.url}/api/enroll`,
      'POST',
      json,
      `{"code":"${code}","name":"till\\u0000"}`,
    );
    expect(nul.body.code).toBe('SYNC_INVALID_CHARACTERS');
    expect((await anon.post('/api/enroll', { code, name: 'Till 9' })).status).toBe(201);
    expect((await anon.post('/api/enroll', { code, name: 'Till 10' })).status).toBe(400);
  });

  it('keeps /health free of paths and /metrics behind the HQ token', async () => {
    const health = await new Api(env.server.url, undefined).get<Record<string, unknown>>('/health');
    expect(health.status).toBe(200);
    expect(Object.keys(health.body).sort()).toEqual(['startedAt', 'status', 'storage', 'version']);
    expect((await new Api(env.server.url, undefined).get('/metrics')).status).toBe(401);
    expect(await env.a.api.get('/metrics')).toMatchObject({ status: 403, body: { code: 'SYNC_FORBIDDEN' } });
    expect((await env.hq.get<string>('/metrics')).body).toMatch(/^pos_sync_pushes_total /m);
  });
});
