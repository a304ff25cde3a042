// The port every payment gateway adapter implements. Results that the clerk must act on
// (declined, partial approval, timeout) are values; misuse (unknown authorization, capturing more
// than was authorized) is a coded DomainError.
import type { Money } from '../money';
import type { CardInput, CardToken } from './card';

export const PaymentStatus = {
  APPROVED: 'approved',
  PARTIAL: 'partial', // approved for less than asked: collect the rest with another tender
  DECLINED: 'declined',
  TIMEOUT: 'timeout', // outcome unknown: void by idempotency key before retrying
} as const;
export type PaymentStatus = (typeof PaymentStatus)[keyof typeof PaymentStatus];

export interface AuthorizeRequest {
  idempotencyKey: string; // the payment document id: a retry never charges twice
  token: string;
  amount: Money;
}

export type AuthorizeResult =
  | { status: 'approved' | 'partial'; authorizationId: string; authCode: string; requested: Money; approved: Money }
  | { status: 'declined'; declineCode: string; message: string }
  | { status: 'timeout'; message: string };

export interface CaptureRequest {
  authorizationId: string;
  /**
   * At most the approved amount; defaults to all of it. An authorisation is captured once: what
   * it held beyond the amount is released to the card (a partial pickup charges what was taken).
   */
  amount?: Money;
}

export interface CaptureResult {
  captureId: string;
  captured: Money;
  /** The part of the authorisation given back to the card by this capture (zero for a full one). */
  released: Money;
}

export interface VoidResult {
  authorizationId: string;
  voided: true;
}

export interface RefundRequest {
  idempotencyKey: string;
  captureId: string; // refunds go back to the card that paid
  amount: Money;
}

export type RefundResult =
  | { status: 'approved'; refundId: string; refunded: Money }
  | { status: 'declined'; declineCode: string; message: string }
  | { status: 'timeout'; message: string };

/**
 * What the gateway knows of a payment id (the idempotency key) — asked when a register restarts
 * while a charge was in flight, so it never charges again blindly. `not_found`: no charge was
 * made under that id (or it timed out before the bank answered), so the id may be charged anew.
 */
export type PaymentStatusResult =
  | {
      status: 'approved' | 'partial';
      authorizationId: string;
      authCode: string;
      requested: Money;
      approved: Money;
      /** Set once captured; a charge cut off between authorize and capture has none. */
      captureId?: string;
      token: string;
      last4: string;
      brand: string;
    }
  | { status: 'declined'; message: string }
  | { status: 'not_found' };

export interface PaymentGateway {
  readonly name: string;
  /** The only call that sees a card number; it returns a token and never keeps the number. */
  tokenize(card: CardInput): Promise<CardToken>;
  authorize(request: AuthorizeRequest): Promise<AuthorizeResult>;
  capture(request: CaptureRequest): Promise<CaptureResult>;
  void(authorizationId: string): Promise<VoidResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /** The result of the authorization made under this idempotency key, if any. */
  status(idempotencyKey: string): Promise<PaymentStatusResult>;
}
