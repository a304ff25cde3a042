// Card payments of remote orders through the gateway port (shared/payments). A web shop's
// checkout hands us a token; with the built-in simulator the test tokens below stand for the
// simulator's test cards (see shared/payments/README.md), so a whole order runs with no network.
import { isDomainError } from '../../shared/errors';
import { money } from '../../shared/money';
import { SimulatedGateway, type PaymentGateway } from '../../shared/payments';

/** tok_test_<last four> → the simulator's test card with those last four digits. */
export const TEST_TOKENS: Readonly<Record<string, string>> = {
  tok_test_4242: '4242424242424242',
  tok_test_0002: '4000000000000002',
  tok_test_0119: '4000000000000119',
  tok_test_0051: '4000000000000051',
};

export type AuthorizeOutcome =
  | { ok: true; authorizationId: string; authCode: string; last4: string; brand: string; amount: number }
  | { ok: false; declineCode: string; message: string };

export type CaptureOutcome =
  { ok: true; captured: number; released: number } | { ok: false; code: string; message: string };

export class WebPayments {
  private readonly tokens = new Map<string, { token: string; last4: string; brand: string }>();

  constructor(readonly gateway: PaymentGateway = new SimulatedGateway()) {}

  private async gatewayToken(token: string): Promise<{ token: string; last4: string; brand: string } | undefined> {
    const cached = this.tokens.get(token);
    if (cached) return cached;
    const pan = TEST_TOKENS[token];
    if (!pan) return undefined;
    const year = new Date().getUTCFullYear() + 3;
    const card = await this.gateway.tokenize({ pan, expMonth: 12, expYear: year });
    const entry = { token: card.token, last4: card.last4, brand: card.brand };
    this.tokens.set(token, entry);
    return entry;
  }

  /**
   * Authorises the order total; idempotent by key (the payment document id). A partial approval
   * is kept only when the customer pays the rest at the counter (`keepPartial`, pay at pickup);
   * otherwise the hold is given back and the order refused.
   */
  async authorize(
    token: string,
    amount: number,
    currency: string,
    idempotencyKey: string,
    { keepPartial = false }: { keepPartial?: boolean } = {},
  ): Promise<AuthorizeOutcome> {
    const card = await this.gatewayToken(token);
    if (!card)
      return {
        ok: false,
        declineCode: 'unknown_token',
        message: `The payment token ${token} is unknown to the gateway; take the payment again at checkout.`,
      };
    try {
      const result = await this.gateway.authorize({
        idempotencyKey,
        token: card.token,
        amount: money(amount, currency),
      });
      if (result.status === 'approved' || (result.status === 'partial' && keepPartial))
        return {
          ok: true,
          authorizationId: result.authorizationId,
          authCode: result.authCode,
          last4: card.last4,
          brand: card.brand,
          amount: result.approved.amount,
        };
      if (result.status === 'partial') {
        // Paid in full at checkout or not at all: give the partial hold back.
        await this.gateway.void(result.authorizationId).catch(() => undefined);
        return {
          ok: false,
          declineCode: 'partial_approval',
          message: `The bank approved only part of the amount (${result.approved.amount} of ${amount}); ask the customer for another card.`,
        };
      }
      if (result.status === 'declined') return { ok: false, declineCode: result.declineCode, message: result.message };
      return {
        ok: false,
        declineCode: 'timeout',
        message: 'message' in result ? result.message : 'The bank did not answer.',
      };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return { ok: false, declineCode: error.code, message: error.message };
    }
  }

  /**
   * Captures at pickup or shipment: `amount` (all of the authorisation when omitted); the gateway
   * releases the rest to the card. A refusal (authorisation unknown, voided, amount too large)
   * comes back as its code and message.
   */
  async capture(authorizationId: string, amount?: { amount: number; currency: string }): Promise<CaptureOutcome> {
    try {
      const result = await this.gateway.capture({
        authorizationId,
        ...(amount ? { amount: money(amount.amount, amount.currency) } : {}),
      });
      return { ok: true, captured: result.captured.amount, released: result.released.amount };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return { ok: false, code: error.code, message: error.message };
    }
  }

  /** Voids on cancel; false when the gateway no longer knows the authorisation. */
  async void(authorizationId: string): Promise<boolean> {
    try {
      await this.gateway.void(authorizationId);
      return true;
    } catch (error) {
      if (isDomainError(error)) return false;
      throw error;
    }
  }
}
