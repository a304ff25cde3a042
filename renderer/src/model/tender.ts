// One payment taken for the open sale, as the register holds it until the sale is written. Card
// data is the gateway token and last four digits only, never the number. The shape is the one the
// sale documents are built from (shared/orders/sale-documents.ts), narrowed to the register's methods.
import type { SaleTender } from '../../../shared/orders/sale-documents';

export const TenderMethod = {
  CASH: 'cash',
  CARD: 'card',
  STORE_CREDIT: 'store_credit',
  GIFT_CARD: 'gift_card',
} as const;
export type TenderMethod = (typeof TenderMethod)[keyof typeof TenderMethod];

export interface Tender extends SaleTender {
  method: TenderMethod;
}

export function paidSoFar(tenders: readonly Tender[]): number {
  return tenders.reduce((sum, t) => sum + t.amount, 0);
}
