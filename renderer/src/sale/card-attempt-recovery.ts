// A card charge that was in flight when the register stopped (or got no answer): the attempt was
// written to disk before the terminal was asked, so here the gateway is asked what became of that
// payment id. Approved: the tender is recorded (nothing is charged again). No charge under that id:
// the attempt is cleared and the clerk may take the payment again. No answer: the attempt stays, and
// the next "Charge" carries the same payment id, which the gateway answers without charging twice.
import type { CardTerminal } from '../model/card-payments';
import type { Tender } from '../model/tender';
import { approvedCardTender } from './pay/card-attempt';
import { useTenders } from './tender-store';

export type CardAttemptResolution =
  | { kind: 'approved'; amount: number; currency: string; last4: string; partial: boolean }
  | { kind: 'not_charged'; amount: number; currency: string; message: string }
  | { kind: 'unknown'; amount: number; currency: string; message: string };

/**
 * Asks the gateway about the sale's open card attempt and settles it. An approval becomes a tender
 * through `record` (by default straight into the tender store; the pay screen passes its own, which
 * also finishes a sale paid in full); its id is the payment id, so recording it clears the attempt.
 */
export async function resolveCardAttempt(
  saleId: string,
  terminalFor: (training: boolean) => CardTerminal,
  record: (tender: Tender) => void = (tender) => useTenders.getState().add(saleId, tender),
  now: () => string = () => new Date().toISOString(),
): Promise<CardAttemptResolution | undefined> {
  const attempt = useTenders.getState().attemptFor(saleId);
  if (!attempt) return undefined;
  const { amount, currency } = attempt;
  const status = await terminalFor(attempt.training)
    .status(attempt.paymentId)
    .catch((error: unknown) => ({ kind: 'unknown' as const, message: String(error) }));
  // The sale may have moved on while the gateway was asked (the attempt is then not ours to settle).
  if (useTenders.getState().attemptFor(saleId)?.paymentId !== attempt.paymentId) return undefined;
  if (status.kind === 'approved' || status.kind === 'partial') {
    record(approvedCardTender(attempt.paymentId, status, attempt.entryMode, now()));
    return {
      kind: 'approved',
      amount: status.amount,
      currency,
      last4: status.last4,
      partial: status.kind === 'partial',
    };
  }
  if (status.kind === 'not_charged') {
    useTenders.getState().clearAttempt(attempt.paymentId);
    return { kind: 'not_charged', amount, currency, message: status.message };
  }
  return { kind: 'unknown', amount, currency, message: status.message };
}

/** The sentence the clerk reads about the resolution. */
export function describeCardResolution(
  r: CardAttemptResolution,
  fmt: (amount: number, currency: string) => string,
): string {
  const asked = fmt(r.amount, r.currency);
  if (r.kind === 'approved')
    return r.partial
      ? `The card payment in progress when the register stopped was partly approved: ${fmt(r.amount, r.currency)} on the card ending ${r.last4} is recorded. Take the rest another way.`
      : `The card payment of ${asked} in progress when the register stopped was approved (card ending ${r.last4}) and is recorded. Do not charge it again.`;
  if (r.kind === 'not_charged')
    return `The card payment of ${asked} in progress when the register stopped was not charged. ${r.message} Take the payment again.`;
  return `The card payment of ${asked} in progress when the register stopped is unconfirmed: ${r.message} Open Card and press “Check payment status” before taking any other payment.`;
}
