// The gift card endpoints registers call (sync-server/gift-cards/routes.ts) and what they answer,
// shared so both sides name the same paths and fields.
export const GIFT_CARD_API = {
  /** POST {number} → GiftCardLookupAnswer, or 404 SYNC_NOT_FOUND for a number no card has. */
  lookup: '/api/gift-cards/lookup',
  /** GET → {publicKey}: the current key (with its id, `kid`) a register seals numbers with while offline. */
  sealKey: '/api/gift-cards/seal-key',
  /** HQ only: POST {number} → {id, token, last4}, to issue or load a card by its config document. */
  hqToken: '/api/hq/gift-cards/token',
  /** HQ only: GET → {keys}: the sealing key set (ids, dates, status; never a private key). */
  hqSealKeys: '/api/hq/gift-cards/seal-keys',
  /** HQ only: POST → {key, keys}: makes a new current sealing key; the old one enters its grace period. */
  hqRotateSealKey: '/api/hq/gift-cards/seal-keys/rotate',
} as const;

export interface GiftCardLookupAnswer {
  token: string;
  last4: string;
  currency: string;
  balance: number;
  status: 'active' | 'blocked';
  expiresOn?: string;
  /** Payments of the asking register's store that the balance already counts. */
  countedIds: string[];
  /** The id of the server's current sealing key: a register holding another one fetches the new key. */
  sealKeyId?: string;
}
