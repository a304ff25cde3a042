// Test helper: HQ issues a gift card the way a real chain does — it asks the server for the card's
// token (the HMAC key never leaves the server) and writes the card's config document.
import { GIFT_CARD_API } from '../../shared/balances';
import type { Api } from '../integration/server-harness';

export interface IssuedCard {
  id: string;
  token: string;
  last4: string;
}

export async function hqGiftCardToken(hq: Api, number: string): Promise<IssuedCard> {
  const answer = await hq.post<IssuedCard>(GIFT_CARD_API.hqToken, { number });
  if (answer.status !== 200) throw new Error(`gift card token: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** The config document of a card HQ issued with `issued` (minor units, USD). */
export function giftCardDoc(
  card: IssuedCard,
  issued: number,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: card.id,
    kind: 'gift_card',
    key: card.token,
    active: true,
    updatedAt: '2026-11-27T10:00:00.000Z',
    payload: {
      token: card.token,
      last4: card.last4,
      currency: 'USD',
      issued,
      balance: issued,
      status: 'active',
      entries: [],
    },
    ...over,
  };
}

export async function issueGiftCard(hq: Api, number: string, issued: number): Promise<IssuedCard> {
  const card = await hqGiftCardToken(hq, number);
  const answer = await hq.post<{ rejected: unknown[] }>('/sync/config/push', [
    { newDocumentState: { ...giftCardDoc(card, issued), _deleted: false } },
  ]);
  if (answer.status !== 200 || answer.body.rejected.length > 0)
    throw new Error(`issue gift card: ${answer.status} ${JSON.stringify(answer.body)}`);
  return card;
}
