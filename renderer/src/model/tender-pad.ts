// The sale's payment pad lent to other features (the pickup counter collects a balance with it, the
// returns desk the difference of an exchange) without them importing sale/: the composition root
// puts the sale's card and balance dialogs in this context.
import { createContext, useContext, type ComponentType } from 'react';
import type { Tender } from './tender';

export interface CardPadProps {
  /** What is still to pay, in minor units. */
  due: number;
  currency: string;
  onTender: (tender: Tender) => void;
  onClose: () => void;
}

export interface BalancePadProps extends CardPadProps {
  kind: 'store_credit' | 'gift_card';
  /** Whose store credit pays (required for store credit). */
  customer: { id: string; name: string; storeCreditBalance: number } | undefined;
  /** Tenders already taken on this payment: the same balance is not spent twice. */
  tenders: readonly Tender[];
}

export interface TenderPad {
  /** The card payment dialog (terminal, offline store-and-forward within the caps). */
  Card: ComponentType<CardPadProps>;
  /** The gift card / store credit dialog (balance checked, offline cap per sale). */
  Balance?: ComponentType<BalancePadProps>;
}

export const TenderPadContext = createContext<TenderPad | undefined>(undefined);

export function useTenderPad(): TenderPad | undefined {
  return useContext(TenderPadContext);
}
