// The sales history: search readings, sale states, paging through a range without losing or
// repeating a sale (even when many share one instant), register vs store scope, and per-order
// "reached HQ" from the waiting ledger's stored list.
import { afterEach, describe, expect, it } from 'vitest';
import type { Order, Payment } from '../../../shared/schemas';
import { fixtures, FIXTURE_IDS } from '../../../test/support/fixtures/documents';
import { memoryDb, STORE_ID } from '../../../test/support/register-data';
import { newId } from '../model/ids';
import { memoryStore, WaitingLedger } from '../sync/waiting-ledger';
import {
  createSalesHistory,
  localDay,
  matchesQuery,
  parseQuery,
  saleState,
  WAITING_ORDERS_KEY,
  type HistoryFilter,
  type HistoryRow,
} from './sales-history';
import type { Db } from './types';

const OTHER_REGISTER = '0b7c5a4e-2f1d-4c3b-9a8e-7d6c5b4a3f99';
const today = localDay(new Date());

function row(over: Partial<HistoryRow> = {}): HistoryRow {
  return {
    orderId: 'o1',
    orderNumber: 'S001-R01-000042-K',
    createdAt: new Date().toISOString(),
    registerId: undefined,
    clerk: 'Casey Clerk',
    customer: 'Sam Rivera',
    total: 1250,
    currency: 'USD',
    tenders: [{ method: 'card', amount: 1250, last4: '4242' }],
    state: 'completed',
    reachedHq: true,
    ...over,
  };
}

describe('search readings', () => {
  it('reads digits as a number part, an amount and, with four digits, a card last four', () => {
    expect(parseQuery('4242')).toEqual({ numberPart: '4242', amount: 424200, last4: '4242' });
    expect(parseQuery('12.5')).toEqual({ amount: 1250 });
    expect(parseQuery('$12.50')).toEqual({ amount: 1250 });
    expect(parseQuery('s001-r01-000042')).toEqual({ numberPart: 'S001-R01-000042', name: 's001-r01-000042' });
    expect(parseQuery('rivera')).toEqual({ name: 'rivera' });
    expect(parseQuery('   ')).toBeNull();
    expect(parseQuery('x')).toEqual({});
  });

  it('matches a sale by any reading and nothing else', () => {
    expect(matchesQuery(row(), parseQuery(''))).toBe(true);
    expect(matchesQuery(row(), parseQuery('000042'))).toBe(true);
    expect(matchesQuery(row(), parseQuery('12.50'))).toBe(true);
    expect(matchesQuery(row(), parseQuery('12.51'))).toBe(false);
    expect(matchesQuery(row(), parseQuery('4242'))).toBe(true);
    expect(matchesQuery(row(), parseQuery('1111'))).toBe(false);
    expect(matchesQuery(row(), parseQuery('RIVER'))).toBe(true);
    expect(matchesQuery(row({ customer: undefined }), parseQuery('rivera'))).toBe(false);
    expect(matchesQuery(row(), parseQuery('x'))).toBe(false);
  });

  it('never throws on odd input', () => {
    for (const text of ['💥', '-'.repeat(500), '\u0000', '1e9', '$', '12,', '..', 'null'])
      expect(() => matchesQuery(row(), parseQuery(text))).not.toThrow();
  });
});

describe('sale state', () => {
  it('says voided, returned, partly returned or completed', () => {
    expect(saleState('voided', [{ quantity: 2 }], [])).toBe('voided');
    expect(saleState('completed', [{ quantity: 2 }], [])).toBe('completed');
    expect(saleState('completed', [{ quantity: 2 }], [{ quantity: 1 }])).toBe('partly returned');
    expect(saleState('completed', [{ quantity: 2 }], [{ quantity: 1 }, { quantity: 1 }])).toBe('returned');
  });
});

