// Which payment id the next card attempt in the same dialog carries. An answer (approved, partly
// approved, declined, stored offline) ends that payment: the next card is a new payment, so it gets
// a new id (reusing a declined id for another card is refused by the gateway as a program error).
// No answer (timeout) leaves the payment open: the retry carries the same id, so the gateway
// answers with the first attempt's result if it went through instead of charging twice.
// The tender of an approved card payment carries the payment id as its id, so recording it settles
// the attempt kept on disk (tender-store.ts) in the same write.
import type { CardOutcome } from '../../model/card-payments';
import type { Tender } from '../../model/tender';

export function nextPaymentKey(current: string, outcome: CardOutcome, newId: () => string): string {
  return outcome.kind === 'timeout' ? current : newId();
}

/** The tender an approved (or partly approved) card payment becomes. */
export function approvedCardTender(
  paymentId: string,
  result: Extract<CardOutcome, { kind: 'approved' | 'partial' }>,
  entryMode: 'chip' | 'keyed',
  at: string,
): Tender {
  return {
    id: paymentId,
    method: 'card',
    amount: result.amount,
    status: 'approved',
    at,
    card: { token: result.token, last4: result.last4, brand: result.brand, authCode: result.authCode, entryMode },
    gateway: { name: result.gateway, reference: result.reference },
  };
}
