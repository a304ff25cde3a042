// Gift cards. No gift card gateway or balance ledger exists in this build yet (none of the twelve
// collections holds gift card balances), so redeeming says so plainly instead of pretending.
import { DomainError } from '../../../shared/errors';

export const GiftCardError = { NOT_AVAILABLE: 'GIFT_CARD_NOT_AVAILABLE' } as const;

export interface GiftCardRedemption {
  token: string;
  last4: string;
  amount: number;
}

export interface GiftCards {
  redeem(number: string, amount: number, due: number, currency: string): Promise<GiftCardRedemption>;
}

const unavailable: GiftCards = {
  redeem: () => Promise.reject(new DomainError(GiftCardError.NOT_AVAILABLE, 'Gift cards are not set up for this store yet. Take another way to pay.')),
};

export function useGiftCards(): GiftCards {
  return unavailable;
}
