// Customer summaries for the sell screen: asked of the sync server (GET /api/customers/:id/summary,
// the register's credential) and the last answer per customer kept in localStorage — not in a
// replicated collection: it is this register's own cache of figures, never written back — so the
// panel still shows something, with its age, when the register is offline. Figures only: the
// server's answer holds no contact data. At most MAX_ENTRIES customers are kept, the oldest dropped.
import { isDomainError } from '../../../shared/errors';
import type { RegisterCustomerSummary } from '../../../shared/hq/service';
import { SyncErrorCode } from '../../../shared/protocol/errors';
import type { CustomerSummaryPort, KeptSummary, SummaryAnswer } from '../sale/customer-summary/customer-summary-port';
import type { SyncHttp } from '../sync/sync-http';

const PREFIX = 'pos.customer-summary.';
const MAX_ENTRIES = 200;

type Kept = KeptSummary;

function isKept(value: unknown, customerId: string): value is Kept {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Kept>;
  return (
    typeof v.fetchedAt === 'string' &&
    typeof v.summary === 'object' &&
    v.summary !== null &&
    v.summary.customerId === customerId &&
    typeof v.summary.orders === 'number'
  );
}

export class CustomerSummaries implements CustomerSummaryPort {
  constructor(
    /** Undefined before the register is enrolled: every answer then comes from the cache. */
    private readonly http: () => SyncHttp | undefined,
    private readonly storage: Storage,
    private readonly now: () => Date = () => new Date(),
  ) {}

  cached(customerId: string): Kept | undefined {
    try {
      const raw = this.storage.getItem(PREFIX + customerId);
      const parsed: unknown = raw ? JSON.parse(raw) : undefined;
      return isKept(parsed, customerId) ? parsed : undefined;
    } catch {
      // A damaged entry is as good as none: the next answer from the server replaces it.
      return undefined;
    }
  }

  async load(customerId: string): Promise<SummaryAnswer> {
    const http = this.http();
    let notSynced = false;
    if (http) {
      try {
        const answer = await http.json<{ summary: RegisterCustomerSummary }>(
          'GET',
          `/api/customers/${encodeURIComponent(customerId)}/summary`,
        );
        this.keep(customerId, { summary: answer.summary, fetchedAt: this.now().toISOString() });
        return { kind: 'live', summary: answer.summary };
      } catch (error) {
        // Offline, timed out, rate-limited or refused: the kept answer (if any) is the best there is.
        notSynced = isDomainError(error, SyncErrorCode.NOT_FOUND);
      }
    }
    const kept = this.cached(customerId);
    if (kept) return { kind: 'cached', ...kept };
    return { kind: 'unavailable', reason: notSynced ? 'not_synced' : 'offline' };
  }

  private keep(customerId: string, value: Kept): void {
    try {
      this.storage.setItem(PREFIX + customerId, JSON.stringify(value));
    } catch {
      // Storage full: the cache only serves offline answers; the live one is still shown.
      return;
    }
    const keys: { key: string; at: string }[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      keys.push({ key, at: this.cached(key.slice(PREFIX.length))?.fetchedAt ?? '' });
    }
    if (keys.length <= MAX_ENTRIES) return;
    keys.sort((a, b) => a.at.localeCompare(b.at));
    for (const { key } of keys.slice(0, keys.length - MAX_ENTRIES)) this.storage.removeItem(key);
  }
}
