// Price books and promotions from the console against a real server on both backends: what the
// console writes is what a register of the store pulls, and the register's own pricing engine
// (shared/pricing) gives the discount; bad input is refused naming the field; viewers only read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../shared/money';
import { priceCart, promotionsFromConfig, type CartLineInput } from '../../shared/pricing';
import type { ConfigOf } from '../../shared/schemas';
import type { TaxJurisdiction } from '../../shared/tax';
import {
  Api,
  backends,
  enrollDevice,
  pushRows,
  startTestServer,
  type EnrolledDevice,
  type TestServer,
} from './server-harness';
import { productDoc, storeDoc } from './server-fixtures';
import { createHqUser, HqSession } from './hq-harness';

type Doc = Record<string, unknown>;

const noTax: TaxJurisdiction = {
  code: 'US-NY',
  mode: 'exclusive',
  rounding: 'line',
  roundingMode: 'half-up',
  rates: [],
};

async function pullAll(device: EnrolledDevice, collection: string): Promise<Doc[]> {
  const result = await device.api.get<{ documents: Doc[] }>(`/sync/${collection}/pull?seq=0&limit=1000`);
  expect(result.status).toBe(200);
  return result.body.documents;
}

function cartLine(key: string, sku: string, unitPrice: number, quantity: number): CartLineInput {
  return {
    key,
    sku,
    category: 'GROCERY',
    department: 'GROCERY',
    taxCategory: 'standard',
    quantity,
    unitPrice: money(unitPrice, 'USD'),
  };
}

