// What the register's customer summary panel needs, as its own port (not part of Backend): the
// implementation over the sync server and a local cache is renderer/src/local-data/customer-summaries.ts.
import type { RegisterCustomerSummary } from '../../../../shared/hq/service';

export interface KeptSummary {
  summary: RegisterCustomerSummary;
  fetchedAt: string;
}

export type SummaryAnswer =
  /** Just answered by the server. */
  | { kind: 'live'; summary: RegisterCustomerSummary }
  /** The server could not be asked: the last answer this register kept, fetched at `fetchedAt`. */
  | ({ kind: 'cached' } & KeptSummary)
  /** Never fetched and the server cannot be asked now (offline), or does not know the customer yet. */
  | { kind: 'unavailable'; reason: 'offline' | 'not_synced' };

export interface CustomerSummaryPort {
  /** The last kept answer, at once (no network). */
  cached(customerId: string): KeptSummary | undefined;
  /** Asks the server (keeping the answer), else falls back to the kept one. */
  load(customerId: string): Promise<SummaryAnswer>;
}

/** A backend that can hand out customer summaries (RxBackend can). */
interface WithSummaries {
  customerSummaries(): CustomerSummaryPort | undefined;
}

export function customerSummaryPortOf(backend: object): CustomerSummaryPort | undefined {
  const candidate = backend as Partial<WithSummaries>;
  return typeof candidate.customerSummaries === 'function' ? candidate.customerSummaries() : undefined;
}
