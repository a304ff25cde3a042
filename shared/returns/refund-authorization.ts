// Online refund authorisation: before a register online pays a refund in cash or without a receipt
// (what offlineRefundAmount in shared/payments/refund-limits counts), it asks the sync server to
// authorise exactly that amount for this return. The server checks the return against its order
// (or the receipt-less cap) and answers a single-use authorisation id, which the return carries as
// `refundAuthorization`. On push the server accepts such a refund outside the offline refund cap
// only with a valid authorisation for the same device, return and amount; a return with neither an
// authorisation nor the `offline` marker counts against the cap like an offline one.

export const REFUND_AUTHORIZATION_PATH = '/api/returns/refund-authorizations';

/** How long an unused authorisation holds part of its order's refundable total (and may be redeemed). */
export const REFUND_AUTHORIZATION_TTL_MS = 24 * 60 * 60 * 1000;

export interface RefundAuthorizationRequest {
  /** The id the return document will have. */
  returnId: string;
  /** The original order; '' for a receipt-less return. */
  originalOrderId: string;
  receiptless: boolean;
  /** The amount at risk: cash refunded, or the whole refund of a receipt-less return. */
  amount: number;
}

export interface RefundAuthorizationAnswer {
  authorizationId: string;
  amount: number;
  expiresAt: string;
}