describe.each(backends)('HQ price books and promotions on %s', (backend) => {
  let server: TestServer;
  let ops: HqSession;
  let viewer: HqSession;
  let register1: EnrolledDevice;
  let register2: EnrolledDevice;
  const s1 = storeDoc('S001');
  const s2 = storeDoc('S002');
  const soap = productDoc('SOAP-1', 300);
  const sock = productDoc('SOCK-1', 1000);

  beforeAll(async () => {
    server = await startTestServer(backend);
    const hqApi = new Api(server.url, server.hqToken);
    expect((await hqApi.post('/sync/config/push', pushRows([s1, s2]))).status).toBe(200);
    expect((await hqApi.post('/sync/products/push', pushRows([soap, sock]))).status).toBe(200);
    register1 = await enrollDevice(server, s1.id as string, 'Till 1');
    register2 = await enrollDevice(server, s2.id as string, 'Till 2');
    await createHqUser(server.server.storage, 'pricing@chain.example', 'operations');
    await createHqUser(server.server.storage, 'look@chain.example', 'viewer');
    ops = new HqSession(server.url);
    expect((await ops.signIn('pricing@chain.example')).status).toBe(200);
    viewer = new HqSession(server.url);
    expect((await viewer.signIn('look@chain.example')).status).toBe(200);
  });
  afterAll(async () => server?.dispose());

  it('creates a price book, prices it, assigns it to a store, and the store register pulls it', async () => {
    const created = await ops.call<{ priceBook: Doc }>('POST', '/price-books', {
      key: 'summer-usd',
      name: 'Summer USD',
      currency: 'USD',
    });
    expect(created.status).toBe(201);
    const bookId = String(created.body.priceBook.id);
    const priced = await ops.call<{ changed: number }>('POST', `/price-books/${bookId}/prices`, {
      prices: [
        { sku: 'SOAP-1', price: '2.49' },
        { sku: 'SOCK-1', price: '8' },
      ],
    });
    expect(priced.status).toBe(200);
    expect(priced.body.changed).toBe(2);
    const page = await ops.call<{ items: { sku: string; amount: number | null }[]; total: number }>(
      'GET',
      `/price-books/${bookId}/prices?q=soap&pageSize=1`,
    );
    expect(page.body).toMatchObject({ total: 1, items: [{ sku: 'SOAP-1', amount: 249 }] });
    const assigned = await ops.call<{ stores: string[] }>('POST', `/price-books/${bookId}/stores`, {
      storeIds: [s2.id],
    });
    expect(assigned.body.stores).toEqual(['S002']);

    const books = await viewer.call<{ priceBooks: { id: string; stores: string[]; priced: number }[] }>(
      'GET',
      '/price-books',
    );
    expect(books.body.priceBooks.find((b) => b.id === bookId)).toMatchObject({ stores: ['S002'], priced: 2 });
    const store = (await pullAll(register2, 'config')).find((d) => d.id === s2.id) as Doc;
    expect((store.payload as Doc).priceBookId).toBe(bookId);
    const product = (await pullAll(register2, 'products')).find((d) => d.sku === 'SOAP-1') as Doc;
    expect(product.prices).toContainEqual({ priceBookId: bookId, amount: 249 });
    // The other book's price stays.
    expect(product.prices).toContainEqual({ priceBookId: (s1.payload as Doc).priceBookId, amount: 300 });

    const audit = await viewer.call<{ entries: { action: string; byEmail: string }[] }>(
      'GET',
      `/pricing/audit?entityId=${bookId}`,
    );
    expect(audit.body.entries.map((e) => e.action).sort()).toEqual(['assigned', 'created', 'prices']);
    expect(audit.body.entries.every((e) => e.byEmail === 'pricing@chain.example')).toBe(true);
  });

  it('refuses bad prices and assignments naming the field', async () => {
    const books = await ops.call<{ priceBooks: { id: string }[] }>('GET', '/price-books');
    const bookId = books.body.priceBooks[0]?.id as string;
    const bad = async (path: string, body: unknown) =>
      (await ops.call<{ code: string; details: { field: string } }>('POST', path, body)).body;
    expect(await bad(`/price-books/${bookId}/prices`, { prices: [{ sku: 'SOAP-1', price: '2.499' }] })).toMatchObject({
      code: 'HQ_INVALID_INPUT',
      details: { field: 'prices.0.price' },
    });
    expect(await bad(`/price-books/${bookId}/prices`, { prices: [{ sku: 'NOPE', price: '1' }] })).toMatchObject({
      details: { field: 'prices.0.sku' },
    });
    expect(await bad(`/price-books/${bookId}/stores`, { storeIds: ['not-a-store'] })).toMatchObject({
      details: { field: 'storeIds.0' },
    });
    expect(await bad('/price-books', { key: 'Bad Key', name: 'x', currency: 'USD' })).toMatchObject({
      details: { field: 'key' },
    });
    expect(await bad('/price-books', { key: 'eur-book', name: 'Euro', currency: 'XXX' })).toMatchObject({
      details: { field: 'currency' },
    });
  });

  it('creates a promotion for one store: that register pulls it and its pricing engine gives the discount', async () => {
    const created = await ops.call<{ promotion: Doc }>('POST', '/promotions', {
      payload: {
        code: 'SOAP-3FOR2',
        name: 'Soap 3 for 2',
        rule: {
          type: 'buy_x_get_y',
          buySkus: ['SOAP-1'],
          buyQuantity: 2,
          getSkus: ['SOAP-1'],
          getQuantity: 1,
          getDiscountPpm: 1_000_000,
        },
        startsAt: '2026-01-01T00:00:00.000Z',
        storeIds: [s1.id],
      },
    });
    expect(created.status).toBe(201);
    const id = String(created.body.promotion.id);

    const pulled = (await pullAll(register1, 'config')).filter(
      (d): d is ConfigOf<'promotion'> & Doc => d.kind === 'promotion',
    );
    expect(pulled.map((d) => d.id)).toContain(id);
    const at = new Date().toISOString();
    const forS1 = promotionsFromConfig(pulled, String(s1.id));
    expect(forS1.rejected).toEqual([]);
    const totals = priceCart({
      currency: 'USD',
      lines: [cartLine('a', 'SOAP-1', 300, 3)],
      promotions: forS1.promotions,
      at,
      jurisdiction: noTax,
    });
    expect(totals.discountTotal.amount).toBe(300);
    expect(totals.grandTotal.amount).toBe(600);
    // Store S002 is not in the promotion's stores: its register applies nothing.
    const forS2 = promotionsFromConfig(
      (await pullAll(register2, 'config')).filter((d): d is ConfigOf<'promotion'> & Doc => d.kind === 'promotion'),
      String(s2.id),
    );
    expect(forS2.promotions.map((p) => p.id)).not.toContain(id);

    // Edit to a threshold ($5 off $20), then end it: the register stops applying it.
    const edited = await ops.call<{ promotion: Doc }>('POST', '/promotions', {
      id,
      payload: { rule: { type: 'threshold', minSubtotal: 2000, discountAmount: 500 }, storeIds: null },
    });
    expect(edited.status).toBe(200);
    const afterEdit = promotionsFromConfig(
      (await pullAll(register2, 'config')).filter((d): d is ConfigOf<'promotion'> & Doc => d.kind === 'promotion'),
      String(s2.id),
    );
    const threshold = priceCart({
      currency: 'USD',
      lines: [cartLine('a', 'SOCK-1', 1000, 2)],
      promotions: afterEdit.promotions,
      at,
      jurisdiction: noTax,
    });
    expect(threshold.discountTotal.amount).toBe(500);

    const ended = await ops.call<{ promotion: Doc }>('POST', `/promotions/${id}/end`);
    expect(ended.status).toBe(200);
    const endsAt = String((ended.body.promotion.payload as Doc).endsAt);
    const later = new Date(Date.parse(endsAt) + 1000).toISOString();
    const afterEnd = promotionsFromConfig(
      (await pullAll(register2, 'config')).filter((d): d is ConfigOf<'promotion'> & Doc => d.kind === 'promotion'),
      String(s2.id),
    );
    const none = priceCart({
      currency: 'USD',
      lines: [cartLine('a', 'SOCK-1', 1000, 2)],
      promotions: afterEnd.promotions,
      at: later,
      jurisdiction: noTax,
    });
    expect(none.discountTotal.amount).toBe(0);
    expect((await ops.call('POST', `/promotions/${id}/end`)).status).toBe(409);

    const audit = await ops.call<{ entries: { action: string; byEmail: string; at: string }[] }>(
      'GET',
      `/pricing/audit?entityId=${id}`,
    );
    expect(audit.body.entries.map((e) => e.action).sort()).toEqual(['created', 'edited', 'ended']);
    expect(audit.body.entries[0]).toMatchObject({ byEmail: 'pricing@chain.example' });
  });

  it('refuses bad promotions naming the field', async () => {
    const rule = {
      type: 'buy_x_get_y',
      buySkus: ['SOAP-1'],
      buyQuantity: 1,
      getSkus: ['SOAP-1'],
      getQuantity: 1,
      getDiscountPpm: 500_000,
    };
    const refuse = async (payload: Doc) => {
      const result = await ops.call<{ code: string; details: { field: string } }>('POST', '/promotions', { payload });
      expect(result.status).toBe(400);
      expect(result.body.code).toBe('HQ_INVALID_INPUT');
      return result.body.details.field;
    };
    const base = { code: 'BAD-1', name: 'Bad', startsAt: '2026-02-01T00:00:00.000Z' };
    expect(await refuse({ ...base, rule: { ...rule, buyQuantity: 0 } })).toBe('rule.buyQuantity');
    expect(await refuse({ ...base, rule: { ...rule, getDiscountPpm: 2_000_000 } })).toBe('rule.getDiscountPpm');
    expect(
      await refuse({ ...base, rule: { type: 'threshold', minSubtotal: 1000, discountAmount: 100, discountPpm: 100 } }),
    ).toBe('rule');
    expect(await refuse({ ...base, rule: { type: 'percent_off', discountPpm: 100_000 } })).toBe('rule.departments');
    expect(await refuse({ ...base, rule, endsAt: '2026-01-01T00:00:00.000Z' })).toBe('endsAt');
    expect(await refuse({ ...base, rule, storeIds: ['0193a000-0000-7000-8000-00000000dead'] })).toBe('storeIds.0');
    expect(await refuse({ ...base, rule, startsAt: 'tomorrow' })).toBe('startsAt');
    expect(await refuse({ ...base, code: '', rule })).toBe('code');
    expect((await ops.call('POST', '/promotions', { payload: 'x' })).status).toBe(400);
    expect((await ops.call('GET', '/promotions')).body).toMatchObject({ promotions: expect.any(Array) });
    const list = (await ops.call<{ promotions: Doc[] }>('GET', '/promotions')).body.promotions;
    expect(list.some((p) => p.key === 'BAD-1')).toBe(false);
  });

  it('lets a viewer read but not change, and refuses a change without the CSRF token', async () => {
    expect((await viewer.call('GET', '/promotions')).status).toBe(200);
    const refused = await viewer.call<{ code: string }>('POST', '/promotions', {
      payload: { code: 'VIEW-1', name: 'x', rule: { type: 'threshold', minSubtotal: 1, discountAmount: 1 } },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('HQ_FORBIDDEN');
    const books = await viewer.call<{ priceBooks: { id: string }[] }>('GET', '/price-books');
    const bookId = books.body.priceBooks[0]?.id as string;
    expect(
      (await viewer.call('POST', `/price-books/${bookId}/prices`, { prices: [{ sku: 'SOAP-1', price: '1' }] })).status,
    ).toBe(403);
    expect((await viewer.call('POST', `/price-books/${bookId}/stores`, { storeIds: [s1.id] })).status).toBe(403);
    const noCsrf = await ops.call<{ code: string }>(
      'POST',
      '/promotions',
      { payload: { code: 'CSRF-1', name: 'x', rule: { type: 'threshold', minSubtotal: 1, discountAmount: 1 } } },
      { csrf: false },
    );
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.code).toBe('HQ_CSRF_REFUSED');
  });
});
