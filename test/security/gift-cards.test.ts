// Gift cards against a hostile register with its real credential (issue 10): nothing it can pull
// names a card's token or number; the online lookup refuses a wrong number with one 404, is
// rate-limited per credential and changes no balance; an offline spend carries the number sealed
// for the server, is booked once however often it is pushed, and over the policy's offline cap is
// refused with a code (and an HQ alert); a seal the server cannot open is refused; a card issued
// under the old unkeyed token is re-keyed at its first lookup.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GIFT_CARD_API,
  legacyGiftCardToken,
  giftCardDocId,
  sealGiftCardNumber,
  type GiftCardLookupAnswer,
  type GiftCardSealKey,
} from '../../shared/balances';
import { COLLECTION_NAMES } from '../../shared/schemas/collections';
import { backends, startTwoStoreServer, type Api, type TwoStores } from '../integration/server-harness';
import { giftCardDoc, issueGiftCard, type IssuedCard } from '../support/gift-cards';
import { create, paymentDoc, push, stored } from './attacker';

const NUMBER = '6035719900000101';
const OTHER_NUMBER = '6035719900000202';
const LEGACY_NUMBER = '6035719900000303';
const LOOKUPS_PER_MINUTE = 8;

/** Everything a credential can pull, as the text it receives. */
async function pullEverything(api: Api): Promise<string> {
  let text = '';
  for (const collection of COLLECTION_NAMES) {
    let seq = 0;
    for (;;) {
      const page = await api.get<{ documents: unknown[]; checkpoint: { seq: number } }>(
        `/sync/${collection}/pull?seq=${seq}&limit=1000`,
      );
      expect(page.status).toBe(200);
      text += JSON.stringify(page.body.documents);
      if (page.body.documents.length < 1000) break;
      seq = page.body.checkpoint.seq;
    }
  }
  return text;
}

