// Gift card and store credit balances at the till. Online, the server turns the card number into
// its token and balance (the register cannot: the token is keyed with a server-only secret); the
// balance offered is that minus what this register has spent and the server has not counted yet
// (and minus tenders already on this sale). Offline, the number is sealed for the server, the
// balance is unknown and a sale takes at most the policy's offline cap from the card (the server
// applies the same cap when the spend arrives). Store credit works the same way from the replica.
import { DomainError } from '../../../../shared/errors';
import {
  BalanceError,
  DEFAULT_OFFLINE_BALANCE_CAP,
  balanceWithPending,
  isSealedGiftCard,
  normalizeGiftCardNumber,
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
  /** True offline for a gift card: the server alone knows its balance; `available` is then the cap. */
  balanceUnknown?: boolean;
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
async function remainingCap(source: BalanceSource, inSale: readonly BalancePayment[]): Promise<number> {
  const cap = (await source.offlineCap()) ?? DEFAULT_OFFLINE_BALANCE_CAP;
  return Math.max(0, cap - inSale.reduce((sum, p) => sum + p.amount, 0));
}

async function capOf(source: BalanceSource, inSale: readonly BalancePayment[]): Promise<number | undefined> {
  return source.online() ? undefined : remainingCap(source, inSale);
}

export function createBalances(
  source: BalanceSource,
  today: () => string = () => new Date().toISOString().slice(0, 10),
): Balances {
  return {
    async giftCard(number, currency, inSale) {
      const last4 = normalizeGiftCardNumber(number).slice(-4);
      const label = `The gift card ending ${last4}`;
      const answer = source.online() ? await source.lookupGiftCard(number) : ({ kind: 'offline' } as const);
      if (answer.kind === 'offline') {
        // The policy caps how many gift cards one register takes offline per shift (this sale's
        // sealed tenders count too): guessing numbers offline stops there, and the server, which
        // declines numbers no card has, blocks a register that keeps trying.
        const tenders = await source.offlineGiftCardTenders();
        const sealedOnSale = inSale.filter(
          (t) => t.method === 'gift_card' && t.giftCard !== undefined && isSealedGiftCard(t.giftCard.token),
        ).length;
        if (tenders.taken + sealedOnSale >= tenders.allowed) {
          throw new DomainError(
            BalanceError.OFFLINE_TENDER_LIMIT,
            `This register has taken ${tenders.taken + sealedOnSale} gift cards while offline this shift, the most the store allows (${tenders.allowed}). Take another way to pay, or take the card once the register is back online.`,
          );
        }
        // Each seal is different, so this sale's offline tenders of the card are known by last four.
        const sealed = await source.sealGiftCard(number);
        const onSale = asPayments(inSale, currency).filter(
          (p) => p.method === 'gift_card' && p.giftCard?.last4 === last4 && isSealedGiftCard(p.giftCard.token),
        );
        // The balance is the server's to check: only the cap limits the spend here.
        return {
          label,
          available: Number.MAX_SAFE_INTEGER,
          currency,
          offlineCap: await remainingCap(source, onSale),
          balanceUnknown: true,
          giftCard: sealed,
        };
      }
      if (answer.kind === 'unknown') {
        throw new DomainError(
          BalanceError.UNKNOWN_CARD,
          `${label} is not known. Check the number printed on the card, or take another way to pay.`,
        );
      }
      const { card } = answer;
      const token = card.token;
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
