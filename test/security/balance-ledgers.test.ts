// Balance ledgers and what other registers see of them (issue 10): a gift card spend is not a
// config change for the chain (no other register's config checkpoint moves, no live-stream poke),
// a store credit ledger goes only to the registers of its customer's home store, and a refund that
// names a re-keyed card's old token lands on the card's live ledger, never on the deleted one; a
// card deleted with nowhere to go refuses payments with a code.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIFT_CARD_API, giftCardDocId, legacyGiftCardToken, type GiftCardLookupAnswer } from '../../shared/balances';
import { backends, startTwoStoreServer, type Api, type TwoStores } from '../integration/server-harness';
import { giftCardDoc, issueGiftCard, type IssuedCard } from '../support/gift-cards';
import { create, customerDoc, paymentDoc, push, returnDoc, stored, T, update } from './attacker';

interface Page {
  documents: Record<string, unknown>[];
  checkpoint: { seq: number };
}

/** A register's config replica caught up: every document it pulled and its checkpoint. */
async function pullConfig(api: Api, from = 0): Promise<{ docs: Record<string, unknown>[]; seq: number }> {
  let seq = from;
  const docs: Record<string, unknown>[] = [];
  for (;;) {
    const page = await api.get<Page>(`/sync/config/pull?seq=${seq}&limit=1000`);
    expect(page.status).toBe(200);
    docs.push(...page.body.documents);
    seq = page.body.checkpoint.seq;
    if (page.body.documents.length < 1000) return { docs, seq };
  }
}

