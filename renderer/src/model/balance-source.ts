// What the register reads to know a gift card or store credit balance: the server's projection
// (config documents kind gift_card / store_credit) and this register's own payments, of which the
// ones the server has not counted yet are subtracted (shared/balances balanceWithPending).
import type { BalanceAccount, BalancePayment } from '../../../shared/balances';

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

export interface BalanceSource {
  giftCard(token: string): Promise<ServerGiftCard | undefined>;
  /** undefined until the server has counted a payment for this customer. */
  storeCredit(customerId: string): Promise<ServerStoreCredit | undefined>;
  /** Payments stored on this register against the account (sales and refunds, any status). */
  localPayments(account: BalanceAccount): Promise<BalancePayment[]>;
  /** The policy's cap per sale on one balance while offline; undefined = the built-in default. */
  offlineCap(): Promise<number | undefined>;
  online(): boolean;
}
