// Built-in gateway simulator so the whole system runs and is tested with no outside network.
// Behaviour is chosen by the test card's last four digits (see SIMULATOR_CARDS); every other
// Luhn-valid, unexpired card is approved. Deterministic given its id generator and clock.
// A real gateway keeps its records when a register restarts; with a `journal` the simulator does
// too (tokens hold brand and last four only, never a number), so `status` answers after a restart.
import { DomainError } from '../errors';
import { type Money, assertMoney, money } from '../money';
import { type CardInput, type CardToken, assertNotExpired, cardBrand, normalizePan } from './card';
import { PaymentError } from './errors';
import type {
  AuthorizeRequest,
  AuthorizeResult,
  CaptureRequest,
  CaptureResult,
  PaymentGateway,
  PaymentStatusResult,
  RefundRequest,
  RefundResult,
  VoidResult,
} from './gateway';

export const SIMULATOR_CARDS = {
  DECLINE: '0002', // e.g. 4000 0000 0000 0002
  TIMEOUT: '0119', // e.g. 4000 0000 0000 0119
  PARTIAL_HALF: '0051', // e.g. 4000 0000 0000 0051 approves half (rounded down)
  REFUND_DECLINE: '0077', // authorizes fine, refunds are declined
} as const;

/** Where the simulator keeps its records between runs (e.g. localStorage in the register). */
export interface SimulatorJournal {
  read(): string | null;
  write(json: string): void;
}

export interface SimulatorOptions {
  newId?: () => string;
  now?: () => string;
  journal?: SimulatorJournal;
}

interface JournalState {
  tokens: [string, CardToken][];
  auths: [string, Authorization][];
  byKey: [string, { request: string; result: AuthorizeResult | RefundResult }][];
}

interface Authorization {
  id: string;
  token: string;
  approved: Money;
  state: 'authorized' | 'captured' | 'voided';
  captureId?: string;
  captured?: Money;
  refunded: number;
}

export class SimulatedGateway implements PaymentGateway {
  readonly name = 'simulator';
  private readonly tokens = new Map<string, CardToken>();
  private readonly auths = new Map<string, Authorization>();
  private readonly byKey = new Map<string, { request: string; result: AuthorizeResult | RefundResult }>();
  private readonly newId: () => string;
  private readonly now: () => string;
  private readonly journal: SimulatorJournal | undefined;

  constructor(options: SimulatorOptions = {}) {
    this.newId = options.newId ?? (() => globalThis.crypto.randomUUID());
    this.now = options.now ?? (() => new Date().toISOString());
    this.journal = options.journal;
    this.load();
  }

  status(idempotencyKey: string): Promise<PaymentStatusResult> {
    return this.run((): PaymentStatusResult => {
      const seen = this.byKey.get(idempotencyKey)?.result;
      if (!seen || seen.status === 'timeout') return { status: 'not_found' };
      if (seen.status === 'declined') return { status: 'declined', message: seen.message };
      if (!('authorizationId' in seen)) return { status: 'not_found' }; // a refund's key, not a charge's
      const a = this.auth(seen.authorizationId);
      if (a.state === 'voided') return { status: 'not_found' };
      const card = this.card(a.token);
      return {
        status: seen.status,
        authorizationId: a.id,
        authCode: seen.authCode,
        requested: seen.requested,
        approved: seen.approved,
        ...(a.captureId ? { captureId: a.captureId } : {}),
        token: card.token,
        last4: card.last4,
        brand: card.brand,
      };
    });
  }

  tokenize(card: CardInput): Promise<CardToken> {
    return this.run(() => {
      const pan = normalizePan(card.pan);
      assertNotExpired(card.expMonth, card.expYear, this.now());
      const t: CardToken = {
        token: `tok_${this.newId()}`,
        brand: cardBrand(pan),
        last4: pan.slice(-4),
        expMonth: card.expMonth,
        expYear: card.expYear,
      };
      this.tokens.set(t.token, t);
      return { ...t };
    });
  }

  authorize(request: AuthorizeRequest): Promise<AuthorizeResult> {
    return this.run(() =>
      this.idempotent(request.idempotencyKey, JSON.stringify([request.token, request.amount]), (): AuthorizeResult => {
        positive(request.amount);
        const card = this.card(request.token);
        if (card.last4 === SIMULATOR_CARDS.DECLINE)
          return {
            status: 'declined',
            declineCode: 'insufficient_funds',
            message: 'Declined by the bank. Ask for another card or another way to pay.',
          };
        if (card.last4 === SIMULATOR_CARDS.TIMEOUT)
          return {
            status: 'timeout',
            message: 'The bank did not answer. Check the payment status before trying again.',
          };
        const approvedAmount =
          card.last4 === SIMULATOR_CARDS.PARTIAL_HALF ? Math.floor(request.amount.amount / 2) : request.amount.amount;
        const id = `auth_${this.newId()}`;
        const approved = money(approvedAmount, request.amount.currency);
        this.auths.set(id, { id, token: request.token, approved, state: 'authorized', refunded: 0 });
        return {
          status: approvedAmount < request.amount.amount ? 'partial' : 'approved',
          authorizationId: id,
          authCode: id.slice(-6).toUpperCase(),
          requested: request.amount,
          approved,
        };
      }),
    );
  }

