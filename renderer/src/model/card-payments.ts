// Card payments for the register: online through the gateway, or store-and-forward when the
// register is offline, within the per-transaction and per-register caps. The card number is
// handed to the gateway (or the offline tokeniser) and forgotten: only a token and the last four
// digits come back.
import type { PendingOfflinePayment } from '../../../shared/payments/offline';
import type { OfflineCardPolicy } from './sale-context';

export type CardOutcome =
  | { kind: 'approved'; amount: number; token: string; last4: string; brand: string; authCode: string; reference: string; gateway: string }
  | { kind: 'partial'; amount: number; requested: number; token: string; last4: string; brand: string; authCode: string; reference: string; gateway: string }
  | { kind: 'stored_offline'; amount: number; token: string; last4: string; brand: string; capturedAt: string; expiresAt: string }
  | { kind: 'declined'; message: string }
  | { kind: 'timeout'; message: string };

export interface CardRequest {
  /** The card as keyed: number and expiry (MM/YY) as typed. */
  card: { number: string; expiry: string };
  amount: number;
  currency: string;
  /** Same key on a retry, so a timed-out authorisation is never charged twice. */
  idempotencyKey: string;
  online: boolean;
  offlinePolicy: OfflineCardPolicy;
  /** Offline authorisations already waiting on this register. */
  pendingOffline: PendingOfflinePayment[];
}

export interface CardTerminal {
  charge(request: CardRequest): Promise<CardOutcome>;
}
