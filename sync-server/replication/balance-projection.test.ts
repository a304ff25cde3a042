// The balance projection on a real (temporary) SQLite store through the real push path.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { giftCardDocId } from '../../shared/balances';
import { fixtures, FIXTURE_IDS } from '../../test/support/fixtures/documents';
import { parseDocument } from '../../shared/schemas/validate';
import { HQ_PRINCIPAL, type Principal } from '../auth/auth-service';
import { SqliteStorage } from '../storage/sqlite';
import { balanceProjection } from './balance-projection';
import { buildPolicies } from './collection-policies';
import { pushBatch } from './push';

const policies = buildPolicies();
const register: Principal = { kind: 'device', deviceId: 'd1', storeId: FIXTURE_IDS.store, role: 'register' };
const project = balanceProjection(policies);
const TOKEN = 'gc_' + 'abcd'.repeat(16);
const cardId = giftCardDocId(TOKEN);
const T = '2026-11-27T10:00:00.000Z';
const id = (n: number) => `01937a00-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

function payment(n: number, amount: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const { card: _card, ...base } = fixtures.payments as Record<string, unknown>;
  return {
    ...base,
    id: id(1000 + n),
    orderId: id(2000 + n),
    method: 'gift_card',
    amount,
    giftCard: { token: TOKEN, last4: '0001' },
    ...over,
  };
}
const giftCard = (issued: number) => ({
  id: cardId,
  kind: 'gift_card',
  key: TOKEN,
  active: true,
  updatedAt: T,
  payload: { token: TOKEN, last4: '0001', currency: 'USD', issued, balance: issued, status: 'active', entries: [] },
});
const row = (doc: Record<string, unknown>, assumed?: Record<string, unknown>) => ({
  newDocumentState: { ...doc, _deleted: false },
  ...(assumed ? { assumedMasterState: { ...assumed, _deleted: false } } : {}),
});

let dir: string;
let storage: SqliteStorage;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pos-balance-'));
  storage = SqliteStorage.open(dir);
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const push = (collection: string, rows: ReturnType<typeof row>[], who: Principal = register) =>
  pushBatch(storage, policies.get(collection)!, who, rows, project);
async function read(collection: string, docId: string): Promise<Record<string, unknown>> {
  const doc = (await storage.write((tx) => tx.getDocuments(collection, [docId]))).get(docId);
  if (!doc) throw new Error(`${collection} ${docId} missing`);
  return doc.data;
}
async function events(): Promise<Record<string, unknown>[]> {
  const all = await storage.pull({ collection: 'order_events', afterSeq: 0, limit: 1000, storeId: null });
  return all.map((d) => d.data).filter((d) => d.type === 'alert_balance_overspent');
}
const payloadOf = async () =>
  (await read('config', cardId)).payload as { balance: number; entries: { paymentId: string }[] };

describe('balance projection', () => {
  beforeEach(async () => {
    await push('config', [row(giftCard(5_000))], HQ_PRINCIPAL);
  });

  it('counts a spend once even when the same payment is pushed again, and writes a valid config document', async () => {
    await push('payments', [row(payment(1, 1_200))]);
    await push('payments', [row(payment(1, 1_200))]);
    await push('payments', [row(payment(1, 1_200)), row(payment(1, 1_200))]);
    expect((await payloadOf()).balance).toBe(3_800);
    expect((await payloadOf()).entries).toHaveLength(1);
    const { _deleted, ...doc } = await read('config', cardId);
    expect(_deleted).toBe(false);
    expect(() => parseDocument('config', doc)).not.toThrow();
  });

  it('gives the balance back when the payment is voided', async () => {
    await push('payments', [row(payment(1, 1_200))]);
    // Voiding a recorded payment is head office's (a register's payments are append-only).
    await push('payments', [row(payment(1, 1_200, { status: 'voided' }), payment(1, 1_200))], HQ_PRINCIPAL);
    expect((await payloadOf()).balance).toBe(5_000);
  });

  it('keeps both sales when two registers overspend, goes negative and raises one alert for the store', async () => {
    await push('payments', [row(payment(1, 4_000))]);
    expect(await events()).toEqual([]);
    await push('payments', [row(payment(2, 3_000))]);
    expect((await payloadOf()).balance).toBe(-2_000);
    const alerts = await events();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      orderId: id(2002),
      storeId: FIXTURE_IDS.store,
      payload: { account: 'gift_card', last4: '0001', paymentId: id(1002), balance: -2_000 },
    });
    const { _deleted, ...alert } = alerts[0]!;
    expect(() => parseDocument('order_events', alert)).not.toThrow();
  });

  it('projects store credit onto the customer: a refund adds, a spend takes, a retry changes nothing', async () => {
    await push('customers', [row({ ...fixtures.customers, storeCreditBalance: 1_000 })], HQ_PRINCIPAL);
    const credit = (n: number, amount: number, kind: 'sale' | 'refund') =>
      payment(n, amount, {
        method: 'store_credit',
        giftCard: undefined,
        storeCreditCustomerId: FIXTURE_IDS.customer,
        kind,
      });
    await push('payments', [row(credit(1, 2_500, 'refund'))], HQ_PRINCIPAL);
    expect((await read('customers', FIXTURE_IDS.customer)).storeCreditBalance).toBe(3_500);
    await push('payments', [row(credit(2, 500, 'sale'))]);
    await push('payments', [row(credit(2, 500, 'sale'))]);
    expect((await read('customers', FIXTURE_IDS.customer)).storeCreditBalance).toBe(3_000);
    expect((await read('config', FIXTURE_IDS.customer)).payload as { balance: number; opening: number }).toMatchObject({
      balance: 3_000,
      opening: 1_000,
    });
  });

  it('keeps the balance of a card HQ loads equal to issued plus what was spent', async () => {
    await push('payments', [row(payment(1, 1_200))]);
    const stored = await read('config', cardId);
    const { _deleted, ...master } = stored;
    const loaded = {
      ...master,
      payload: { ...(master.payload as Record<string, unknown>), issued: 7_000, balance: 7_000 },
    };
    const answer = await push('config', [row(loaded, master)], HQ_PRINCIPAL);
    expect(answer.conflicts).toEqual([]);
    expect(await payloadOf()).toMatchObject({ issued: 7_000, balance: 5_800 });
  });

  it('records a spend on a card it never issued (a foreign token) below zero with an alert, never failing the push', async () => {
    const answer = await push('payments', [
      row(payment(7, 900, { giftCard: { token: 'tok_other_issuer', last4: '7777' } })),
    ]);
    expect(answer.written).toHaveLength(1);
    const alerts = await events();
    expect(alerts).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ last4: '7777', balance: -900 }) }),
    ]);
    const cards = (await storage.pull({ collection: 'config', afterSeq: 0, limit: 100, storeId: null })).filter(
      (d) => d.data.kind === 'gift_card' && d.id !== cardId,
    );
    expect(cards).toHaveLength(1);
    const { _deleted, ...doc } = cards[0]!.data;
    expect(() => parseDocument('config', doc)).not.toThrow();
  });

  it('gives a customer created after its store credit refund the ledger balance, and HQ issues credit through the ledger', async () => {
    const customerId = id(77);
    const refund = payment(8, 1_500, {
      method: 'store_credit',
      giftCard: undefined,
      storeCreditCustomerId: customerId,
      kind: 'refund',
    });
    await push('payments', [row(refund)], HQ_PRINCIPAL);
    await push('customers', [row({ ...fixtures.customers, id: customerId, storeCreditBalance: 0 })]);
    expect((await read('customers', customerId)).storeCreditBalance).toBe(1_500);
    const { _deleted, ...ledger } = await read('config', customerId);
    const issued = { ...ledger, payload: { ...(ledger.payload as Record<string, unknown>), opening: 1_000 } };
    expect((await push('config', [row(issued, ledger)], HQ_PRINCIPAL)).conflicts).toEqual([]);
    expect((await read('customers', customerId)).storeCreditBalance).toBe(2_500);
    expect(((await read('config', customerId)).payload as { balance: number }).balance).toBe(2_500);
  });

  it('does not count a payment in another currency than the card', async () => {
    await push('payments', [row(payment(9, 1_000, { currency: 'EUR' }))]);
    expect(await payloadOf()).toMatchObject({ balance: 5_000, entries: [] });
  });

  it('ends at the same balance whatever order and batching the payments arrive in (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray([1, 2, 3, 4, 5, 6], { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        async (order, batch) => {
          await storage.close();
          rmSync(dir, { recursive: true, force: true });
          dir = mkdtempSync(join(tmpdir(), 'pos-balance-'));
          storage = SqliteStorage.open(dir);
          await push('config', [row(giftCard(5_000))], HQ_PRINCIPAL);
          const docs = order.map((n) => payment(n, n * 300, n % 3 === 0 ? { kind: 'refund' } : {}));
          // Refunds onto the card are head office's here (a register's need a return; test/security covers that).
          for (let i = 0; i < docs.length; i += batch)
            await push(
              'payments',
              docs.slice(i, i + batch).map((d) => row(d)),
              HQ_PRINCIPAL,
            );
          expect((await payloadOf()).balance).toBe(5_000 - (1 + 2 + 4 + 5) * 300 + (3 + 6) * 300);
        },
      ),
      { numRuns: 15 },
    );
    // Each run re-opens and migrates a fresh SQLite file: ~0.2 s on a quiet machine, over 5 s for the
    // fifteen under a load average of 20, which the default timeout failed.
  }, 60_000);
});
