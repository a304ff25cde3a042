// Rotating the server's gift card sealing key (issue 10): seals name their key id; a seal without
// one (registers from before rotation) is still opened; after a rotation through the HQ route the
// registers get the new key, seals under the old one are accepted for the grace period and refused
// with a code and an HQ alert after it. The key set is held in the database, so a second instance
// on the same PostgreSQL serves the same current key at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GIFT_CARD_API,
  sealGiftCardNumber,
  sealKeyIdOf,
  type GiftCardLookupAnswer,
  type GiftCardSealKey,
} from '../../shared/balances';
import { openStorage } from '../../sync-server/storage/open';
import { DEFAULT_SEAL_KEY_GRACE_DAYS, type SealKeyInfo } from '../../sync-server/gift-cards/keys';
import { backends, startSecondInstance, startTwoStoreServer, type TwoStores } from '../integration/server-harness';
import { Api } from '../integration/server-harness';
import { issueGiftCard, type IssuedCard } from '../support/gift-cards';
import { create, paymentDoc, push, stored } from './attacker';

const NUMBER = '6035719900000919';
const DAY_MS = 86_400_000;

describe.each(backends)('gift card sealing key rotation on %s', (backend) => {
  let env: TwoStores;
  let card: IssuedCard;
  let firstKey: GiftCardSealKey;
  const balance = async () => ((await stored(env.hq, 'config', card.id))!.payload as { balance: number }).balance;
  const spend = (storeId: string, giftCard: { token: string; last4: string }, amount: number) =>
    paymentDoc(storeId, { method: 'gift_card', amount, giftCard });
  const sealKeyOf = async (api: Api) =>
    (await api.get<{ publicKey: GiftCardSealKey }>(GIFT_CARD_API.sealKey)).body.publicKey;
  const alertCodes = async () =>
    (
      await env.hq.get<{ alerts: { code: string; deviceId: string; documentId: string }[] }>(
        '/api/hq/security-alerts?limit=500',
      )
    ).body.alerts;

  beforeAll(async () => {
    env = await startTwoStoreServer(backend);
    card = await issueGiftCard(env.hq, NUMBER, 10_000);
    firstKey = await sealKeyOf(env.a.api);
  });
  afterAll(async () => env?.server.dispose());

  it('accepts seals without a key id (registers already in the field) as sealed under the first key', async () => {
    expect(firstKey.kid).toMatch(/^[a-z]{8}$/);
    const { kid: _kid, ...withoutId } = firstKey;
    const legacy = await sealGiftCardNumber(withoutId as GiftCardSealKey, NUMBER);
    expect(legacy.token).toMatch(/^gcs_[a-zA-F]{180}$/);
    const doc = spend(env.a.storeId, legacy, 100);
    expect((await push(env.a.api, 'payments', [create(doc)])).body.rejected).toEqual([]);
    expect(await balance()).toBe(9_900);
  });

  it('only HQ rotates the key', async () => {
    expect((await env.a.api.post(GIFT_CARD_API.hqRotateSealKey, {})).status).toBe(403);
    expect((await env.a.api.get(GIFT_CARD_API.hqSealKeys)).status).toBe(403);
    expect((await sealKeyOf(env.b.api)).kid).toBe(firstKey.kid);
  });

  it('rotates: new seals name the new key, old seals are accepted once within the grace period', async () => {
    // Seals a register made offline under the first key before the rotation.
    const { kid: _kid, ...withoutId } = firstKey;
    const named = spend(env.a.storeId, await sealGiftCardNumber(firstKey, NUMBER), 200);
    const legacy = spend(env.a.storeId, await sealGiftCardNumber(withoutId as GiftCardSealKey, NUMBER), 300);
    expect(sealKeyIdOf((named.giftCard as { token: string }).token)).toBe(firstKey.kid);

    const rotated = await env.hq.post<{ key: SealKeyInfo; keys: SealKeyInfo[] }>(GIFT_CARD_API.hqRotateSealKey, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.key.status).toBe('current');
    expect(rotated.body.keys.map((k) => [k.id, k.status])).toEqual([
      [firstKey.kid, 'grace'],
      [rotated.body.key.id, 'current'],
    ]);
    const retired = rotated.body.keys[0]!;
    expect(Date.parse(retired.acceptedUntil!) - Date.parse(retired.retiredAt!)).toBe(
      DEFAULT_SEAL_KEY_GRACE_DAYS * DAY_MS,
    );
    expect(JSON.stringify(rotated.body)).not.toMatch(/"d"/); // no private key half

    const newKey = await sealKeyOf(env.b.api);
    expect(newKey.kid).toBe(rotated.body.key.id);
    // A register's next online lookup names the new key id, so it fetches the new key.
    const lookup = await env.b.api.post<GiftCardLookupAnswer>(GIFT_CARD_API.lookup, { number: NUMBER });
    expect(lookup.body.sealKeyId).toBe(newKey.kid);
    const fresh = spend(env.b.storeId, await sealGiftCardNumber(newKey, NUMBER), 400);
    expect(sealKeyIdOf((fresh.giftCard as { token: string }).token)).toBe(newKey.kid);
    expect((await push(env.b.api, 'payments', [create(fresh)])).body.rejected).toEqual([]);

    expect((await push(env.a.api, 'payments', [create(named), create(legacy)])).body.rejected).toEqual([]);
    expect(await balance()).toBe(9_900 - 400 - 200 - 300);
    // Pushed again: a no-op, the card is charged once.
    await push(env.a.api, 'payments', [create(named), create(legacy)]);
    expect(await balance()).toBe(9_000);
  });

  it('refuses seals under a key retired beyond the grace period, with a code and an HQ alert', async () => {
    const { kid: _kid, ...withoutId } = firstKey;
    const named = spend(env.a.storeId, await sealGiftCardNumber(firstKey, NUMBER), 100);
    const legacy = spend(env.a.storeId, await sealGiftCardNumber(withoutId as GiftCardSealKey, NUMBER), 100);
    // The rotation happened longer ago than the grace period: backdate the second key in the database.
    const storage = await openStorage(env.server.storage);
    try {
      const text = (await storage.getSetting('gift_card_seal_key_2'))!;
      const key = JSON.parse(text) as { createdAt: string };
      key.createdAt = new Date(Date.now() - (DEFAULT_SEAL_KEY_GRACE_DAYS + 1) * DAY_MS).toISOString();
      await storage.putSetting('gift_card_seal_key_2', JSON.stringify(key));
    } finally {
      await storage.close();
    }
    const keys = await env.hq.get<{ keys: SealKeyInfo[] }>(GIFT_CARD_API.hqSealKeys);
    expect(keys.body.keys.map((k) => k.status)).toEqual(['expired', 'current']);

    const newKey = await sealKeyOf(env.a.api);
    const fresh = spend(env.a.storeId, await sealGiftCardNumber(newKey, NUMBER), 100);
    const answer = await push(env.a.api, 'payments', [create(named), create(legacy), create(fresh)]);
    expect(answer.body.rejected).toEqual([
      expect.objectContaining({ id: named.id, code: 'SYNC_GIFT_CARD_SEAL_KEY_EXPIRED', field: 'giftCard.token' }),
      expect.objectContaining({ id: legacy.id, code: 'SYNC_GIFT_CARD_SEAL_KEY_EXPIRED', field: 'giftCard.token' }),
    ]);
    expect(await stored(env.hq, 'payments', named.id as string)).toBeUndefined();
    expect(await stored(env.hq, 'payments', legacy.id as string)).toBeUndefined();
    expect(await balance()).toBe(9_000 - 100);
    const alerts = (await alertCodes()).filter((a) => a.code === 'SYNC_GIFT_CARD_SEAL_KEY_EXPIRED');
    expect(alerts.map((a) => a.documentId).sort()).toEqual([named.id, legacy.id].sort());
    expect(alerts.every((a) => a.deviceId === env.a.deviceId)).toBe(true);
  });

  it.skipIf(backend !== 'postgres')('is shared by every instance on the database', async () => {
    const second = await startSecondInstance(env.server);
    try {
      const other = new Api(second.url, env.a.api.token);
      const current = await sealKeyOf(env.a.api);
      expect(await sealKeyOf(other)).toEqual(current);
      const rotated = await new Api(second.url, env.server.hqToken).post<{ key: SealKeyInfo }>(
        GIFT_CARD_API.hqRotateSealKey,
        {},
      );
      expect((await sealKeyOf(env.a.api)).kid).toBe(rotated.body.key.id);
      // A seal under the key the other instance made is opened here.
      const fresh = spend(env.a.storeId, await sealGiftCardNumber(await sealKeyOf(other), NUMBER), 100);
      expect((await push(env.a.api, 'payments', [create(fresh)])).body.rejected).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
