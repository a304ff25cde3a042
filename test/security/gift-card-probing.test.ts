// Probing card numbers by tiny offline spends (issue 10): a register that cannot look numbers up
// could seal guesses as offline spends and watch which ones come back refused. A sealed spend
// naming no card is declined with a code and counted per register (an HQ alert each); at the
// policy's threshold (default 3) every further sealed spend of that register is refused, even on a
// real card, while other registers and its own online spends go on, until an HQ admin unblocks it
// from the console (recorded who and when); then it counts from zero again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_GIFT_CARD_OFFLINE,
  GIFT_CARD_API,
  sealGiftCardNumber,
  type GiftCardSealKey,
} from '../../shared/balances';
import { openStorage } from '../../sync-server/storage/open';
import { createHqUser, HqSession } from '../integration/hq-harness';
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

  it('is unblocked by an HQ admin (CSRF, recorded who and when), then blocked again at the threshold', async () => {
    const storage = await openStorage(env.server.storage);
    try {
      await createHqUser(storage, 'admin@chain.test', 'admin');
      await createHqUser(storage, 'ops@chain.test', 'operations');
    } finally {
      await storage.close();
    }
    const admin = new HqSession(env.server.url);
    const ops = new HqSession(env.server.url);
    expect((await admin.signIn('admin@chain.test')).status).toBe(200);
    expect((await ops.signIn('ops@chain.test')).status).toBe(200);
    const path = `/devices/${env.a.deviceId}/gift-card-unblock`;
    const blocks = await admin.call<{ blocks: { deviceId: string; misses: number; blocked: boolean }[] }>(
      'GET',
      '/devices/gift-card-blocks',
    );
    expect(blocks.body.blocks).toEqual([
      expect.objectContaining({ deviceId: env.a.deviceId, misses: 3, blockAt: 3, blocked: true, lastUnblock: null }),
    ]);

    // Refused: an operations user, an admin without the CSRF token, a register credential.
    expect((await ops.call('POST', path)).body).toMatchObject({ code: 'HQ_FORBIDDEN' });
    expect((await admin.call('POST', path, undefined, { csrf: false })).body).toMatchObject({
      code: 'HQ_CSRF_REFUSED',
    });
    const asRegister = await fetch(`${env.server.url}/api/hq/console${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.a.credential}` },
    });
    expect(asRegister.status).toBe(403);
    const stillBlocked = await sealedSpend(env.a.storeId, NUMBER, 100);
    expect((await push(env.a.api, 'payments', [create(stillBlocked)])).body.rejected).toEqual([
      expect.objectContaining({ code: 'SYNC_GIFT_CARD_DEVICE_BLOCKED' }),
    ]);
    // Nothing to unblock on a register that is not blocked, nor on one that does not exist.
    expect((await admin.call('POST', `/devices/${env.b.deviceId}/gift-card-unblock`)).body).toMatchObject({
      code: 'HQ_CONFLICT',
    });
    expect((await admin.call('POST', '/devices/no-such-device/gift-card-unblock')).body).toMatchObject({
      code: 'HQ_NOT_FOUND',
    });

    const done = await admin.call<{ unblocked: { deviceId: string; by: string; at: string; misses: number } }>(
      'POST',
      path,
    );
    expect(done.status).toBe(200);
    expect(done.body.unblocked).toMatchObject({ deviceId: env.a.deviceId, by: 'admin@chain.test', misses: 3 });
    expect(Date.now() - Date.parse(done.body.unblocked.at)).toBeLessThan(60_000);
    expect((await admin.call<{ blocks: unknown[] }>('GET', '/devices/gift-card-blocks')).body.blocks).toEqual([]);
    // The unblock is in the security alerts HQ reads: which register, who, when.
    const alerts = await env.hq.get<{ alerts: Record<string, unknown>[] }>('/api/hq/security-alerts?limit=500');
    expect(alerts.body.alerts.filter((a) => a.code === 'HQ_GIFT_CARD_DEVICE_UNBLOCKED')).toEqual([
      expect.objectContaining({
        deviceId: env.a.deviceId,
        storeId: env.a.storeId,
        documentId: env.a.deviceId,
        at: done.body.unblocked.at,
        message: expect.stringContaining('admin@chain.test'),
      }),
    ]);

    // Its sealed spends are accepted again …
    const before = await balance();
    const again = await sealedSpend(env.a.storeId, NUMBER, 100);
    expect((await push(env.a.api, 'payments', [create(again)])).body.rejected).toEqual([]);
    expect(await balance()).toBe(before - 100);
    // … until it reaches the threshold anew.
    const guesses = await Promise.all(
      ['6035719900001040', '6035719900001057', '6035719900001065'].map((n) => sealedSpend(env.a.storeId, n)),
    );
    const real = await sealedSpend(env.a.storeId, NUMBER, 100);
    expect(
      (await push(env.a.api, 'payments', [...guesses.map((g) => create(g)), create(real)])).body.rejected.map(
        (r) => r.code,
      ),
    ).toEqual([
      'SYNC_GIFT_CARD_UNKNOWN',
      'SYNC_GIFT_CARD_UNKNOWN',
      'SYNC_GIFT_CARD_UNKNOWN',
      'SYNC_GIFT_CARD_DEVICE_BLOCKED',
    ]);
    expect(await balance()).toBe(before - 100);
    const listed = await admin.call<{ blocks: { deviceId: string; lastUnblock: { by: string; at: string } }[] }>(
      'GET',
      '/devices/gift-card-blocks',
    );
    expect(listed.body.blocks).toEqual([
      expect.objectContaining({
        deviceId: env.a.deviceId,
        misses: 3,
        blocked: true,
        lastUnblock: { by: 'admin@chain.test', at: done.body.unblocked.at },
      }),
    ]);
  });
});
