// What the register reads to know a gift card or store credit balance. Gift cards: the server's
// online lookup by number (registers hold no gift card documents); offline, the number sealed for
// the server. Store credit: the server's projection in the replica. Both: this register's own
// payments, of which the ones the server has not counted yet are subtracted
// (shared/balances balanceWithPending).
import type { BalanceAccount, BalancePayment, GiftCardIdentity } from '../../../shared/balances';

export interface ServerGiftCard {
  token: string;
  last4: string;
  currency: string;
  balance: number;
  status: 'active' | 'blocked';
  expiresOn: string | undefined;
  /** Payment ids the server has already counted in `balance`. */
  countedIds: ReadonlySet<string>;
}

export interface ServerStoreCredit {
  balance: number;
  countedIds: ReadonlySet<string>;
}

/** The server's answer to a card number: the card, no such card, or the server cannot be reached. */
export type GiftCardLookup = { kind: 'found'; card: ServerGiftCard } | { kind: 'unknown' } | { kind: 'offline' };

export interface BalanceSource {
  /** Asks the server (online) for the card with this number; other failures throw coded errors. */
  lookupGiftCard(number: string): Promise<GiftCardLookup>;
  /** Offline: the number sealed for the server, to stand where the token goes (BALANCE_NO_SEAL_KEY without a key). */
  sealGiftCard(number: string): Promise<GiftCardIdentity>;
  /** undefined until the server has counted a payment for this customer. */
  storeCredit(customerId: string): Promise<ServerStoreCredit | undefined>;
  /** Payments stored on this register against the account (sales and refunds, any status). */
  localPayments(account: BalanceAccount): Promise<BalancePayment[]>;
  /** The policy's cap per sale on one balance while offline; undefined = the built-in default. */
  offlineCap(): Promise<number | undefined>;
  /**
   * Gift card tenders this register took offline (sealed numbers) in its open till shift, and how
   * many the policy allows per shift (`giftCardOffline.tendersPerShift`, default 5).
   */
  offlineGiftCardTenders(): Promise<{ taken: number; allowed: number }>;
  online(): boolean;
}
