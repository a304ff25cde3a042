// The balance ledger: idempotent, order-independent, and the register's redemption rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError, type DomainError } from '../errors';
import { containsPan } from '../schemas/pan';
import { BalanceError } from './errors';
import {
  giftCardDocId,
  giftCardToken,
  importGiftCardKey,
  legacyGiftCardToken,
  normalizeGiftCardNumber,
} from './gift-card-number';
import {
  applyPayment,
  balanceWithPending,
  checkRedemption,
  contributionOf,
  ledgerBalance,
  type BalancePayment,
} from './ledger';

const STORE = '01937a00-0000-7000-8000-000000000001';
const card = { token: 'gc_abc', last4: '0001' };
const pay = (id: string, amount: number, over: Partial<BalancePayment> = {}): BalancePayment => ({
  id,
  orderId: id,
  storeId: STORE,
  kind: 'sale',
  method: 'gift_card',
  status: 'approved',
  amount,
  currency: 'USD',
  giftCard: card,
  ...over,
});
const fmt = (minor: number) => `$${(minor / 100).toFixed(2)}`;

function expectDomainError(fn: () => unknown, code: string): DomainError {
  try {
    fn();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    expect(error.code).toBe(code);
    return error;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

describe('balance ledger', () => {
  it('counts a spend as negative, a refund as positive, and nothing for voided or declined tenders', () => {
    expect(contributionOf(pay('a', 500))).toBe(-500);
    expect(contributionOf(pay('a', 500, { kind: 'refund' }))).toBe(500);
    expect(contributionOf(pay('a', 500, { status: 'voided' }))).toBe(0);
    expect(contributionOf(pay('a', 500, { status: 'declined' }))).toBe(0);
    expect(contributionOf(pay('a', 500, { method: 'cash', giftCard: undefined }))).toBe(0);
  });

  it("replaces a payment's earlier contribution instead of adding it again", () => {
    let entries = applyPayment([], pay('a', 500));
    entries = applyPayment(entries, pay('a', 500));
    expect(ledgerBalance(2_000, entries)).toBe(1_500);
    entries = applyPayment(entries, pay('a', 500, { status: 'voided' }));
    expect(entries).toEqual([]);
    expect(ledgerBalance(2_000, entries)).toBe(2_000);
  });

  it('gives the same balance for any order and any repetition of the same final payments (property)', () => {
    const payment = fc.record({
      id: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5'),
      amount: fc.integer({ min: 1, max: 100_000 }),
      kind: fc.constantFrom('sale' as const, 'refund' as const),
      status: fc.constantFrom('approved', 'pending_offline', 'voided'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(payment, { selector: (p) => p.id }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.tuple(fc.nat(), fc.nat())),
        (finals, opening, extra) => {
          const docs = finals.map((p) => pay(p.id, p.amount, { kind: p.kind, status: p.status }));
          // Every payment arrives once, some again (a retried push), in a random order.
          const arrivals = [
            ...docs.map((d, i) => ({ d, k: i * 7919 })),
            ...extra.flatMap(([i, k]) => (docs.length ? [{ d: docs[i % docs.length]!, k }] : [])),
          ];
          const ordered = arrivals.sort((a, b) => a.k - b.k).map((a) => a.d);
          const applied = ordered.reduce(
            (entries, doc) => applyPayment(entries, doc),
            [] as ReturnType<typeof applyPayment>,
          );
          const expected = opening + docs.reduce((sum, d) => sum + contributionOf(d), 0);
          expect(ledgerBalance(opening, applied)).toBe(expected);
          expect(new Set(applied.map((e) => e.paymentId)).size).toBe(applied.length);
        },
      ),
    );
  });

  it("subtracts only this register's payments the server has not counted yet", () => {
    const local = [pay('a', 300), pay('b', 200)];
    expect(balanceWithPending(1_000, new Set(['a']), local)).toBe(800);
    expect(balanceWithPending(1_000, new Set(), local)).toBe(500);
  });
});

describe('redemption check', () => {
  const base = { available: 1_000, amount: 600, due: 2_000, label: 'The gift card ending 0001', formatAmount: fmt };
  it('takes an amount the balance covers', () => {
    expect(checkRedemption(base)).toBe(600);
  });
  it('refuses more than the balance with what is left', () => {
    const error = expectDomainError(() => checkRedemption({ ...base, amount: 1_200 }), BalanceError.INSUFFICIENT);
    expect(error.message).toBe(
      'The gift card ending 0001 has $10.00 left. Take at most that and the rest another way.',
    );
  });
  it('refuses more than the offline cap while offline, and bad amounts', () => {
    expectDomainError(() => checkRedemption({ ...base, offlineCap: 500 }), BalanceError.OFFLINE_CAP);
    expectDomainError(() => checkRedemption({ ...base, amount: 0 }), BalanceError.BAD_AMOUNT);
    expectDomainError(() => checkRedemption({ ...base, amount: 2_500, available: 5_000 }), BalanceError.BAD_AMOUNT);
    expectDomainError(() => checkRedemption({ ...base, amount: 1.5 }), BalanceError.BAD_AMOUNT);
  });
});

describe('gift card numbers', () => {
  const key = () => importGiftCardKey(new Uint8Array(32).fill(7));
  it('turns a number into a stable keyed token and last four, never keeping the digits', async () => {
    const a = await giftCardToken(await key(), '6035 7100 0000 0001');
    const b = await giftCardToken(await key(), '6035710000000001');
    expect(a).toEqual(b);
    expect(a.last4).toBe('0001');
    expect(a.token).toMatch(/^gc_[a-p]{64}$/);
    expect(a.token).not.toContain('6035710000000001');
    expect(giftCardDocId(a.token)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('gives another token under another key, and neither is the unkeyed legacy token', async () => {
    const mine = await giftCardToken(await key(), '6035710000000001');
    const other = await giftCardToken(await importGiftCardKey(new Uint8Array(32).fill(8)), '6035710000000001');
    const legacy = await legacyGiftCardToken('6035710000000001');
    expect(new Set([mine.token, other.token, legacy.token]).size).toBe(3);
  });
  it('never makes a token the card-number detector would take for a PAN (property)', async () => {
    const k = await key();
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^\d{16}$/), async (number) => {
        const { token } = await giftCardToken(k, number);
        expect(containsPan(token)).toBe(false);
        expect(containsPan(giftCardDocId(token))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what is not a card number, and a short key, with a coded error', async () => {
    expectDomainError(() => normalizeGiftCardNumber('12ab'), BalanceError.BAD_CARD_NUMBER);
    expectDomainError(() => normalizeGiftCardNumber('123'), BalanceError.BAD_CARD_NUMBER);
    expectDomainError(() => giftCardDocId('tok_x'), BalanceError.BAD_CARD_NUMBER);
    await expect(importGiftCardKey(new Uint8Array(16))).rejects.toMatchObject({ code: BalanceError.BAD_KEY });
  });
});
