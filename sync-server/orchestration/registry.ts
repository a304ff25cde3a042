// One orchestration per server (per storage): the app's routes, the push hook and the job worker
// share it, so a card authorised at intake is captured by the same gateway at pickup.
import { createUuidV7Generator } from '../../shared/ids/uuidv7';
import type { AfterWrite } from '../replication/push';
import type { PolicyMap } from '../replication/policy';
import type { Storage } from '../storage/storage';
import { Catalog } from './catalog';
import { DEFAULT_SETTINGS, type Orchestration, type OrchestrationSettings } from './context';
import { WebPayments } from './web-payments';

const instances = new WeakMap<Storage, Orchestration>();

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): OrchestrationSettings {
  return {
    priceToleranceMinor: intFrom(env, 'ORDER_PRICE_TOLERANCE_MINOR', DEFAULT_SETTINGS.priceToleranceMinor),
    safetyStock: intFrom(env, 'ROUTING_SAFETY_STOCK', DEFAULT_SETTINGS.safetyStock),
    offlineMs: intFrom(env, 'ROUTING_OFFLINE_MINUTES', DEFAULT_SETTINGS.offlineMs / 60_000) * 60_000,
    maxReroutes: intFrom(env, 'ROUTING_MAX_REROUTES', DEFAULT_SETTINGS.maxReroutes),
    acceptTimeoutMs: intFrom(env, 'ROUTING_ACCEPT_TIMEOUT_MINUTES', DEFAULT_SETTINGS.acceptTimeoutMs / 60_000) * 60_000,
    pickupReminderMs: intFrom(env, 'PICKUP_REMINDER_HOURS', DEFAULT_SETTINGS.pickupReminderMs / 3_600_000) * 3_600_000,
    pickupExpireMs: intFrom(env, 'PICKUP_EXPIRE_DAYS', DEFAULT_SETTINGS.pickupExpireMs / 86_400_000) * 86_400_000,
    smtpUrl: env.SMTP_URL?.trim() || undefined,
    mailFrom: env.MAIL_FROM?.trim() || DEFAULT_SETTINGS.mailFrom,
    staleClaimMs: intFrom(env, 'ORDER_CLAIM_STALE_SECONDS', DEFAULT_SETTINGS.staleClaimMs / 1000) * 1000,
  };
}

export function orchestrationFor(
  storage: Storage,
  policies: PolicyMap,
  afterWrite: AfterWrite | undefined,
): Orchestration {
  let o = instances.get(storage);
  if (!o) {
    o = {
      storage,
      policies,
      afterWrite,
      catalog: new Catalog(storage),
      payments: new WebPayments(),
      settings: settingsFromEnv(),
      newId: createUuidV7Generator(),
      now: () => new Date().toISOString(),
    };
    instances.set(storage, o);
  }
  return o;
}

/** The running orchestration of a server, if its routes are registered (tests tune settings here). */
export function existingOrchestration(storage: Storage): Orchestration | undefined {
  return instances.get(storage);
}
