import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDomainError } from '../errors';
import { money } from '../money';
import {
  type OfflinePolicy,
  PaymentError,
  SimulatedGateway,
  assertOfflineAccepted,
  luhnValid,
  offlineAllowance,
  quickCash,
  tenderState,
} from './index';
import { codeOf } from '../../test/support/error-code';

async function codeOfAsync(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  return undefined;
}

function gateway(): SimulatedGateway {
  let n = 0;
  return new SimulatedGateway({ newId: () => `id${++n}`, now: () => '2026-11-27T10:00:00.000Z' });
}
const card = (pan: string) => ({ pan, expMonth: 12, expYear: 2028 });
const usd = (n: number) => money(n, 'USD');

describe('card numbers', () => {
  it('checks Luhn and never returns the number from tokenization', async () => {
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    const g = gateway();
    const t = await g.tokenize(card('4242 4242 4242 4242'));
    expect(t).toEqual({ token: 'tok_id1', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2028 });
    expect(JSON.stringify(t)).not.toContain('424242424242');
    expect(await codeOfAsync(g.tokenize(card('4242424242424241')))).toBe(PaymentError.INVALID_CARD_NUMBER);
    expect(await codeOfAsync(g.tokenize({ pan: '5555555555554444', expMonth: 10, expYear: 2026 }))).toBe(
      PaymentError.CARD_EXPIRED,
    );
    expect(await codeOfAsync(g.tokenize({ pan: '5555555555554444', expMonth: 13, expYear: 2027 }))).toBe(
      PaymentError.INVALID_EXPIRY,
    );
  });

  it('an invalid-number error message never contains the number', async () => {
    const err = await gateway()
      .tokenize(card('4242424242424241'))
      .catch((e: unknown) => e);
    expect(String((err as Error).message)).not.toMatch(/\d{6,}/);
  });
});

describe('simulated gateway', () => {
  it('captures part of an authorisation and releases the rest; only the captured part can be refunded', async () => {
    const g = gateway();
    const { token } = await g.tokenize(card('4242424242424242'));
    const auth = await g.authorize({ idempotencyKey: 'pay-part', token, amount: usd(5000) });
    if (auth.status !== 'approved') throw new Error(auth.status);
    const cap = await g.capture({ authorizationId: auth.authorizationId, amount: usd(1800) });
    expect(cap).toMatchObject({ captured: usd(1800), released: usd(3200) });
    // A repeat answers with the first capture; it never takes the released part.
    expect(await g.capture({ authorizationId: auth.authorizationId })).toEqual(cap);
    expect(await codeOfAsync(g.refund({ idempotencyKey: 'rp', captureId: cap.captureId, amount: usd(1801) }))).toBe(
      PaymentError.AMOUNT_TOO_LARGE,
    );
  });

  it('approves, captures, refunds once per idempotency key', async () => {
    const g = gateway();
    const { token } = await g.tokenize(card('4242424242424242'));
    const auth = await g.authorize({ idempotencyKey: 'pay-1', token, amount: usd(2599) });
    expect(auth.status).toBe('approved');
    if (auth.status !== 'approved') return;
    expect(await g.authorize({ idempotencyKey: 'pay-1', token, amount: usd(2599) })).toEqual(auth);
    expect(await codeOfAsync(g.authorize({ idempotencyKey: 'pay-1', token, amount: usd(1) }))).toBe(
      PaymentError.IDEMPOTENCY_CONFLICT,
    );
    expect(await codeOfAsync(g.capture({ authorizationId: auth.authorizationId, amount: usd(2600) }))).toBe(
      PaymentError.AMOUNT_TOO_LARGE,
    );
    const cap = await g.capture({ authorizationId: auth.authorizationId });
    expect(cap).toMatchObject({ captured: usd(2599), released: usd(0) });
    expect(await codeOfAsync(g.void(auth.authorizationId))).toBe(PaymentError.INVALID_STATE);
    expect(await g.refund({ idempotencyKey: 'r1', captureId: cap.captureId, amount: usd(1000) })).toMatchObject({
      status: 'approved',
      refunded: usd(1000),
    });
    expect(await codeOfAsync(g.refund({ idempotencyKey: 'r2', captureId: cap.captureId, amount: usd(1600) }))).toBe(
      PaymentError.AMOUNT_TOO_LARGE,
    );
  });

  it('declines, times out and partially approves by test card number', async () => {
    const g = gateway();
    const tok = async (pan: string) => (await g.tokenize(card(pan))).token;
    expect(
      await g.authorize({ idempotencyKey: 'a', token: await tok('4000000000000002'), amount: usd(1000) }),
    ).toMatchObject({ status: 'declined' });
    expect(
      await g.authorize({ idempotencyKey: 'b', token: await tok('4000000000000119'), amount: usd(1000) }),
    ).toMatchObject({ status: 'timeout' });
    expect(
      await g.authorize({ idempotencyKey: 'c', token: await tok('4000000000000051'), amount: usd(1001) }),
    ).toMatchObject({ status: 'partial', approved: usd(500) });
    expect(await codeOfAsync(g.authorize({ idempotencyKey: 'd', token: 'tok_nope', amount: usd(1) }))).toBe(
      PaymentError.UNKNOWN_TOKEN,
    );
    expect(
      await codeOfAsync(g.authorize({ idempotencyKey: 'e', token: await tok('4242424242424242'), amount: usd(0) })),
    ).toBe(PaymentError.INVALID_AMOUNT);
  });

  it('voids an authorization that was not captured', async () => {
    const g = gateway();
    const { token } = await g.tokenize(card('4242424242424242'));
    const auth = await g.authorize({ idempotencyKey: 'v', token, amount: usd(500) });
    if (auth.status !== 'approved') throw new Error('expected approval');
    expect(await g.void(auth.authorizationId)).toEqual({ authorizationId: auth.authorizationId, voided: true });
    expect(await codeOfAsync(g.capture({ authorizationId: auth.authorizationId }))).toBe(PaymentError.INVALID_STATE);
  });
});