  capture(request: CaptureRequest): Promise<CaptureResult> {
    return this.run(() => {
      const a = this.auth(request.authorizationId);
      // A repeat is harmless: it answers with the first capture (whatever amount it asks for).
      if (a.state === 'captured' && a.captureId && a.captured)
        return { captureId: a.captureId, captured: a.captured, released: released(a.approved, a.captured) };
      if (a.state !== 'authorized')
        throw new DomainError(
          PaymentError.INVALID_STATE,
          'This payment was voided and cannot be captured. Take the payment again.',
        );
      const amount = request.amount ?? a.approved;
      positive(amount);
      if (amount.currency !== a.approved.currency || amount.amount > a.approved.amount) {
        throw new DomainError(
          PaymentError.AMOUNT_TOO_LARGE,
          'Cannot capture more than was authorized. Take another payment for the difference.',
        );
      }
      a.state = 'captured';
      a.captureId = `cap_${this.newId()}`;
      a.captured = amount;
      return { captureId: a.captureId, captured: amount, released: released(a.approved, amount) };
    });
  }

  void(authorizationId: string): Promise<VoidResult> {
    return this.run(() => {
      const a = this.auth(authorizationId);
      if (a.state === 'captured')
        throw new DomainError(
          PaymentError.INVALID_STATE,
          'This payment is already captured; refund it instead of voiding.',
        );
      a.state = 'voided';
      return { authorizationId, voided: true };
    });
  }

  refund(request: RefundRequest): Promise<RefundResult> {
    return this.run(() =>
      this.idempotent(request.idempotencyKey, JSON.stringify([request.captureId, request.amount]), (): RefundResult => {
        positive(request.amount);
        const a = [...this.auths.values()].find((x) => x.captureId === request.captureId);
        if (!a || !a.captured)
          throw new DomainError(
            PaymentError.UNKNOWN_AUTHORIZATION,
            'No captured card payment matches this refund. Refund with another tender.',
          );
        if (request.amount.currency !== a.captured.currency || a.refunded + request.amount.amount > a.captured.amount) {
          throw new DomainError(
            PaymentError.AMOUNT_TOO_LARGE,
            'The refund is more than is left on this card payment. Refund the rest with another tender.',
          );
        }
        if (this.card(a.token).last4 === SIMULATOR_CARDS.REFUND_DECLINE)
          return {
            status: 'declined',
            declineCode: 'refund_not_allowed',
            message: 'The bank refused the refund. Refund as store credit or cash.',
          };
        a.refunded += request.amount.amount;
        return { status: 'approved', refundId: `ref_${this.newId()}`, refunded: request.amount };
      }),
    );
  }

  private card(token: string): CardToken {
    const c = this.tokens.get(token);
    if (!c)
      throw new DomainError(
        PaymentError.UNKNOWN_TOKEN,
        'The card token is unknown to the gateway. Present the card again.',
      );
    return c;
  }

  private auth(id: string): Authorization {
    const a = this.auths.get(id);
    if (!a) throw new DomainError(PaymentError.UNKNOWN_AUTHORIZATION, `Authorization ${id} is unknown to the gateway.`);
    return a;
  }

  private idempotent<T extends AuthorizeResult | RefundResult>(key: string, request: string, fn: () => T): T {
    const seen = this.byKey.get(key);
    if (seen) {
      if (seen.request !== request)
        throw new DomainError(
          PaymentError.IDEMPOTENCY_CONFLICT,
          'This payment id was already used for a different amount or card. This is a program error; report it.',
        );
      return seen.result as T;
    }
    const result = fn();
    // A timeout is not remembered: the retry with the same key gets a real answer.
    if (result.status !== 'timeout') this.byKey.set(key, { request, result });
    return result;
  }

  private load(): void {
    const text = this.journal?.read();
    if (!text) return;
    try {
      const state = JSON.parse(text) as JournalState;
      for (const [k, v] of state.tokens) this.tokens.set(k, v);
      for (const [k, v] of state.auths) this.auths.set(k, v);
      for (const [k, v] of state.byKey) this.byKey.set(k, v);
    } catch (error) {
      console.error('gateway simulator: its journal could not be read; starting empty', error);
    }
  }

  private save(): void {
    if (!this.journal) return;
    const state: JournalState = { tokens: [...this.tokens], auths: [...this.auths], byKey: [...this.byKey] };
    this.journal.write(JSON.stringify(state));
  }

  // Errors become rejected promises, never synchronous throws from an async-looking API.
  private run<T>(fn: () => T): Promise<T> {
    try {
      const result = fn();
      this.save();
      return Promise.resolve(result);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}

const released = (approved: Money, captured: Money): Money =>
  money(approved.amount - captured.amount, approved.currency);

function positive(m: Money): void {
  assertMoney(m);
  if (m.amount <= 0) throw new DomainError(PaymentError.INVALID_AMOUNT, 'A card payment must be for more than zero.');
}
