// The balance source over a real (in-memory) RxDB replica: gift card and store credit documents
// replicated into config, the register's own payments found by token / customer, the policy cap.
// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { giftCardDocId, tokenizeGiftCard } from '../../../shared/balances';
import type { ConfigDoc } from '../../../shared/schemas';
import { configFixtures } from '../../../test/support/fixtures/config';
import { fixtures, FIXTURE_IDS } from '../../../test/support/fixtures/documents';
import { buildSaleContext } from './sale-context';
import { DEVICE_ID, memoryDb, storeConfig, STORE_ID } from '../../../test/support/register-data';
import type { Db } from './types';
import { createBalances } from '../sale/pay/gift-cards';
import { rxBalanceSource } from './rx-balance-source';

const T = '2026-11-27T10:00:00.000Z';
let db: Db;
let online = true;
beforeEach(async () => {
  db = await memoryDb();
});
afterEach(async () => {
  online = true;
  await db.remove();
});

describe('rx balance source', () => {
  it("reads the replicated card and subtracts only this register's uncounted spends", async () => {
    const { token, last4 } = await tokenizeGiftCard('6035710000000002');
    const cardDoc = {
      id: giftCardDocId(token),
      kind: 'gift_card',
      key: token,
      active: true,
      updatedAt: T,
      payload: {
        token,
        last4,
        currency: 'USD',
        issued: 10_000,
        balance: 8_000,
        status: 'active',
        entries: [{ paymentId: FIXTURE_IDS.payment, orderId: FIXTURE_IDS.order, storeId: STORE_ID, amount: -2_000 }],
      },
    } as ConfigDoc;
    const policy = storeConfig.find((c) => c.kind === 'policy') as Extract<ConfigDoc, { kind: 'policy' }>;
    await db.config.bulkInsert([
      ...storeConfig.filter((c) => c.kind !== 'policy'),
      { ...policy, payload: { ...policy.payload, offlineBalanceCap: 2_500 } },
      cardDoc,
    ] as never[]);
    const { card: _card, ...pay } = fixtures.payments;
    await db.payments.bulkInsert([
      { ...pay, method: 'gift_card', amount: 2_000, giftCard: { token, last4 } },
      {
        ...pay,
        id: '01937a00-0000-7000-8000-0000000000e1',
        method: 'gift_card',
        amount: 1_500,
        giftCard: { token, last4 },
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
      ),
    );
    expect(await balances.giftCard('6035 7100 0000 0002', 'USD', [])).toMatchObject({
      available: 6_500,
      offlineCap: undefined,
      giftCard: { token, last4: '0002' },
    });
    online = false;
    expect((await balances.giftCard('6035710000000002', 'USD', [])).offlineCap).toBe(2_500);
    await expect(balances.giftCard('6035710000000099', 'USD', [])).rejects.toMatchObject({
      code: 'BALANCE_UNKNOWN_CARD',
    });
    await expect(balances.giftCard('6035710000000002', 'EUR', [])).rejects.toMatchObject({
      code: 'BALANCE_CURRENCY_MISMATCH',
    });
    // The sale settings still come out of a config collection that holds balances too.
    expect(buildSaleContext([...storeConfig, cardDoc, configFixtures.store_credit], STORE_ID, DEVICE_ID).currency).toBe(
      'USD',
    );
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
