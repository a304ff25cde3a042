// Card payments for the register, as with a card-present terminal: the customer presents the card
// on the terminal and the clerk never sees or types its number. Online through the gateway, or
// store-and-forward when the register is offline, within the per-transaction and per-register
// caps. A keyed number is a manual-entry fallback only (a supervisor or above); it is handed to
// the gateway (or the offline tokeniser) and forgotten: only a token and the last four come back.
import type { PendingOfflinePayment } from '../../../shared/payments/offline';
import type { OfflineCardPolicy } from './sale-context';

export type CardOutcome =
  | {
      kind: 'approved';
      amount: number;
      token: string;
      last4: string;
      brand: string;
      authCode: string;
      reference: string;
      gateway: string;
    }
  | {
      kind: 'partial';
      amount: number;
      requested: number;
      token: string;
      last4: string;
      brand: string;
      authCode: string;
      reference: string;
      gateway: string;
    }
  | {
      kind: 'stored_offline';
      amount: number;
      token: string;
      last4: string;
      brand: string;
      capturedAt: string;
      expiresAt: string;
    }
  | { kind: 'declined'; message: string }
  | { kind: 'timeout'; message: string };

/**
 * What the terminal simulator's buttons make the presented card do (this build's terminal is the
 * built-in simulator of shared/payments).
 */
export const SimulatedCard = {
  APPROVE: 'approve',
  DECLINE: 'decline',
  TIMEOUT: 'timeout',
  PARTIAL: 'partial',
} as const;
export type SimulatedCard = (typeof SimulatedCard)[keyof typeof SimulatedCard];

export type CardEntry =
  | { mode: 'terminal'; simulate: SimulatedCard }
  /** Manual entry: number and expiry (MM/YY) as typed. */
  | { mode: 'keyed'; number: string; expiry: string };

export interface CardRequest {
  entry: CardEntry;
  amount: number;
  currency: string;
  /** Same key on a retry, so a timed-out authorisation is never charged twice. */
  idempotencyKey: string;
  online: boolean;
  offlinePolicy: OfflineCardPolicy;
  /** Offline authorisations already waiting on this register. */
  pendingOffline: PendingOfflinePayment[];
}

/** What the gateway says of a payment id whose charge was cut off (restart) or got no answer. */
export type CardStatus =
  | Extract<CardOutcome, { kind: 'approved' | 'partial' }>
  | { kind: 'not_charged'; message: string }
  | { kind: 'unknown'; message: string };

export interface CardTerminal {
  charge(request: CardRequest): Promise<CardOutcome>;
  /** Asks the gateway about a payment id (the idempotency key); an approval not yet captured is captured. */
  status(paymentId: string): Promise<CardStatus>;
}