describe.each(backends)('gift cards against a hostile register on %s', (backend) => {
  let env: TwoStores;
  let card: IssuedCard;
  let other: IssuedCard;
  let sealKey: GiftCardSealKey;
  const balanceOf = async (c: IssuedCard) =>
    ((await stored(env.hq, 'config', c.id))!.payload as { balance: number }).balance;
  const spend = (token: string, last4: string, amount: number, over: Record<string, unknown> = {}) =>
    paymentDoc(env.a.storeId, { method: 'gift_card', amount, giftCard: { token, last4 }, ...over });

  beforeAll(async () => {
    env = await startTwoStoreServer(backend, {
      limits: { rate: { enrollPerMinute: 10, failedAuthPerMinute: 30, lookupPerMinute: LOOKUPS_PER_MINUTE } },
    });
    card = await issueGiftCard(env.hq, NUMBER, 10_000);
    other = await issueGiftCard(env.hq, OTHER_NUMBER, 500);
    // Store B spends the card online: its payment carries the keyed token.
    const bSpend = paymentDoc(env.b.storeId, {
      method: 'gift_card',
      amount: 1_000,
      giftCard: { token: card.token, last4: card.last4 },
    });
    expect((await push(env.b.api, 'payments', [create(bSpend)])).body.rejected).toEqual([]);
    const key = await env.a.api.get<{ publicKey: GiftCardSealKey }>(GIFT_CARD_API.sealKey);
    expect(key.status).toBe(200);
    sealKey = key.body.publicKey;
  });
  afterAll(async () => env?.server.dispose());

  it('lets a register pull no gift card document, token or number, and keys tokens with a server secret', async () => {
    const pulled = await pullEverything(env.a.api);
    for (const c of [card, other]) {
      expect(pulled).not.toContain(c.token);
      expect(pulled).not.toContain(c.id);
    }
    expect(pulled).not.toContain('"kind":"gift_card"');
    expect(pulled).not.toContain(NUMBER);
    // The token is not the unkeyed hash a register could compute for a guessed number.
    expect(card.token).not.toBe((await legacyGiftCardToken(NUMBER)).token);
    // HQ still holds the cards.
    expect(await balanceOf(card)).toBe(9_000);
    // A register cannot ask for a token the way HQ issues cards.
    expect((await env.a.api.post(GIFT_CARD_API.hqToken, { number: NUMBER })).status).toBe(403);
  });

  it('answers the right number online with its own store’s counted payments only', async () => {
    const found = await env.a.api.post<GiftCardLookupAnswer>(GIFT_CARD_API.lookup, { number: NUMBER });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ token: card.token, last4: '0101', balance: 9_000, status: 'active' });
    // Store B's spend is counted in the balance but its payment id is not A's business.
    expect(found.body.countedIds).toEqual([]);
    const fromB = await env.b.api.post<GiftCardLookupAnswer>(GIFT_CARD_API.lookup, { number: NUMBER });
    expect(fromB.body.countedIds).toHaveLength(1);
  });

  it('sealed offline spend: booked once however often it is pushed, over the cap refused with a code', async () => {
    const before = await balanceOf(card);
    const sealed = await sealGiftCardNumber(sealKey, NUMBER);
    expect(sealed.token).not.toContain(NUMBER);
    const first = spend(sealed.token, sealed.last4, 3_000);
    expect((await push(env.a.api, 'payments', [create(first)])).body).toMatchObject({ rejected: [], conflicts: [] });
    expect(await balanceOf(card)).toBe(before - 3_000);
    // The register retries the same push (lost answer): nothing more is taken.
    expect((await push(env.a.api, 'payments', [create(first)])).body).toMatchObject({ rejected: [], conflicts: [] });
    expect(await balanceOf(card)).toBe(before - 3_000);

    // Same sale, same card, another seal of it: 3,000 + 2,500 is over the default $50.00 cap.
    const again = await sealGiftCardNumber(sealKey, NUMBER);
    const over = spend(again.token, again.last4, 2_500, { orderId: first.orderId });
    expect((await push(env.a.api, 'payments', [create(over)])).body.rejected).toEqual([
      expect.objectContaining({ id: over.id, code: 'SYNC_GIFT_CARD_OFFLINE_CAP', field: 'amount' }),
    ]);
    // One push over the cap on its own, and one batch whose second spend crosses it.
    const big = spend((await sealGiftCardNumber(sealKey, NUMBER)).token, '0101', 5_001);
    const orderId = randomUUID();
    const pair = [2_600, 2_600].map(async (amount) =>
      spend((await sealGiftCardNumber(sealKey, NUMBER)).token, '0101', amount, { orderId }),
    );
    const [p1, p2] = await Promise.all(pair);
    const answer = await push(env.a.api, 'payments', [create(big), create(p1!), create(p2!)]);
    expect(answer.body.rejected.map((r) => [r.id, r.code])).toEqual([
      [big.id, 'SYNC_GIFT_CARD_OFFLINE_CAP'],
      [p2!.id, 'SYNC_GIFT_CARD_OFFLINE_CAP'],
    ]);
    expect(await balanceOf(card)).toBe(before - 3_000 - 2_600);
    expect(await stored(env.hq, 'payments', over.id as string)).toBeUndefined();

    const alerts = await env.hq.get<{ alerts: { code: string; deviceId: string }[] }>(
      '/api/hq/security-alerts?limit=500',
    );
    expect(
      alerts.body.alerts.filter((a) => a.code === 'SYNC_GIFT_CARD_OFFLINE_CAP' && a.deviceId === env.a.deviceId),
    ).toHaveLength(3);
  });

  it('books an offline spend the card cannot cover and alerts the store; a seal it cannot open is refused', async () => {
    const sealed = await sealGiftCardNumber(sealKey, OTHER_NUMBER);
    const short = spend(sealed.token, sealed.last4, 2_000);
    expect((await push(env.a.api, 'payments', [create(short)])).body.rejected).toEqual([]);
    expect(await balanceOf(other)).toBe(-1_500);
    const alert = (await pullEverything(env.a.api)).includes('"type":"alert_balance_overspent"');
    expect(alert).toBe(true);

    const before = await balanceOf(card);
    // Forged seals: without a key id, and naming the server's current key.
    const body = sealed.token.slice(-180);
    const forged = [`gcs_${'a'.repeat(body.length)}`, `gcs_${sealKey.kid!}_${'a'.repeat(body.length)}`];
    const answer = await push(
      env.a.api,
      'payments',
      forged.map((token) => create(spend(token, '0101', 100))),
    );
    expect(answer.body.rejected).toEqual(
      forged.map(() => expect.objectContaining({ code: 'SYNC_INVALID_DOCUMENT', field: 'giftCard.token' })),
    );
    expect(await balanceOf(card)).toBe(before);
  });

  it('refuses wrong numbers with one 404, rate-limits lookups per credential, and changes no balance', async () => {
    const before = await Promise.all([balanceOf(card), balanceOf(other)]);
    const wrong = await env.a.api.post<{ code: string; message: string }>(GIFT_CARD_API.lookup, {
      number: '6035719900000999',
    });
    expect(wrong.status).toBe(404);
    expect(wrong.body.code).toBe('SYNC_NOT_FOUND');
    const alsoWrong = await env.a.api.post<{ code: string; message: string }>(GIFT_CARD_API.lookup, {
      number: '1234567890123',
    });
    expect(alsoWrong).toEqual(wrong);
    const malformed = await env.a.api.post<{ code: string }>(GIFT_CARD_API.lookup, { number: '12ab' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('BALANCE_BAD_CARD_NUMBER');
    expect((await env.a.api.post(GIFT_CARD_API.lookup, { number: NUMBER, extra: 1 })).status).toBe(400);
    expect((await env.a.api.post(GIFT_CARD_API.lookup, { number: 'x'.repeat(5_000) })).status).toBe(413);

    // A guesser runs into the limit; after it even the right number is refused for this credential.
    const statuses: number[] = [];
    for (let i = 0; i < LOOKUPS_PER_MINUTE; i += 1) {
      const guess = `60357199000${String(10_000 + i).padStart(5, '0')}`;
      statuses.push((await env.a.api.post(GIFT_CARD_API.lookup, { number: guess })).status);
    }
    expect(statuses).toContain(429);
    const limited = await env.a.api.post<{ code: string }>(GIFT_CARD_API.lookup, { number: NUMBER });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('SYNC_RATE_LIMITED');
    // Another register's credential has its own allowance.
    expect((await env.b.api.post(GIFT_CARD_API.lookup, { number: NUMBER })).status).toBe(200);
    expect(await Promise.all([balanceOf(card), balanceOf(other)])).toEqual(before);
  });

  it('re-keys a card issued under the old unkeyed token at its first lookup', async () => {
    const legacy = await legacyGiftCardToken(LEGACY_NUMBER);
    const legacyId = giftCardDocId(legacy.token);
    const old = giftCardDoc({ id: legacyId, ...legacy }, 2_000);
    expect((await push(env.hq, 'config', [create(old)])).body.rejected).toEqual([]);
    const found = await env.b.api.post<GiftCardLookupAnswer>(GIFT_CARD_API.lookup, { number: LEGACY_NUMBER });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ last4: '0303', balance: 2_000 });
    expect(found.body.token).not.toBe(legacy.token);
    expect(await stored(env.hq, 'config', giftCardDocId(found.body.token))).toMatchObject({
      _deleted: false,
      payload: { token: found.body.token, issued: 2_000, balance: 2_000 },
    });
    expect(await stored(env.hq, 'config', legacyId)).toMatchObject({ _deleted: true });
    // Looked up again: the same keyed card, not a second move.
    const again = await env.b.api.post<GiftCardLookupAnswer>(GIFT_CARD_API.lookup, { number: LEGACY_NUMBER });
    expect(again.body.token).toBe(found.body.token);
  });
});