describe('sales history over the replica', () => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  async function seed(count: number, sameInstantEvery = 7) {
    db = await memoryDb();
    await db.staff.insert(fixtures.staff as never);
    await db.customers.insert(fixtures.customers as never);
    const base = Date.now() - 60_000;
    const orders: Order[] = [];
    const payments: Payment[] = [];
    for (let i = 0; i < count; i++) {
      // Groups of sales share one createdAt: paging must neither skip nor repeat them.
      const at = new Date(base - Math.floor(i / sameInstantEvery) * 1000).toISOString();
      const order: Order = {
        ...(fixtures.orders as Order),
        id: newId(),
        orderNumber: `S001-R0${i % 2 === 0 ? 1 : 2}-${String(i + 1).padStart(6, '0')}-K`,
        storeId: STORE_ID,
        registerId: i % 2 === 0 ? FIXTURE_IDS.register : OTHER_REGISTER,
        ...(i === 3 ? { customerId: FIXTURE_IDS.customer } : { customerId: undefined }),
        totals: { ...fixtures.orders.totals!, total: 1000 + i },
        createdAt: at,
        completedAt: at,
        updatedAt: at,
      };
      orders.push(order);
      payments.push({
        id: newId(),
        orderId: order.id,
        storeId: STORE_ID,
        deviceId: FIXTURE_IDS.register,
        kind: 'sale',
        method: i === 5 ? 'card' : 'cash',
        status: 'approved',
        amount: 1000 + i,
        currency: 'USD',
        ...(i === 5
          ? { card: { token: 'tok_x', last4: '4242', brand: 'visa' as const, entryMode: 'chip' as const } }
          : { cash: { tendered: 1000 + i, change: 0 } }),
        createdAt: at,
        updatedAt: at,
      } as Payment);
    }
    await db.orders.bulkInsert(orders.map((o) => JSON.parse(JSON.stringify(o)) as never));
    await db.payments.bulkInsert(payments as never[]);
    const store = memoryStore();
    const history = createSalesHistory({
      db: () => db,
      storeId: () => STORE_ID,
      registerId: () => FIXTURE_IDS.register,
      waitingStore: () => store,
    });
    return { orders, history, store };
  }

  const filter = (over: Partial<HistoryFilter> = {}): HistoryFilter => ({
    scope: 'store',
    from: today,
    to: today,
    text: '',
    ...over,
  });

  it('pages through the whole store newest first without a gap or a repeat', async () => {
    const { orders, history } = await seed(130);
    const seen: string[] = [];
    let page = await history.page(filter(), undefined, 50);
    seen.push(...page.rows.map((r) => r.orderId));
    while (page.next) {
      page = await history.page(filter(), page.next, 50);
      seen.push(...page.rows.map((r) => r.orderId));
    }
    expect(seen).toHaveLength(130);
    expect(new Set(seen).size).toBe(130);
    expect(new Set(seen)).toEqual(new Set(orders.map((o) => o.id)));
    const first = await history.page(filter(), undefined, 5);
    const times = first.rows.map((r) => r.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(first.rows[0]!.clerk).toBe('Ana Clerk');
  });

  it('shows only this register by default scope, and finds by number, amount, card and customer', async () => {
    const { orders, history } = await seed(20);
    const mine = await history.page(filter({ scope: 'register' }), undefined, 50);
    expect(mine.rows).toHaveLength(10);
    expect(mine.rows.every((r) => r.registerId === FIXTURE_IDS.register)).toBe(true);
    const byNumber = await history.page(filter({ text: '000007' }));
    expect(byNumber.rows.map((r) => r.orderNumber)).toEqual([orders[6]!.orderNumber]);
    const byAmount = await history.page(filter({ text: '10.12' }));
    expect(byAmount.rows.map((r) => r.orderId)).toEqual([orders[12]!.id]);
    const byCard = await history.page(filter({ text: '4242' }));
    expect(byCard.rows.map((r) => r.orderId)).toEqual([orders[5]!.id]);
    expect(byCard.rows[0]!.tenders).toEqual([{ method: 'card', amount: 1005, last4: '4242' }]);
    const byName = await history.page(filter({ text: 'rivera' }));
    expect(byName.rows.map((r) => r.orderId)).toEqual([orders[3]!.id]);
    expect(byName.rows[0]!.customer).toBe('Sam Rivera');
    expect((await history.page(filter({ text: 'nobody' }))).rows).toEqual([]);
  });

  it('leaves out sales outside the date range and refuses a backwards range', async () => {
    const { history } = await seed(3);
    expect((await history.page(filter({ from: '2020-01-01', to: '2020-01-02' }))).rows).toEqual([]);
    await expect(history.page(filter({ from: today, to: '2020-01-01' }))).rejects.toMatchObject({
      code: 'HISTORY_BAD_RANGE',
    });
    await expect(history.page(filter({ from: 'yesterday' }))).rejects.toMatchObject({ code: 'HISTORY_BAD_RANGE' });
  });

  it('marks a sale "waiting to send" while the waiting ledger holds it, and reached HQ once acknowledged', async () => {
    const { orders, history, store } = await seed(3);
    const ledger = new WaitingLedger(store, ['orders']);
    await ledger.load();
    ledger.written('orders', orders[1]!.id);
    await ledger.flush();
    expect(store.values.has(WAITING_ORDERS_KEY)).toBe(true);
    const rows = (await history.page(filter())).rows;
    expect(rows.find((r) => r.orderId === orders[1]!.id)!.reachedHq).toBe(false);
    expect(rows.find((r) => r.orderId === orders[0]!.id)!.reachedHq).toBe(true);
    ledger.acknowledged(ledger.snapshot('orders', [orders[1]!.id]));
    await ledger.flush();
    const again = await history.refreshReached(rows);
    expect(again.every((r) => r.reachedHq === true)).toBe(true);
  });

  it('opens a scanned receipt number of this store, and nothing for an unknown one', async () => {
    const { orders, history } = await seed(4);
    expect((await history.findByNumber(orders[2]!.orderNumber.toLowerCase()))?.orderId).toBe(orders[2]!.id);
    expect(await history.findByNumber('S999-R01-000001-K')).toBeUndefined();
    expect(await history.findByNumber('')).toBeUndefined();
  });

  it('says the data is not open rather than crashing', async () => {
    const history = createSalesHistory({ db: () => undefined, storeId: () => undefined, registerId: () => undefined });
    await expect(history.page(filter())).rejects.toMatchObject({ code: 'HISTORY_NOT_OPEN' });
  });
});
