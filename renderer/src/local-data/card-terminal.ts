// The card terminal behind the card dialog: shared/payments' gateway (the built-in simulator in
// this build). Online: tokenize → authorize → capture. Offline: tokenize locally and store the
// payment for forwarding, inside the per-transaction and per-register caps. Training mode uses a
// separate simulator instance so practice never touches the real one's state. The simulator keeps
// its records in localStorage, as a real gateway keeps its own, so a status query after a restart
// finds a charge made before it.
import { DomainError, isDomainError } from '../../../shared/errors';
import { money } from '../../../shared/money';
import { SimulatedGateway, type SimulatorJournal } from '../../../shared/payments/simulator';
import type { PaymentGateway } from '../../../shared/payments/gateway';
import { PaymentError } from '../../../shared/payments/errors';
import { assertOfflineAccepted } from '../../../shared/payments/offline';
import type { CardEntry, CardOutcome, CardStatus, CardTerminal, SimulatedCard } from '../model/card-payments';
import { uuidv7 as newId } from '../../../shared/ids';

let live: PaymentGateway | undefined;
let training: PaymentGateway | undefined;

function journal(name: string): SimulatorJournal | undefined {
  if (typeof localStorage === 'undefined') return undefined;
  return { read: () => localStorage.getItem(name), write: (json) => localStorage.setItem(name, json) };
}

export function gatewayFor(isTraining: boolean): PaymentGateway {
  if (isTraining) return (training ??= new SimulatedGateway({ newId, journal: journal('pos.gateway-sim.training') }));
  return (live ??= new SimulatedGateway({ newId, journal: journal('pos.gateway-sim.live') }));
}

/** Card number and expiry as typed: "4242 4242 4242 4242", "12/29". */
export function parseExpiry(text: string): { expMonth: number; expYear: number } {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (!m) throw new DomainError(PaymentError.INVALID_EXPIRY, 'Enter the expiry as MM/YY, as printed on the card.');
  const year = Number(m[2]);
  return { expMonth: Number(m[1]), expYear: year < 100 ? 2000 + year : year };
}

/** The test card the simulator knows for each outcome (shared/payments/simulator.ts). */
const SIMULATOR_PANS: Record<SimulatedCard, string> = {
  approve: '4242424242424242',
  decline: '4000000000000002',
  timeout: '4000000000000119',
  partial: '4000000000000051',
};

function cardOf(entry: CardEntry): { pan: string; expMonth: number; expYear: number } {
  if (entry.mode === 'keyed') return { pan: entry.number, ...parseExpiry(entry.expiry) };
  return { pan: SIMULATOR_PANS[entry.simulate], expMonth: 12, expYear: new Date().getFullYear() + 3 };
}

export function makeCardTerminal(gateway: PaymentGateway): CardTerminal {
  return {
    async charge(request): Promise<CardOutcome> {
      if (!request.online)
        assertOfflineAccepted(request.offlinePolicy, request.pendingOffline, request.amount, new Date().toISOString());
      const card = await gateway.tokenize(cardOf(request.entry));
      if (!request.online) {
        const capturedAt = new Date();
        const expiresAt = new Date(capturedAt.getTime() + request.offlinePolicy.expiryHours * 3_600_000);
        return {
          kind: 'stored_offline',
          amount: request.amount,
          token: card.token,
          last4: card.last4,
          brand: card.brand,
          capturedAt: capturedAt.toISOString(),
          expiresAt: expiresAt.toISOString(),
        };
      }
      const auth = await gateway.authorize({
        idempotencyKey: request.idempotencyKey,
        token: card.token,
        amount: money(request.amount, request.currency),
      });
      if (auth.status === 'declined') return { kind: 'declined', message: auth.message };
      if (auth.status === 'timeout') return { kind: 'timeout', message: auth.message };
      const captured = await gateway.capture({ authorizationId: auth.authorizationId });
      const base = {
        token: card.token,
        last4: card.last4,
        brand: card.brand,
        authCode: auth.authCode,
        reference: captured.captureId,
        gateway: gateway.name,
      };
      return auth.status === 'partial'
        ? { kind: 'partial', amount: auth.approved.amount, requested: auth.requested.amount, ...base }
        : { kind: 'approved', amount: auth.approved.amount, ...base };
    },

    async status(paymentId): Promise<CardStatus> {
      try {
        const s = await gateway.status(paymentId);
        if (s.status === 'not_found')
          return { kind: 'not_charged', message: 'The card company has no charge under this payment.' };
        if (s.status === 'declined') return { kind: 'not_charged', message: `It was declined: ${s.message}` };
        const captureId = s.captureId ?? (await gateway.capture({ authorizationId: s.authorizationId })).captureId;
        const base = {
          token: s.token,
          last4: s.last4,
          brand: s.brand,
          authCode: s.authCode,
          reference: captureId,
          gateway: gateway.name,
        };
        return s.status === 'partial'
          ? { kind: 'partial', amount: s.approved.amount, requested: s.requested.amount, ...base }
          : { kind: 'approved', amount: s.approved.amount, ...base };
      } catch (error) {
        if (!isDomainError(error)) console.error('card status query failed', error);
        const why = isDomainError(error) ? ` (${error.message})` : '';
        return { kind: 'unknown', message: `The card company could not be asked${why}.` };
      }
    },
  };
}
