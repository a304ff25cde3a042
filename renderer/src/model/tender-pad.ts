// The sale's payment pad lent to other features (the pickup counter collects a balance with it)
// without them importing sale/: the composition root puts the sale's card dialog in this context.
import { createContext, useContext, type ComponentType } from 'react';
import type { Tender } from './tender';

export interface CardPadProps {
  /** What is still to pay, in minor units. */
  due: number;
  currency: string;
  onTender: (tender: Tender) => void;
  onClose: () => void;
}

export interface TenderPad {
  /** The card payment dialog (terminal, offline store-and-forward within the caps). */
  Card: ComponentType<CardPadProps>;
}

export const TenderPadContext = createContext<TenderPad | undefined>(undefined);

export function useTenderPad(): TenderPad | undefined {
  return useContext(TenderPadContext);
}
