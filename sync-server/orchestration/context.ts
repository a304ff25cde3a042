// Everything orchestration needs, built once per server by createOrchestration.
import type { AfterWrite } from '../replication/push';
import type { PolicyMap } from '../replication/policy';
import type { Storage } from '../storage/storage';
import type { Catalog } from './catalog';
import type { WebPayments } from './web-payments';

export interface OrchestrationSettings {
  /** Largest per-unit difference between the shop's price and the price book (minor units). */
  priceToleranceMinor: number;
  /** Units per SKU a store keeps back from web orders when its configuration sets none. */
  safetyStock: number;
  /** A store none of whose registers was seen for this long is skipped by routing; 0 = never. */
  offlineMs: number;
  /** Re-routes before an order goes to the exceptions queue. */
  maxReroutes: number;
  /** A store that has not started picking within this time loses the order to another store. */
  acceptTimeoutMs: number;
  /** A pickup still waiting this long after "ready" gets a reminder e-mail (PICKUP_REMINDER_HOURS). */
  pickupReminderMs: number;
  /** A pickup not collected this long after "ready" is cancelled: stock released, card voided (PICKUP_EXPIRE_DAYS). */
  pickupExpireMs: number;
  /** SMTP server for customer e-mail (SMTP_URL); none = no e-mail. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** An unanswered dedupe claim older than this belongs to a request that died (a crash). */
  staleClaimMs: number;
}

export const DEFAULT_SETTINGS: OrchestrationSettings = {
  priceToleranceMinor: 1,
  safetyStock: 0,
  offlineMs: 60 * 60 * 1000,
  maxReroutes: 3,
  acceptTimeoutMs: 4 * 60 * 60 * 1000,
  pickupReminderMs: 48 * 60 * 60 * 1000,
  pickupExpireMs: 7 * 24 * 60 * 60 * 1000,
  smtpUrl: undefined,
  mailFrom: 'orders@store-pos.local',
  staleClaimMs: 60_000,
};

export interface Orchestration {
  storage: Storage;
  policies: PolicyMap;
  afterWrite: AfterWrite | undefined;
  catalog: Catalog;
  payments: WebPayments;
  settings: OrchestrationSettings;
  newId: () => string;
  now: () => string;
}
