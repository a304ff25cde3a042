// Hostile and broken input against a sync server running in its own process, while an honest
// register keeps selling through it. Every bad request gets a coded 4xx (or, for a bad document
// inside a well-formed batch, a coded per-document refusal); the server log shows no 5xx;
// nothing of the bad input is stored; the honest register's sales all arrive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './server-harness';
import { productDoc, storeDoc } from './server-fixtures';
import { ServerProcess } from '../support/sync-server-process';
import { enroll, hqPush, openRegister, pullAll, type Device, type TestRegister } from '../support/sync-clients';
import { registerSales, saleOrder } from '../support/sync-docs';
import { rawRequest, rawUpload, type RawAnswer } from '../support/sync-raw-http';

const JSON_TYPE = 'application/json';

describe.each(backends)('hostile input on %s', (backend) => {
  let server: ServerProcess;
  let a: Device;
  let b: Device;
  let revoked: Device;
  let honest: TestRegister;

  const push = (
    device: Device | undefined,
    collection: string,
    body: string | Buffer,
    type = JSON_TYPE,
  ): Promise<RawAnswer> =>
    rawRequest(
      `${server.url}/sync/${collection}/push`,
      'POST',
      { 'content-type': type, ...(device ? { authorization: `Bearer ${device.credential}` } : {}) },
      body,
    );
  const rows = (docs: Record<string, unknown>[]) =>
    JSON.stringify(docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })));
  const order = (device: Device, sequence: number, code = 'S001') =>
    saleOrder({ storeId: device.storeId, storeCode: code, registerCode: 'R09', sequence, sku: 'SKU-1' });

  beforeAll(async () => {
    server = await ServerProcess.create({ backend, logLevel: 'info' });
    await hqPush(server, 'config', [storeDoc('S001'), storeDoc('S002')]);
    a = await enroll(server, 'S001', 'hostile A');
    b = await enroll(server, 'S002', 'store B');
    revoked = await enroll(server, 'S001', 'stolen');
    const hqHeaders = { authorization: `Bearer ${server.hqToken}`, 'content-type': JSON_TYPE };
    expect(
      (await rawRequest(`${server.url}/api/hq/devices/${revoked.deviceId}/revoke`, 'POST', hqHeaders, '{}')).status,
    ).toBe(200);
    honest = await openRegister(server, await enroll(server, 'S001', 'honest'), ['orders', 'inventory_movements']);
  });

  afterAll(async () => {
    await honest?.close();
    await server?.dispose();
  });

  it('answers every bad request with a coded 4xx, stores none of it and keeps serving', async () => {
    const sales = registerSales({ storeId: honest.device.storeId, storeCode: 'S001', registerCode: 'R01' }, 300);
    await honest.db.orders.bulkInsert(sales.orders.slice(0, 150) as never[]);
    const sync = honest.startSync();

    const negativePrice = order(a, 1);
    (negativePrice.lines as Record<string, unknown>[])[0]!.unitPrice = -500;
    const wrongType = order(a, 2);
    wrongType.taxExempt = 'no';
    (wrongType.lines as Record<string, unknown>[])[0]!.quantity = '1';
    let deep = '1';
    for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    big.write('[', 0);
    big.write(']', big.length - 1);
    const tenThousand = JSON.stringify(
      Array.from({ length: 10_000 }, (_, i) => ({ newDocumentState: { id: `x${i}`, _deleted: false } })),
    );

    const cases: { name: string; answer: Promise<RawAnswer>; status: number; code: string }[] = [
      {
        name: 'malformed JSON',
        answer: push(a, 'orders', '[{"newDocumentState": {"id": "1",'),
        status: 400,
        code: 'SYNC_INVALID_JSON',
      },
      {
        name: '50 MB body',
        answer: rawUpload(
          server.url,
          '/sync/orders/push',
          { 'content-type': JSON_TYPE, authorization: `Bearer ${a.credential}` },
          big,
        ),
        status: 413,
        code: 'SYNC_BODY_TOO_LARGE',
      },
      { name: 'deep nesting', answer: push(a, 'orders', deep), status: 400, code: 'SYNC_JSON_TOO_DEEP' },
      {
        name: '__proto__ key',
        answer: push(
          a,
          'orders',
          `[{"newDocumentState": ${JSON.stringify(order(a, 3)).replace('{', '{"__proto__": {"admin": true},')}}]`,
        ),
        status: 400,
        code: 'SYNC_INVALID_JSON',
      },
      {
        name: 'constructor.prototype',
        answer: push(a, 'orders', '[{"newDocumentState": {"id": "c", "constructor": {"prototype": {"x": 1}}}}]'),
        status: 400,
        code: 'SYNC_INVALID_JSON',
      },
      {
        name: 'unknown collection',
        answer: push(a, 'secrets', rows([order(a, 4)])),
        status: 404,
        code: 'SYNC_UNKNOWN_COLLECTION',
      },
      {
        name: '10,000-document batch',
        answer: push(a, 'orders', tenThousand),
        status: 400,
        code: 'SYNC_BATCH_TOO_LARGE',
      },
      {
        name: 'revoked credential',
        answer: push(revoked, 'orders', rows([order(revoked, 5)])),
        status: 401,
        code: 'SYNC_CREDENTIAL_REVOKED',
      },
      {
        name: 'no credential',
        answer: push(undefined, 'orders', rows([order(a, 6)])),
        status: 401,
        code: 'SYNC_UNAUTHENTICATED',
      },
      {
        name: "store A writing store B's order",
        answer: push(a, 'orders', rows([order(a, 7), order(b, 8, 'S002')])),
        status: 403,
        code: 'SYNC_FORBIDDEN',
      },
      {
        name: 'register writing the catalog',
        answer: push(a, 'products', rows([productDoc('EVIL-1', -100)])),
        status: 403,
        code: 'SYNC_FORBIDDEN',
      },
      {
        name: 'not an array',
        answer: push(a, 'orders', '{"newDocumentState": {}}'),
        status: 400,
        code: 'SYNC_BAD_REQUEST',
      },
      {
        name: 'row without a document',
        answer: push(a, 'orders', '[{"assumedMasterState": null}]'),
        status: 400,
        code: 'SYNC_BAD_REQUEST',
      },
      {
        name: 'text/plain body',
        answer: push(a, 'orders', rows([order(a, 9)]), 'text/plain'),
        status: 415,
        code: 'SYNC_UNSUPPORTED_MEDIA_TYPE',
      },
      { name: 'empty body', answer: push(a, 'orders', ''), status: 400, code: 'SYNC_INVALID_JSON' },
    ];
    const answers = await Promise.all(cases.map((c) => c.answer));
    // The same 50 MB streamed without a declared length: the server must stop it at its limit too.
    // The client may only see the connection reset, so the server's log is the witness (below).
    await rawUpload(
      server.url,
      '/sync/orders/push',
      { 'content-type': JSON_TYPE, authorization: `Bearer ${a.credential}` },
      big,
      { chunked: true },
    );
    const summary = cases.map((c, i) => ({ name: c.name, status: answers[i]!.status, code: answers[i]!.body.code }));
    expect(summary).toEqual(cases.map((c) => ({ name: c.name, status: c.status, code: c.code })));
    for (const answer of answers) expect(answer.body.message, JSON.stringify(answer.body)).toMatch(/\w+ \w+/);

    // Bad documents inside a well-formed batch: refused one by one, naming the document and field.
    const invalid = await push(a, 'orders', rows([negativePrice, wrongType]));
    expect(invalid.status).toBe(200);
    const rejected = invalid.body.rejected as { id: string; code: string; field: string }[];
    expect(rejected.map((r) => [r.id, r.code])).toEqual([
      [negativePrice.id, 'SYNC_INVALID_DOCUMENT'],
      [wrongType.id, 'SYNC_INVALID_DOCUMENT'],
    ]);
    expect(rejected[0]!.field).toBe('lines.0.unitPrice');
    expect(rejected[1]!.field).toMatch(/taxExempt|lines\.0\.quantity/);

    // The honest register kept selling and syncing through all of it.
    await honest.db.orders.bulkInsert(sales.orders.slice(150) as never[]);
    await honest.db.inventory_movements.bulkInsert(sales.movements as never[]);
    await sync.awaitInSync();
    expect((await rawRequest(`${server.url}/health`, 'GET', {})).status).toBe(200);

    const orders = await pullAll(server.url, server.hqToken, 'orders');
    expect(orders.map((o) => o.id).sort()).toEqual(sales.orders.map((o) => o.id).sort());
    expect(await pullAll(server.url, server.hqToken, 'products')).toEqual([]);
    expect((await pullAll(server.url, server.hqToken, 'inventory_movements')).length).toBe(sales.movements.length);
    expect(sync.status.refused).toEqual([]);

    // No request of the whole run ended in a 5xx, by the server's own log and its metrics.
    const statuses = server.statusCodes();
    expect(statuses.length).toBeGreaterThan(cases.length);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.filter((status) => status === 413)).toHaveLength(2);
    expect(server.serverErrors()).toEqual([]);
    const metrics = (await rawRequest(`${server.url}/metrics`, 'GET', { authorization: `Bearer ${server.hqToken}` }))
      .text;
    expect(metrics).toMatch(/^pos_sync_rejected_writes_total\{reason="forbidden"\} [1-9]/m);
  });
});
