// The daily journal for a store-day of mixed sales (card, cash, split with a gift card, a discount,
// a voided sale), a card refund and a till shift closed short with a paid-out: it balances to the
// cent, in JSON and CSV, and its figures match the till's Z report computed by shared/till.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, backends, pushRows, startTestServer, type TestServer } from './server-harness';
import { storeDoc } from './server-fixtures';
import { createHqUser, HqSession } from './hq-harness';
import { returnOf, saleAt } from './hq-fixtures';
import { demoGiftCards } from '../../sync-server/seed/demo-gift-cards';
import { newGiftCardKeys } from '../../sync-server/gift-cards/keys';
import { fixtures } from '../support/fixtures/documents';
import { zReport, type ReportInput } from '../../shared/till/reports';
import type { Journal } from '../../sync-server/hq/journal/journal';

type Doc = Record<string, unknown>;
const nyDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/New_York',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(Date.parse(iso));

function payment(order: Doc, method: string, amount: number, extra: Doc = {}): Doc {
  const at = String(order.createdAt);
  const { card: _card, ...base } = structuredClone(fixtures.payments) as Doc;
  return {
    ...base,
    id: randomUUID(),
    orderId: order.id,
    storeId: order.storeId,
    tillShiftId: order.tillShiftId,
    method,
    amount,
    status: 'approved',
    createdAt: at,
    updatedAt: at,
    ...(method === 'card' ? { card: fixtures.payments.card } : {}),
    ...extra,
  };
}

