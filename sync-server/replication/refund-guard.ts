// The returns guard: applies shared/payments/refund-limits to every return a register pushes.
// Receipt-less returns must stay within the store policy's cap, be refunded as store credit and
// carry a manager's approval (the approver's staff document is read here, not trusted from the
// register); returns taken offline count against the register's offline refund cap, summed per
// offline spell in a server-only document per device (read by id inside the push transaction).
import {
  offlineRefundAmount,
  offlineRefundIssue,
  receiptlessIssue,
  refundLimitsOf,
  RECEIPTLESS_APPROVAL_ACTION,
  type ApproverRecord,
  type RefundLimits,
  type ReturnForLimits,
} from '../../shared/payments/refund-limits';
import { policyLookupKey, type ConfigOf } from '../../shared/schemas/config';
import type { Principal } from '../auth/auth-service';
import { hqOnlyWrite } from '../returns/return-ledger';
import type { Storage } from '../storage/storage';
import type { GuardRun, PushGuard } from './policy';

/** Server-only: one document per device, { since, total } of its current offline spell. */
export const OFFLINE_REFUND_COLLECTION = 'offline_refund_totals';

interface OfflineSpell {
  id: string;
  deviceId: string;
  /** The register's `offline.since` of the spell being summed. */
  since: string;
  total: number;
  updatedAt: string;
}

const needsGuard = (doc: Record<string, unknown>): boolean => doc.receiptless === true || doc.offline !== undefined;

/** The store's policy: the one keyed by its store code, else the chain's 'default' (undefined: none). */
export async function storePolicy(
  storage: Storage,
  storeId: string,
): Promise<ConfigOf<'policy'>['payload'] | undefined> {
  const store = (await storage.getDocuments('config', [storeId])).get(storeId);
  const code = store && !store.deleted && typeof store.data.key === 'string' ? store.data.key : undefined;
  for (const key of code ? [code, 'default'] : ['default']) {
    const found = await storage.findByLookup('config', policyLookupKey(key), 10);
    const policy = found.find((d) => d.data.kind === 'policy' && d.data.active === true);
    if (policy) return policy.data.payload as ConfigOf<'policy'>['payload'];
  }
  return undefined;
}

async function limitsFor(storage: Storage, storeId: string): Promise<RefundLimits> {
  return refundLimitsOf(await storePolicy(storage, storeId));
}

async function approversFor(
  storage: Storage,
  docs: readonly Record<string, unknown>[],
): Promise<Map<string, ApproverRecord>> {
  const ids = new Set<string>();
  for (const doc of docs) {
    for (const a of (doc.approvals as ReturnForLimits['approvals'] | undefined) ?? []) {
      if (a.action === RECEIPTLESS_APPROVAL_ACTION) ids.add(a.approvedBy);
    }
  }
  const found = new Map<string, ApproverRecord>();
  if (ids.size === 0) return found;
  for (const [id, doc] of await storage.getDocuments('staff', [...ids])) {
    if (!doc.deleted) found.set(id, doc.data as unknown as ApproverRecord);
  }
  return found;
}

function run(principal: Principal, limits: RefundLimits, approvers: Map<string, ApproverRecord>): GuardRun {
  let spell: OfflineSpell | undefined;
  let changed = false;
  return {
    async begin(tx) {
      changed = false;
      const stored = (await tx.getDocuments(OFFLINE_REFUND_COLLECTION, [principal.deviceId])).get(principal.deviceId);
      spell = stored ? (stored.data as unknown as OfflineSpell) : undefined;
    },
    check(doc) {
      const ret = doc as unknown as ReturnForLimits;
      const issue = receiptlessIssue(ret, limits, (id) => approvers.get(id));
      if (issue || !ret.offline) return issue;
      const amount = offlineRefundAmount(ret);
      // A newer spell starts from zero; a return of the current or an earlier spell adds to the current one.
      const sameSpell = spell !== undefined && ret.offline.since <= spell.since;
      const alreadyOut = sameSpell ? spell!.total : 0;
      const over = offlineRefundIssue(alreadyOut, amount, limits);
      if (over) return over;
      if (amount > 0) {
        spell = {
          id: principal.deviceId,
          deviceId: principal.deviceId,
          since: sameSpell ? spell!.since : ret.offline.since,
          total: alreadyOut + amount,
          updatedAt: new Date().toISOString(),
        };
        changed = true;
      }
      return null;
    },
    writes() {
      return changed && spell ? [hqOnlyWrite(OFFLINE_REFUND_COLLECTION, spell)] : [];
    },
  };
}

export const refundGuard: PushGuard = {
  async prepare(storage, principal, docs) {
    if (principal.kind !== 'device') return null;
    const guarded = docs.filter(needsGuard);
    if (guarded.length === 0) return null;
    const [limits, approvers] = await Promise.all([
      limitsFor(storage, principal.storeId),
      approversFor(storage, guarded),
    ]);
    const checks = run(principal, limits, approvers);
    return {
      begin: (tx) => checks.begin(tx),
      check: (doc) => (needsGuard(doc) ? checks.check(doc) : null),
      writes: () => checks.writes(),
    };
  },
};
