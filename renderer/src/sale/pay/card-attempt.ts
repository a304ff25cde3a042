// Which payment id the next card attempt in the same dialog carries. An answer (approved, partly
// approved, declined, stored offline) ends that payment: the next card is a new payment, so it gets
// a new id (reusing a declined id for another card is refused by the gateway as a program error).
// No answer (timeout) leaves the payment open: the retry carries the same id, so the gateway
// answers with the first attempt's result if it went through instead of charging twice.
import type { CardOutcome } from '../../model/card-payments';

export function nextPaymentKey(current: string, outcome: CardOutcome, newId: () => string): string {
  return outcome.kind === 'timeout' ? current : newId();
}