describe.each(backends)('HQ daily journal on %s', (backend) => {
  let server: TestServer;
  let hq: HqSession;
  const store = storeDoc('S001');
  const storeId = store.id as string;
  const now = new Date().toISOString();
  const day = nyDay(now);
  const shiftId = randomUUID();
  const docs = { orders: [] as Doc[], payments: [] as Doc[], returns: [] as Doc[], shift: {} as Doc };

  beforeAll(async () => {
    server = await startTestServer(backend);
    const token = new Api(server.url, server.hqToken);
    const gift = (await demoGiftCards(await newGiftCardKeys()))[1] as Doc; // issued with 100.00
    expect((await token.post('/sync/config/push', pushRows([store, gift]))).body).toMatchObject({ rejected: [] });
    const sale = (overrides: Doc = {}) => saleAt(storeId, now, { tillShiftId: shiftId, ...overrides });
    const a = sale();
    const b = sale();
    const c = sale();
    // 10 % off the line: taxable 1800, NY 4 % = 72, NYC 4.875 % = 87.75 → 88.
    const discounted = sale({
      lines: [
        {
          ...fixtures.orders.lines[0],
          id: randomUUID(),
          discounts: [{ id: randomUUID(), kind: 'percent', ratePpm: 100_000, amount: 198 }],
          taxes: [
            { jurisdiction: 'US-NY', name: 'New York State', ratePpm: 40_000, taxableAmount: 1800, amount: 72 },
            { jurisdiction: 'US-NY-NYC', name: 'New York City', ratePpm: 48_750, taxableAmount: 1800, amount: 88 },
          ],
        },
      ],
      totals: { subtotal: 1998, discountTotal: 198, taxTotal: 160, total: 1960 },
    });
    const voided = sale({ status: 'voided' });
    docs.orders = [a, b, c, discounted, voided];
    const giftCard = { token: String((gift.payload as Doc).token), last4: String((gift.payload as Doc).last4) };
    const aCard = payment(a, 'card', 2175);
    docs.payments = [
      aCard,
      payment(b, 'cash', 2175, { cash: { tendered: 3000, change: 825 } }),
      payment(c, 'cash', 1000, { cash: { tendered: 1000, change: 0 } }),
      payment(c, 'gift_card', 1175, { giftCard }),
      payment(discounted, 'card', 1960),
    ];
    const ret = returnOf(a, now);
    const refund = payment(a, 'card', 1088, { kind: 'refund', returnId: ret.id, refundsPaymentId: aCard.id });
    ret.tenders = [{ method: 'card', amount: 1088, paymentId: refund.id }];
    docs.returns = [ret];
    docs.payments.push(refund);
    // Float 100.00 + cash 31.75 − paid out 5.00 = 126.75 expected; counted 126.50: 0.25 short.
    docs.shift = {
      ...structuredClone(fixtures.till_shifts),
      id: shiftId,
      storeId,
      status: 'closed',
      openingFloat: 10_000,
      openedAt: now,
      closedBy: fixtures.till_shifts.openedBy,
      closedAt: now,
      expectedCash: 12_675,
      countedCash: 12_650,
      overShort: -25,
      zNumber: 1,
      closingCount: [
        { denomination: 10_000, count: 1 },
        { denomination: 2_000, count: 1 },
        { denomination: 500, count: 1 },
        { denomination: 100, count: 1 },
        { denomination: 25, count: 2 },
      ],
      updatedAt: now,
    };
    for (const [collection, rows] of [
      ['orders', docs.orders],
      ['payments', docs.payments],
      ['returns', docs.returns],
      ['till_shifts', [docs.shift]],
    ] as const) {
      expect((await token.post(`/sync/${collection}/push`, pushRows([...rows]))).body, collection).toEqual({
        rejected: [],
        conflicts: [],
      });
    }
    await createHqUser(server.server.storage, 'acct@chain.example', 'viewer');
    hq = new HqSession(server.url);
    await hq.signIn('acct@chain.example');
  });
  afterAll(async () => server?.dispose());

  it('balances to the cent and matches the Z report of the shift', async () => {
    const result = await hq.call<Journal>('GET', `/journal?store=S001&day=${day}`);
    expect(result.status).toBe(200);
    const j = result.body;
    expect(j.balanced).toBe(true);
    expect(j.totals.debit).toBe(j.totals.credit);
    const line = (account: string, detail = '') =>
      j.lines.find((l) => l.account === account && l.detail === detail) ?? { debit: 0, credit: 0 };
    expect(line('sales_revenue').credit).toBe(4 * 1998);
    expect(line('sales_discounts').debit).toBe(198);
    expect(line('tax_payable', 'US-NY')).toEqual(expect.objectContaining({ credit: 3 * 80 + 72, debit: 40 }));
    expect(line('gift_card_liability', 'gift_card').debit).toBe(1175);
    expect(line('cash_over_short')).toEqual(expect.objectContaining({ debit: 25 }));
    expect(line('unsettled_sales')).toEqual({ debit: 0, credit: 0 });

    const input: ReportInput = {
      currency: 'USD',
      openingFloat: 10_000,
      sales: docs.orders.map((o) => {
        const t = o.totals as { subtotal: number; discountTotal: number; taxTotal: number; total: number };
        const taxLines = (
          o.lines as { taxes: { jurisdiction: string; name: string; taxableAmount: number; amount: number }[] }[]
        ).flatMap((l) =>
          l.taxes.map((x) => ({ code: x.jurisdiction, name: x.name, taxable: x.taxableAmount, amount: x.amount })),
        );
        return { orderId: String(o.id), voided: o.status === 'voided', ...t, taxLines };
      }),
      returns: docs.returns.map((r) => ({
        returnId: String(r.id),
        refundTotal: Number(r.refundTotal),
        refundTax: Number(r.refundTax),
        taxLines: (
          r.lines as { taxes: { jurisdiction: string; name: string; taxableAmount: number; amount: number }[] }[]
        ).flatMap((l) =>
          l.taxes.map((x) => ({ code: x.jurisdiction, name: x.name, taxable: x.taxableAmount, amount: x.amount })),
        ),
      })),
      payments: docs.payments.map((p) => ({
        kind: p.kind as 'sale' | 'refund',
        method: String(p.method),
        status: String(p.status),
        amount: Number(p.amount),
      })),
      cashMovements: (docs.shift.cashMovements as { kind: 'paid_out'; amount: number }[]).map((m) => ({
        kind: m.kind,
        amount: m.amount,
      })),
    };
    const z = zReport(input, docs.shift.closingCount as { denomination: number; count: number }[]);
    expect(z.cash.expected).toBe(docs.shift.expectedCash);
    expect(j.figures).toMatchObject({
      transactions: z.transactions,
      grossSales: z.grossSales,
      discounts: z.discounts,
      netSales: z.netSales,
      overShort: z.overShort,
    });
    expect(j.figures.returns).toEqual(z.returns);
    expect(j.figures.taxByJurisdiction).toEqual(Object.fromEntries(z.taxByRate.map((t) => [t.code, t.amount])));
    expect(Object.fromEntries(Object.entries(j.figures.tenders).map(([m, t]) => [m, t.net]))).toEqual(
      Object.fromEntries(z.tenders.map((t) => [t.method, t.net])),
    );
  });

  it('exports the same journal as CSV whose debit and credit columns add up', async () => {
    const response = await fetch(`${server.url}/api/hq/console/journal?store=S001&day=${day}&format=csv`, {
      headers: { cookie: hq.cookie ?? '' },
    });
    expect(response.headers.get('content-type')).toContain('text/csv');
    const rows = (await response.text())
      .trim()
      .split('\n')
      .map((r) => r.split(','));
    expect(rows[0]).toEqual(['business_day', 'store', 'currency', 'account', 'detail', 'debit', 'credit']);
    const body = rows.slice(1, -1);
    const cents = (s: string | undefined) => (s ? Math.round(Number(s) * 100) : 0);
    const debit = body.reduce((n, r) => n + cents(r[5]), 0);
    const credit = body.reduce((n, r) => n + cents(r[6]), 0);
    expect(debit).toBe(credit);
    expect(rows.at(-1)?.slice(3)).toEqual(['total', '', (debit / 100).toFixed(2), (credit / 100).toFixed(2)]);
  });

  it('answers an empty, balanced journal for a quiet day and refuses an unknown store', async () => {
    const quiet = await hq.call<Journal>('GET', '/journal?store=S001&day=2020-01-01');
    expect(quiet.body).toMatchObject({ balanced: true, lines: [], totals: { debit: 0, credit: 0 } });
    const unknown = await hq.call<{ code: string }>('GET', `/journal?store=S999&day=${day}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('HQ_NOT_FOUND');
  });
});
