import { describe, expect, it } from 'vitest';
import { fixtures } from '../../test/support/fixtures/documents';
import { registerPaymentChange } from './payment-rules';
import type { Payment } from './payments';

const T = '2026-11-27T09:00:00.000Z';
const LATER = '2026-11-27T10:00:00.000Z';

/** An offline card payment as the register stores it: no gateway approval yet, so no auth code. */
function pending(): Payment {
  const { card, ...rest } = fixtures.payments as Payment;
  const { authCode: _none, ...cardWithoutCode } = card!;
  return {
    ...rest,
    status: 'pending_offline',
    card: cardWithoutCode,
    offline: { capturedAt: T, expiresAt: '2026-11-30T09:00:00.000Z' },
  };
}

function forwarded(previous: Payment): Payment {
  return {
    ...previous,
    status: 'approved',
    updatedAt: LATER,
    offline: { ...previous.offline!, forwardedAt: LATER },
    card: { ...previous.card!, authCode: 'QX81ZA' },
    gateway: { name: 'simulator', reference: 'cap_1' },
  };
}

describe('registerPaymentChange: forwarding an offline card payment', () => {
  it('accepts the approval with the auth code the gateway gave (refused before: "card" could not change)', () => {
    expect(registerPaymentChange(pending(), forwarded(pending()))).toBeNull();
  });

  it('accepts a decline, which carries no auth code', () => {
    const p = pending();
    const declined: Payment = { ...p, status: 'declined', declineReason: 'Declined', updatedAt: LATER };
    expect(registerPaymentChange(p, declined)).toBeNull();
  });

  it('refuses an auth code on a decline, another card, or a replaced auth code', () => {
    const p = pending();
    const declinedWithCode: Payment = { ...forwarded(p), status: 'declined' };
    expect(registerPaymentChange(p, declinedWithCode)?.field).toBe('card.authCode');
    const otherCard: Payment = { ...forwarded(p), card: { ...forwarded(p).card!, last4: '1881' } };
    expect(registerPaymentChange(p, otherCard)?.field).toBe('card.last4');
    const withCode: Payment = { ...p, card: { ...p.card!, authCode: 'OFF123' } };
    expect(registerPaymentChange(withCode, forwarded(withCode))?.field).toBe('card.authCode');
    const { card: _dropped, ...noCard } = forwarded(p);
    expect(registerPaymentChange(p, noCard as Payment)?.field).toBe('card');
  });

  it('still refuses other fields and moves from approved', () => {
    const p = pending();
    expect(registerPaymentChange(p, { ...forwarded(p), amount: p.amount + 1 })?.field).toBe('amount');
    const approved = forwarded(p);
    expect(registerPaymentChange(approved, { ...approved, status: 'declined' })?.code).toBe('SYNC_CHANGE_FORBIDDEN');
  });
});