describe('split tender', () => {
  it('cash + card with change on the cash', () => {
    // $87.43 due: card $50.00, then customer hands $40 cash → $2.57 change
    const s = tenderState(8743, [
      { method: 'card', amount: 5000 },
      { method: 'cash', amount: 4000 },
    ]);
    expect(s).toEqual({
      due: 8743,
      applied: 8743,
      remaining: 0,
      change: 257,
      complete: true,
      appliedByTender: [5000, 3743],
    });
    expect(tenderState(8743, [{ method: 'cash', amount: 2000 }])).toMatchObject({
      remaining: 6743,
      change: 0,
      complete: false,
    });
  });

  it('only cash gives change; nothing may follow a completed payment', () => {
    expect(codeOf(() => tenderState(1000, [{ method: 'card', amount: 1001 }]))).toBe(PaymentError.OVERPAID);
    expect(
      codeOf(() =>
        tenderState(1000, [
          { method: 'cash', amount: 2000 },
          { method: 'card', amount: 1 },
        ]),
      ),
    ).toBe(PaymentError.TENDER_AFTER_CHANGE);
    expect(codeOf(() => tenderState(1000, [{ method: 'cash', amount: -5 }]))).toBe(PaymentError.INVALID_AMOUNT);
    expect(codeOf(() => tenderState(Number.NaN, []))).toBe(PaymentError.INVALID_AMOUNT);
  });

  it('property: applied + remaining = due and change only from the last cash tender', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(fc.integer({ min: 1, max: 30_000 }), { maxLength: 6 }),
        (due, cash) => {
          let remaining = due;
          const tenders = [];
          for (const c of cash) {
            if (remaining === 0) break;
            tenders.push({ method: 'cash' as const, amount: c });
            remaining = Math.max(0, remaining - c);
          }
          const s = tenderState(due, tenders);
          expect(s.applied + s.remaining).toBe(due);
          expect(s.appliedByTender.reduce((a, b) => a + b, 0)).toBe(s.applied);
          expect(s.change).toBe(tenders.reduce((a, t) => a + t.amount, 0) - s.applied);
        },
      ),
    );
  });

  it('suggests the next notes above the amount due', () => {
    expect(quickCash(1237, 'USD')).toEqual([1237, 1300, 1500, 2000, 5000]);
    expect(quickCash(2000, 'USD')).toEqual([2000, 5000, 10000]);
    expect(quickCash(1237, 'EUR', 4)).toEqual([1237, 1300, 1500, 2000]);
    expect(quickCash(0, 'USD')).toEqual([]);
    expect(quickCash(1230, 'JPY', 4)).toEqual([1230, 1240, 1250, 1300]);
    expect(quickCash(12_340, 'KWD', 3)).toEqual([12_340, 13_000, 15_000]);
  });
});

describe('offline store-and-forward', () => {
  const policy: OfflinePolicy = { enabled: true, perTransactionCap: 10_000, perRegisterCap: 25_000, expiryHours: 24 };
  const now = '2026-11-27T12:00:00.000Z';

  it('gives the amount that may be taken now and the countdown of each pending payment', () => {
    const pending = [
      { paymentId: 'p1', amount: 8000, takenAt: '2026-11-27T09:00:00.000Z' },
      { paymentId: 'p2', amount: 9000, takenAt: '2026-11-26T13:00:00.000Z' },
    ];
    const a = offlineAllowance(policy, pending, now);
    expect(a.maxAmount).toBe(8000); // 25,000 − 17,000
    expect(a.countdowns.map((c) => [c.paymentId, c.msLeft / 3_600_000])).toEqual([
      ['p2', 1],
      ['p1', 21],
    ]);
    expect(offlineAllowance(policy, [], now).maxAmount).toBe(10_000);
    expect(() => assertOfflineAccepted(policy, pending, 8000, now)).not.toThrow();
    expect(codeOf(() => assertOfflineAccepted(policy, pending, 8001, now))).toBe(PaymentError.OFFLINE_NOT_ALLOWED);
  });

  it('blocks new offline payments while one has expired, or when disabled', () => {
    const expired = [{ paymentId: 'old', amount: 100, takenAt: '2026-11-25T12:00:00.000Z' }];
    expect(offlineAllowance(policy, expired, now)).toMatchObject({
      maxAmount: 0,
      reason: 'expired-pending',
      expiredCount: 1,
    });
    expect(offlineAllowance({ ...policy, enabled: false }, [], now)).toMatchObject({
      maxAmount: 0,
      reason: 'disabled',
    });
    expect(codeOf(() => offlineAllowance({ ...policy, perRegisterCap: -1 }, [], now))).toBe(
      PaymentError.INVALID_POLICY,
    );
  });
});
