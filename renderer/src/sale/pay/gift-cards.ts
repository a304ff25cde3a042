// Gift card and store credit balances at the till. The card number becomes a token + last four at
// once; the balance offered is the server's projection minus what this register has spent and the
// server has not counted yet (and minus tenders already on this sale). While offline a balance can
// also be spent on another till, so a sale takes at most the policy's offline cap from it.
import { DomainError } from '../../../../shared/errors';
import {
  BalanceError,
  DEFAULT_OFFLINE_BALANCE_CAP,
  balanceWithPending,
  tokenizeGiftCard,
  type BalanceAccount,
  type BalancePayment,
} from '../../../../shared/balances';
import type { BalanceSource } from '../../model/balance-source';
import { useBackend } from '../../model/backend-context';
import type { Tender } from '../../model/tender';

export const GiftCardError = { NOT_AVAILABLE: 'GIFT_CARD_NOT_AVAILABLE' } as const;

/** What may be taken from one balance on this sale. */
export interface BalanceQuote {
  /** "The gift card ending 0001" / "Sam Rivera's store credit": used in messages. */
  label: string;
  available: number;
  currency: string;
  /** Set while offline. */
  offlineCap: number | undefined;
  giftCard?: { token: string; last4: string };
}

export interface Balances {
  giftCard(number: string, currency: string, inSale: readonly Tender[]): Promise<BalanceQuote>;
  storeCredit(
    customer: { id: string; name: string; storeCreditBalance: number },
    currency: string,
    inSale: readonly Tender[],
  ): Promise<BalanceQuote>;
}

function asPayments(tenders: readonly Tender[], currency: string): BalancePayment[] {
  return tenders.map((t) => ({
    id: t.id,
    orderId: t.id,
    storeId: '',
    kind: 'sale',
    method: t.method,
    status: t.status,
    amount: t.amount,
    currency,
    giftCard: t.giftCard,
    storeCreditCustomerId: t.storeCreditCustomerId,
  }));
}

const sameAccount = (account: BalanceAccount) => (p: BalancePayment) =>
  account.kind === 'gift_card'
    ? p.method === 'gift_card' && p.giftCard?.token === account.token
    : p.method === 'store_credit' && p.storeCreditCustomerId === account.customerId;

/** The offline cap is per sale: tenders already on this sale from the same balance use it up. */
async function capOf(source: BalanceSource, inSale: readonly BalancePayment[]): Promise<number | undefined> {
  if (source.online()) return undefined;
  const cap = (await source.offlineCap()) ?? DEFAULT_OFFLINE_BALANCE_CAP;
  return Math.max(0, cap - inSale.reduce((sum, p) => sum + p.amount, 0));
}

export function createBalances(
  source: BalanceSource,
  today: () => string = () => new Date().toISOString().slice(0, 10),
): Balances {
  return {
    async giftCard(number, currency, inSale) {
      const { token, last4 } = await tokenizeGiftCard(number);
      const label = `The gift card ending ${last4}`;
      const card = await source.giftCard(token);
      if (!card) {
        throw new DomainError(
          BalanceError.UNKNOWN_CARD,
          `${label} is not known to this store. Check the number; a card sold moments ago appears after the next sync.`,
        );
      }
      if (card.status === 'blocked')
        throw new DomainError(
          BalanceError.CARD_BLOCKED,
          `${label} is blocked. Ask the customer for another way to pay.`,
        );
      if (card.expiresOn !== undefined && card.expiresOn < today()) {
        throw new DomainError(
          BalanceError.CARD_EXPIRED,
          `${label} expired on ${card.expiresOn}. Ask the customer for another way to pay.`,
        );
      }
      if (card.currency !== currency) {
        throw new DomainError(
          BalanceError.CURRENCY_MISMATCH,
          `${label} holds ${card.currency}, this sale is in ${currency}. Take another way to pay.`,
        );
      }
      const account: BalanceAccount = { kind: 'gift_card', token, last4 };
      const onSale = asPayments(inSale, currency).filter(sameAccount(account));
      const local = [...(await source.localPayments(account)), ...onSale];
      return {
        label,
        available: balanceWithPending(card.balance, card.countedIds, local),
        currency,
        offlineCap: await capOf(source, onSale),
        giftCard: { token, last4 },
      };
    },
    async storeCredit(customer, currency, inSale) {
      const account: BalanceAccount = { kind: 'store_credit', customerId: customer.id };
      const server = await source.storeCredit(customer.id);
      // Before the server has counted any payment the customer document's balance is the ledger.
      const balance = server?.balance ?? customer.storeCreditBalance;
      const onSale = asPayments(inSale, currency).filter(sameAccount(account));
      const local = [...(await source.localPayments(account)), ...onSale];
      return {
        label: `${customer.name}'s store credit`,
        available: balanceWithPending(balance, server?.countedIds ?? new Set(), local),
        currency,
        offlineCap: await capOf(source, onSale),
      };
    },
  };
}

const unavailable: Balances = {
  giftCard: () =>
    Promise.reject(
      new DomainError(
        GiftCardError.NOT_AVAILABLE,
        'Gift cards cannot be checked on this register yet. Take another way to pay.',
      ),
    ),
  storeCredit: (customer, currency, inSale) => {
    const spent = asPayments(inSale, currency)
      .filter(sameAccount({ kind: 'store_credit', customerId: customer.id }))
      .reduce((sum, p) => sum + p.amount, 0);
    return Promise.resolve({
      label: `${customer.name}'s store credit`,
      available: customer.storeCreditBalance - spent,
      currency,
      offlineCap: undefined,
    });
  },
};

export function useBalances(): Balances {
  const source = useBackend().balances?.();
  return source ? createBalances(source) : unavailable;
}
