// One payment taken for the open sale, as the register holds it until the sale is written. Card
// data is the gateway token and last four digits only, never the number.
export const TenderMethod = { CASH: 'cash', CARD: 'card', STORE_CREDIT: 'store_credit', GIFT_CARD: 'gift_card' } as const;
export type TenderMethod = (typeof TenderMethod)[keyof typeof TenderMethod];

export interface Tender {
  id: string;
  method: TenderMethod;
  /** Amount applied to the sale (minor units). */
  amount: number;
  status: 'approved' | 'pending_offline';
  cash?: { tendered: number; change: number };
  card?: { token: string; last4: string; brand: string; authCode?: string; entryMode: 'chip' | 'contactless' | 'swipe' | 'keyed' };
  giftCard?: { token: string; last4: string };
  storeCreditCustomerId?: string;
  offline?: { capturedAt: string; expiresAt: string };
  gateway?: { name: string; reference: string };
  at: string;
}

export function paidSoFar(tenders: readonly Tender[]): number {
  return tenders.reduce((n, t) => n + t.amount, 0);
}