describe.each(backends)('balance ledgers and other registers on %s', (backend) => {
  let env: TwoStores;
  let card: IssuedCard;
  const balanceOf = async (id: string) =>
    ((await stored(env.hq, 'config', id))!.payload as { balance: number }).balance;

  beforeAll(async () => {
    env = await startTwoStoreServer(backend);
    card = await issueGiftCard(env.hq, '6035719900000515', 10_000);
  });
  afterAll(async () => env?.server.dispose());

  it("moves no other register's config checkpoint when a gift card is spent", async () => {
    const before = await pullConfig(env.a.api);
    const spend = paymentDoc(env.b.storeId, {
      method: 'gift_card',
      amount: 700,
      giftCard: { token: card.token, last4: card.last4 },
    });
    expect((await push(env.b.api, 'payments', [create(spend)])).body.rejected).toEqual([]);
    expect(await balanceOf(card.id)).toBe(9_300);
    // Store A's register: nothing new in config, and the checkpoint stays where it was.
    const after = await pullConfig(env.a.api, before.seq);
    expect(after).toEqual({ docs: [], seq: before.seq });
    // The spending store's register is not poked about it either (it never holds the card).
    const own = await pullConfig(env.b.api);
    expect(own.docs.some((d) => d.kind === 'gift_card')).toBe(false);
    // HQ still follows the card.
    expect((await pullConfig(env.hq, before.seq)).docs.map((d) => d.id)).toContain(card.id);
  });

  it("gives a store credit ledger only to the registers of its customer's home store", async () => {
    const customer = customerDoc({ homeStoreId: env.b.storeId });
    expect((await push(env.hq, 'customers', [create(customer)])).body.rejected).toEqual([]);
    const aBefore = await pullConfig(env.a.api);
    const ledger = {
      id: customer.id,
      kind: 'store_credit',
      key: customer.id,
      active: true,
      updatedAt: T,
      payload: { customerId: customer.id, currency: 'USD', opening: 4_000, balance: 4_000, entries: [] },
    };
    expect((await push(env.hq, 'config', [create(ledger)])).body.rejected).toEqual([]);
    expect(await stored(env.hq, 'config', customer.id as string)).toMatchObject({ storeId: env.b.storeId });
    expect(await pullConfig(env.a.api, aBefore.seq)).toEqual({ docs: [], seq: aBefore.seq });
    const b = await pullConfig(env.b.api);
    expect(b.docs.find((d) => d.id === customer.id)).toMatchObject({ payload: { balance: 4_000 } });

    // The customer moves to store A: the ledger follows it.
    const { _deleted: _d, ...master } = (await stored(env.hq, 'customers', customer.id as string))!;
    const moved = { ...master, homeStoreId: env.a.storeId, updatedAt: new Date().toISOString() };
    expect((await push(env.hq, 'customers', [update(master, moved)])).body).toEqual({
      conflicts: [],
      rejected: [],
    });
    expect((await pullConfig(env.a.api, aBefore.seq)).docs.map((d) => d.id)).toEqual([customer.id]);
  });

  it("books a refund naming a re-keyed card's old token on the card's live ledger", async () => {
    const number = '6035719900000616';
    const legacy = await legacyGiftCardToken(number);
    const legacyId = giftCardDocId(legacy.token);
    expect(
      (await push(env.hq, 'config', [create(giftCardDoc({ id: legacyId, ...legacy }, 3_000))])).body.rejected,
    ).toEqual([]);
    // A sale taken before the change spent the card under its old token.
    const sale = paymentDoc(env.a.storeId, { method: 'gift_card', amount: 1_000, giftCard: legacy });
    expect((await push(env.a.api, 'payments', [create(sale)])).body.rejected).toEqual([]);
    expect(await balanceOf(legacyId)).toBe(2_000);

    const found = await env.a.api.post<GiftCardLookupAnswer>(GIFT_CARD_API.lookup, { number });
    expect(found.status).toBe(200);
    const liveId = giftCardDocId(found.body.token);
    expect(await balanceOf(liveId)).toBe(2_000);

    // The return of that sale refunds onto the card by the token the register's payment holds.
    const refund = paymentDoc(env.a.storeId, {
      kind: 'refund',
      method: 'gift_card',
      amount: 600,
      giftCard: legacy,
      returnId: randomUUID(),
    });
    const taken = returnDoc(env.a.storeId, 600, 'gift_card', refund.id as string, { id: refund.returnId });
    expect((await push(env.a.api, 'returns', [create(taken)])).body.rejected).toEqual([]);
    expect((await push(env.a.api, 'payments', [create(refund)])).body).toEqual({ conflicts: [], rejected: [] });
    expect(await balanceOf(liveId)).toBe(2_600);
    // The old ledger stays deleted and unchanged.
    expect(await stored(env.hq, 'config', legacyId)).toMatchObject({
      _deleted: true,
      payload: { balance: 2_000, movedTo: found.body.token },
    });
  });

  it('refuses a payment on a card deleted with nowhere to go, and does not bring the card back', async () => {
    const number = '6035719900000717';
    const legacy = await legacyGiftCardToken(number);
    const legacyId = giftCardDocId(legacy.token);
    const doc = giftCardDoc({ id: legacyId, ...legacy }, 1_500);
    expect((await push(env.hq, 'config', [create(doc)])).body.rejected).toEqual([]);
    const master = (await stored(env.hq, 'config', legacyId))!;
    const { _deleted: _d, ...masterDoc } = master;
    expect((await push(env.hq, 'config', [update(masterDoc, masterDoc, true)])).body.rejected).toEqual([]);

    const refund = paymentDoc(env.a.storeId, {
      kind: 'refund',
      method: 'gift_card',
      amount: 400,
      giftCard: legacy,
      returnId: randomUUID(),
    });
    const taken = returnDoc(env.a.storeId, 400, 'gift_card', refund.id as string, { id: refund.returnId });
    expect((await push(env.a.api, 'returns', [create(taken)])).body.rejected).toEqual([]);
    expect((await push(env.a.api, 'payments', [create(refund)])).body.rejected).toEqual([
      expect.objectContaining({ id: refund.id, code: 'SYNC_GIFT_CARD_RETIRED', field: 'giftCard.token' }),
    ]);
    const spend = paymentDoc(env.a.storeId, { method: 'gift_card', amount: 100, giftCard: legacy });
    expect((await push(env.a.api, 'payments', [create(spend)])).body.rejected).toEqual([
      expect.objectContaining({ code: 'SYNC_GIFT_CARD_RETIRED' }),
    ]);
    expect(await stored(env.hq, 'config', legacyId)).toMatchObject({ _deleted: true, payload: { balance: 1_500 } });
    expect(await stored(env.hq, 'payments', refund.id as string)).toBeUndefined();
  });
});
