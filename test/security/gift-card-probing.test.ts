// Probing card numbers by tiny offline spends (issue 10): a register that cannot look numbers up
// could seal guesses as offline spends and watch which ones come back refused. A sealed spend
// naming no card is declined with a code and counted per register (an HQ alert each); at the
// policy's threshold (default 3) every further sealed spend of that register is refused, even on a
// real card, while other registers and its own online spends go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_GIFT_CARD_OFFLINE,
  GIFT_CARD_API,
  sealGiftCardNumber,
  type GiftCardSealKey,
} from '../../shared/balances';
import { backends, startTwoStoreServer, type TwoStores } from '../integration/server-harness';
import { issueGiftCard, type IssuedCard } from '../support/gift-cards';
import { create, paymentDoc, push, stored } from './attacker';

const NUMBER = '6035719900000828';

describe.each(backends)('probing gift card numbers with offline spends on %s', (backend) => {
  let env: TwoStores;
  let card: IssuedCard;
  let sealKey: GiftCardSealKey;
  const balance = async () => ((await stored(env.hq, 'config', card.id))!.payload as { balance: number }).balance;
  const sealedSpend = async (storeId: string, number: string, amount = 1) => {
    const sealed = await sealGiftCardNumber(sealKey, number);
    return paymentDoc(storeId, { method: 'gift_card', amount, giftCard: sealed });
  };

  beforeAll(async () => {
    env = await startTwoStoreServer(backend);
    card = await issueGiftCard(env.hq, NUMBER, 5_000);
    sealKey = (await env.a.api.get<{ publicKey: GiftCardSealKey }>(GIFT_CARD_API.sealKey)).body.publicKey;
  });
  afterAll(async () => env?.server.dispose());

  it('declines sealed spends naming no card, then refuses the register’s further sealed spends', async () => {
    expect(DEFAULT_GIFT_CARD_OFFLINE.unknownCardsBeforeBlock).toBe(3);
    // A real sealed spend before any guess goes through.
    const honest = await sealedSpend(env.a.storeId, NUMBER, 200);
    expect((await push(env.a.api, 'payments', [create(honest)])).body.rejected).toEqual([]);
    expect(await balance()).toBe(4_800);

    const guesses = await Promise.all(
      ['6035719900001016', '6035719900001024'].map((n) => sealedSpend(env.a.storeId, n)),
    );
    expect(
      (
        await push(
          env.a.api,
          'payments',
          guesses.map((g) => create(g)),
        )
      ).body.rejected,
    ).toEqual(
      guesses.map((g) =>
        expect.objectContaining({ id: g.id, code: 'SYNC_GIFT_CARD_UNKNOWN', field: 'giftCard.token' }),
      ),
    );
    // The third guess and, in the same batch, a spend on the real card after it.
    const third = await sealedSpend(env.a.storeId, '6035719900001032');
    const real = await sealedSpend(env.a.storeId, NUMBER, 100);
    expect((await push(env.a.api, 'payments', [create(third), create(real)])).body.rejected.map((r) => r.code)).toEqual(
      ['SYNC_GIFT_CARD_UNKNOWN', 'SYNC_GIFT_CARD_DEVICE_BLOCKED'],
    );
    // Later pushes too, however the number is sealed.
    const later = await sealedSpend(env.a.storeId, NUMBER, 100);
    expect((await push(env.a.api, 'payments', [create(later)])).body.rejected).toEqual([
      expect.objectContaining({ code: 'SYNC_GIFT_CARD_DEVICE_BLOCKED' }),
    ]);
    expect(await balance()).toBe(4_800);
    for (const doc of [...guesses, third, real, later])
      expect(await stored(env.hq, 'payments', doc.id as string)).toBeUndefined();

    const alerts = await env.hq.get<{ alerts: { code: string; deviceId: string }[] }>(
      '/api/hq/security-alerts?limit=500',
    );
    const mine = alerts.body.alerts.filter((a) => a.deviceId === env.a.deviceId).map((a) => a.code);
    expect(mine.filter((c) => c === 'SYNC_GIFT_CARD_UNKNOWN')).toHaveLength(3);
    expect(mine.filter((c) => c === 'SYNC_GIFT_CARD_DEVICE_BLOCKED')).toHaveLength(2);
  });

  it('keeps other registers’ sealed spends and the blocked register’s online spends going', async () => {
    const fromB = await sealedSpend(env.b.storeId, NUMBER, 300);
    expect((await push(env.b.api, 'payments', [create(fromB)])).body.rejected).toEqual([]);
    const online = paymentDoc(env.a.storeId, {
      method: 'gift_card',
      amount: 500,
      giftCard: { token: card.token, last4: card.last4 },
    });
    expect((await push(env.a.api, 'payments', [create(online)])).body.rejected).toEqual([]);
    expect(await balance()).toBe(4_000);
  });
});
