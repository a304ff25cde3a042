// Demo gift cards HQ has issued, so a clerk can try gift card tenders (numbers in docs/SYNC-API.md).
// Only the token (keyed with this server's gift card key) and last four digits are written, as for
// any real card.
import { giftCardDocId } from '../../shared/balances';
import type { GiftCardKeys } from '../gift-cards/keys';
import { DEMO_TIME, type Doc } from './demo-chain';

/** Test card numbers and the balance each is issued with (minor units, USD). */
export const DEMO_GIFT_CARDS: readonly { number: string; issued: number; status: 'active' | 'blocked' }[] = [
  { number: '6035710000000001', issued: 5_000, status: 'active' },
  { number: '6035710000000002', issued: 10_000, status: 'active' },
  { number: '6035710000000003', issued: 500, status: 'active' },
  { number: '6035710000000004', issued: 2_500, status: 'blocked' },
];

export async function demoGiftCards(keys: GiftCardKeys): Promise<Doc[]> {
  return Promise.all(
    DEMO_GIFT_CARDS.map(async ({ number, issued, status }) => {
      const { token, last4 } = await keys.tokenOf(number);
      return {
        id: giftCardDocId(token),
        kind: 'gift_card',
        key: token,
        active: true,
        updatedAt: DEMO_TIME,
        payload: { token, last4, currency: 'USD', issued, balance: issued, status, entries: [] },
      };
    }),
  );
}
