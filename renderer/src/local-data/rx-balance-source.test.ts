// The balance source of a register: gift cards looked up online by number through the server (a
// fake of it here) and sealed for the server while it cannot be reached; store credit documents
// replicated into config; the register's own payments found by token / customer; the policy cap.
// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GIFT_CARD_API,
  generateGiftCardSealKeys,
  importGiftCardSealPrivateKey,
  sealGiftCardNumber,
  openSealedGiftCard,
  type GiftCardLookupAnswer,
  type GiftCardSealKey,
} from '../../../shared/balances';
import { DomainError } from '../../../shared/errors';
import type { ConfigDoc } from '../../../shared/schemas';
import { configFixtures } from '../../../test/support/fixtures/config';
import { fixtures, FIXTURE_IDS } from '../../../test/support/fixtures/documents';
import { DEVICE_ID, memoryDb, storeConfig, STORE_ID } from '../../../test/support/register-data';
import type { Db } from './types';
import { createBalances } from '../sale/pay/gift-cards';
import { buildSaleContext } from './sale-context';
import { memorySealKeyStore, rxBalanceSource, type GiftCardServer } from './rx-balance-source';
import { SyncClientError } from '../sync/sync-http';

const T = '2026-11-27T10:00:00.000Z';
const NUMBER = '6035710000000002';
const TOKEN = `gc_${'b'.repeat(64)}`;
let db: Db;
let online = true;
beforeEach(async () => {
  db = await memoryDb();
});
afterEach(async () => {
  online = true;
  await db.remove();
});

/** The server as the register sees it: knows one card, answers 404 for others, or cannot be reached. */
function fakeServer(sealKey: GiftCardSealKey) {
  const state = { reachable: true, bodies: [] as unknown[], sealKey };
  const card: GiftCardLookupAnswer = {
    token: TOKEN,
    last4: '0002',
    currency: 'USD',
    balance: 8_000,
    status: 'active',
    countedIds: [FIXTURE_IDS.payment],
  };
  const server: GiftCardServer = {
    json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      if (!state.reachable) return Promise.reject(new DomainError(SyncClientError.OFFLINE, 'down'));
      state.bodies.push(body);
      if (method === 'GET' && path === GIFT_CARD_API.sealKey) return Promise.resolve({ publicKey: state.sealKey } as T);
      if (path === GIFT_CARD_API.lookup && (body as { number: string }).number.replace(/\s/g, '') === NUMBER)
        return Promise.resolve({ ...card, ...(state.sealKey.kid ? { sealKeyId: state.sealKey.kid } : {}) } as T);
      return Promise.reject(new DomainError('SYNC_NOT_FOUND', 'No gift card has this number.'));
    },
  };
  return { server, state };
}

