// The card terminal over shared/payments' simulator: each outcome a clerk must see (approved,
// declined, timeout, partial), and offline store-and-forward inside the caps.
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../shared/errors';
import { SimulatedGateway } from '../../../shared/payments/simulator';
import { makeCardTerminal, parseExpiry } from './card-terminal';
import type { CardRequest } from '../model/card-payments';

const policy = { enabled: true, perTransactionCap: 15000, perRegisterCap: 20000, expiryHours: 72 };
const request = (cardNumber: string, extra: Partial<CardRequest> = {}): CardRequest => ({
  entry: { mode: 'keyed', number: cardNumber, expiry: '12/99' },
  amount: 5000,
  currency: 'USD',
  idempotencyKey: crypto.randomUUID(),
  online: true,
  offlinePolicy: policy,
  pendingOffline: [],
  ...extra,
});
const terminal = () => makeCardTerminal(new SimulatedGateway());

describe('card terminal', () => {
  it('approves, and keeps only a token and the last four digits', async () => {
    const outcome = await terminal().charge(request('4242 4242 4242 4242'));
    expect(outcome).toMatchObject({
      kind: 'approved',
      amount: 5000,
      last4: '4242',
      brand: 'visa',
      gateway: 'simulator',
    });
    expect(JSON.stringify(outcome)).not.toContain('4242424242424242');
  });

  it('reports a decline, a timeout and a partial approval as outcomes', async () => {
    const t = terminal();
    expect(await t.charge(request('4000000000000002'))).toMatchObject({ kind: 'declined' });
    expect(await t.charge(request('4000000000000119'))).toMatchObject({ kind: 'timeout' });
    expect(await t.charge(request('4000000000000051'))).toMatchObject({
      kind: 'partial',
      amount: 2500,
      requested: 5000,
    });
  });

  it('refuses a mistyped card number with a coded error that does not echo it', async () => {
    const error = await terminal()
      .charge(request('4242424242424241'))
      .catch((e: unknown) => e);
    expect(isDomainError(error, 'PAYMENT_INVALID_CARD_NUMBER')).toBe(true);
    expect((error as Error).message).not.toContain('4242424242424241');
  });

  it('stores an offline payment with its expiry, and refuses one over the caps', async () => {
    const before = Date.now();
    const stored = await terminal().charge(request('4242424242424242', { online: false }));
    expect(stored.kind).toBe('stored_offline');
    if (stored.kind !== 'stored_offline') return;
    expect(Date.parse(stored.expiresAt) - Date.parse(stored.capturedAt)).toBe(72 * 3_600_000);
    expect(Date.parse(stored.capturedAt)).toBeGreaterThanOrEqual(before - 1000);
    const overTransaction = await terminal()
      .charge(request('4242424242424242', { online: false, amount: 15001 }))
      .catch((e: unknown) => e);
    expect(isDomainError(overTransaction, 'PAYMENT_OFFLINE_NOT_ALLOWED')).toBe(true);
    const pending = [{ paymentId: 'p1', amount: 18000, takenAt: new Date().toISOString() }];
    const overRegister = await terminal()
      .charge(request('4242424242424242', { online: false, amount: 5000, pendingOffline: pending }))
      .catch((e: unknown) => e);
    expect(isDomainError(overRegister, 'PAYMENT_OFFLINE_NOT_ALLOWED')).toBe(true);
  });

  it('answers each terminal simulator button without a typed card number', async () => {
    const t = terminal();
    const present = (simulate: 'approve' | 'decline' | 'timeout' | 'partial') =>
      t.charge({ ...request(''), entry: { mode: 'terminal', simulate } });
    expect(await present('approve')).toMatchObject({ kind: 'approved', amount: 5000 });
    expect(await present('decline')).toMatchObject({ kind: 'declined' });
    expect(await present('timeout')).toMatchObject({ kind: 'timeout' });
    expect(await present('partial')).toMatchObject({ kind: 'partial', amount: 2500 });
  });

  it('lets a declined card be followed by another on a new payment id, and a timed-out one be retried on the same', async () => {
    const t = terminal();
    const first = request('4000000000000002');
    expect(await t.charge(first)).toMatchObject({ kind: 'declined' });
    // The same id with another card is a different payment: the gateway refuses it as a program error.
    await expect(t.charge({ ...first, entry: { mode: 'terminal', simulate: 'approve' } })).rejects.toMatchObject({
      code: 'PAYMENT_IDEMPOTENCY_CONFLICT',
    });
    expect(
      await t.charge({
        ...first,
        idempotencyKey: crypto.randomUUID(),
        entry: { mode: 'terminal', simulate: 'approve' },
      }),
    ).toMatchObject({ kind: 'approved' });
    const slow = { ...request(''), entry: { mode: 'terminal' as const, simulate: 'timeout' as const } };
    expect(await t.charge(slow)).toMatchObject({ kind: 'timeout' });
    expect(await t.charge({ ...slow, entry: { mode: 'terminal', simulate: 'approve' } })).toMatchObject({
      kind: 'approved',
    });
  });

  it('reads the expiry as typed on the card', () => {
    expect(parseExpiry('07/29')).toEqual({ expMonth: 7, expYear: 2029 });
    expect(parseExpiry(' 12 / 2031 ')).toEqual({ expMonth: 12, expYear: 2031 });
    expect(() => parseExpiry('1229')).toThrow(/MM\/YY/);
  });
});