describe('rx balance source', () => {
  it("looks the card up online and subtracts only this register's uncounted spends", async () => {
    const keys = await generateGiftCardSealKeys();
    const { server } = fakeServer(keys.publicKey);
    const policy = storeConfig.find((c) => c.kind === 'policy') as Extract<ConfigDoc, { kind: 'policy' }>;
    await db.config.bulkInsert([
      ...storeConfig.filter((c) => c.kind !== 'policy'),
      { ...policy, payload: { ...policy.payload, offlineBalanceCap: 2_500 } },
    ] as never[]);
    const { card: _card, ...pay } = fixtures.payments;
    await db.payments.bulkInsert([
      { ...pay, method: 'gift_card', amount: 2_000, giftCard: { token: TOKEN, last4: '0002' } },
      {
        ...pay,
        id: '01937a00-0000-7000-8000-0000000000e1',
        method: 'gift_card',
        amount: 1_500,
        giftCard: { token: TOKEN, last4: '0002' },
      },
      {
        ...pay,
        id: '01937a00-0000-7000-8000-0000000000e2',
        method: 'gift_card',
        amount: 700,
        giftCard: { token: 'gc_other', last4: '9999' },
      },
    ] as never[]);
    const balances = createBalances(
      rxBalanceSource(
        db,
        () => 'S012',
        () => online,
        () => server,
        memorySealKeyStore(),
      ),
    );
    expect(await balances.giftCard('6035 7100 0000 0002', 'USD', [])).toMatchObject({
      available: 6_500,
      offlineCap: undefined,
      giftCard: { token: TOKEN, last4: '0002' },
    });
    await expect(balances.giftCard('6035710000000099', 'USD', [])).rejects.toMatchObject({
      code: 'BALANCE_UNKNOWN_CARD',
    });
    await expect(balances.giftCard(NUMBER, 'EUR', [])).rejects.toMatchObject({ code: 'BALANCE_CURRENCY_MISMATCH' });
    // The sale settings come out of a config collection that holds store credit ledgers too.
    expect(buildSaleContext([...storeConfig, configFixtures.store_credit], STORE_ID, DEVICE_ID).currency).toBe('USD');
  });

  it('fetches the rotated sealing key when an online lookup names another key id, and seals under its id', async () => {
    const first = await generateGiftCardSealKeys();
    const { server, state } = fakeServer({ ...first.publicKey, kid: 'aaaaaaaa' });
    await db.config.bulkInsert(storeConfig as never[]);
    const sealKeys = memorySealKeyStore();
    const balances = createBalances(
      rxBalanceSource(
        db,
        () => 'S012',
        () => online,
        () => server,
        sealKeys,
      ),
    );
    await expect.poll(() => sealKeys.get()?.kid).toBe('aaaaaaaa');
    const second = await generateGiftCardSealKeys();
    state.sealKey = { ...second.publicKey, kid: 'bbbbbbbb' };
    await balances.giftCard(NUMBER, 'USD', []);
    await expect.poll(() => sealKeys.get()).toEqual(state.sealKey);
    state.reachable = false;
    const quote = await balances.giftCard(NUMBER, 'USD', []);
    expect(quote.giftCard!.token).toMatch(/^gcs_bbbbbbbb_[a-zA-F]+$/);
    const privateKey = await importGiftCardSealPrivateKey(second.privateKey);
    expect(await openSealedGiftCard(privateKey, quote.giftCard!.token)).toBe(NUMBER);
  });

  it('seals the number for the server while offline, within the cap per sale, and never computes a token', async () => {
    const keys = await generateGiftCardSealKeys();
    const { server, state } = fakeServer(keys.publicKey);
    const policy = storeConfig.find((c) => c.kind === 'policy') as Extract<ConfigDoc, { kind: 'policy' }>;
    await db.config.bulkInsert([
      ...storeConfig.filter((c) => c.kind !== 'policy'),
      { ...policy, payload: { ...policy.payload, offlineBalanceCap: 2_500 } },
    ] as never[]);
    const sealKeys = memorySealKeyStore();
    const balances = createBalances(
      rxBalanceSource(
        db,
        () => 'S012',
        () => online,
        () => server,
        sealKeys,
      ),
    );
    await expect.poll(() => sealKeys.get()).toEqual(keys.publicKey);

    // The register says it is online but the server does not answer: seal, like offline.
    state.reachable = false;
    const quote = await balances.giftCard(NUMBER, 'USD', []);
    expect(quote).toMatchObject({ offlineCap: 2_500, balanceUnknown: true, giftCard: { last4: '0002' } });
    expect(quote.giftCard!.token).toMatch(/^gcs_[a-zA-F]+$/);
    const privateKey = await importGiftCardSealPrivateKey(keys.privateKey);
    expect(await openSealedGiftCard(privateKey, quote.giftCard!.token)).toBe(NUMBER);

    // Offline by the register's own account: the server is not asked at all.
    online = false;
    state.reachable = true;
    const onSale = {
      id: 't1',
      method: 'gift_card' as const,
      amount: 1_000,
      status: 'approved' as const,
      giftCard: quote.giftCard!,
      at: T,
    };
    expect((await balances.giftCard(NUMBER, 'USD', [onSale])).offlineCap).toBe(1_500);
    // A seal of another card on the sale does not use this card's cap.
    expect((await balances.giftCard('6035710000000099', 'USD', [onSale])).offlineCap).toBe(2_500);
    expect(JSON.stringify(state.bodies)).not.toContain('6035710000000099');
    expect(JSON.stringify(state.bodies)).not.toContain(NUMBER);

    // A register that never reached the server holds no sealing key: a coded refusal.
    const fresh = createBalances(
      rxBalanceSource(
        db,
        () => 'S012',
        () => false,
        () => server,
        memorySealKeyStore(),
      ),
    );
    await expect(fresh.giftCard(NUMBER, 'USD', [])).rejects.toMatchObject({ code: 'BALANCE_NO_SEAL_KEY' });
  });

  it("counts this register's sealed gift card tenders of the open shift against the policy's per-shift limit", async () => {
    const policy = storeConfig.find((c) => c.kind === 'policy') as Extract<ConfigDoc, { kind: 'policy' }>;
    await db.config.bulkInsert([
      ...storeConfig.filter((c) => c.kind !== 'policy'),
      {
        ...policy,
        payload: { ...policy.payload, giftCardOffline: { tendersPerShift: 4, unknownCardsBeforeBlock: 3 } },
      },
    ] as never[]);
    await db.till_shifts.insert(fixtures.till_shifts as never);
    const { card: _card, ...pay } = fixtures.payments;
    const sealed = await sealGiftCardNumber((await generateGiftCardSealKeys()).publicKey, NUMBER);
    const tender = (n: number, over: Record<string, unknown>) => ({
      ...pay,
      id: `01937a00-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
      method: 'gift_card',
      amount: 100,
      giftCard: sealed,
      tillShiftId: FIXTURE_IDS.shift,
      ...over,
    });
    await db.payments.bulkInsert([
      tender(1, {}),
      tender(2, {}),
      // Not counted: an online tender (keyed token), another shift, another register, a refund.
      tender(3, { giftCard: { token: TOKEN, last4: '0002' } }),
      tender(4, { tillShiftId: '01937a00-0000-7000-8000-0000000009ff' }),
      tender(5, { deviceId: 'reg-s012-r09' }),
      tender(6, { kind: 'refund' }),
    ] as never[]);
    const scope = {
      db,
      storeId: STORE_ID,
      deviceId: fixtures.payments.deviceId,
      registerId: () => fixtures.till_shifts.registerId,
      currency: () => 'USD',
    };
    const source = rxBalanceSource(
      db,
      () => 'S012',
      () => false,
      () => undefined,
      memorySealKeyStore(),
      () => scope,
    );
    expect(await source.offlineGiftCardTenders()).toEqual({ taken: 2, allowed: 4 });
    // Without a till scope (tools, tests) nothing is counted.
    const bare = rxBalanceSource(
      db,
      () => undefined,
      () => false,
      () => undefined,
      memorySealKeyStore(),
    );
    expect(await bare.offlineGiftCardTenders()).toEqual({ taken: 0, allowed: 4 });
  });

  it('uses the customer balance until the server has a store credit ledger, then the ledger', async () => {
    const customer = { id: FIXTURE_IDS.customer, name: 'Sam Rivera', storeCreditBalance: 3_000 };
    const { card: _card, ...pay } = fixtures.payments;
    await db.payments.insert({
      ...pay,
      method: 'store_credit',
      amount: 1_000,
      storeCreditCustomerId: customer.id,
    } as never);
    const balances = createBalances(
      rxBalanceSource(
        db,
        () => undefined,
        () => online,
        () => undefined,
        memorySealKeyStore(),
      ),
    );
    expect((await balances.storeCredit(customer, 'USD', [])).available).toBe(2_000);
    await db.config.insert({
      ...configFixtures.store_credit,
      payload: {
        ...configFixtures.store_credit.payload,
        opening: 3_000,
        balance: 2_000,
        entries: [{ paymentId: FIXTURE_IDS.payment, orderId: FIXTURE_IDS.order, storeId: STORE_ID, amount: -1_000 }],
      },
    } as never);
    expect((await balances.storeCredit({ ...customer, storeCreditBalance: 2_000 }, 'USD', [])).available).toBe(2_000);
  });
});
