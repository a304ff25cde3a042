// The returns guard: applies shared/payments/refund-limits to every return a register pushes.
// Receipt-less returns must stay within the store policy's cap, be refunded as store credit and
// carry a manager's approval (the approver's staff document is read here, not trusted from the
// register); returns taken offline count against the register's offline refund cap, summed per
// offline spell in a server-only document per device (read by id inside the push transaction).
// A return without the `offline` marker that refunds cash or receipt-less needs a refund
// authorisation the server issued online (returns/refund-authorizations.ts) for this device, this
// return and this amount; it is redeemed once. Without a valid one the return counts against the
// offline cap exactly like an offline return of the register's current spell, so a register that
// drops the marker gains nothing.
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
import {
  authorizationWrite,
  redeemable,
  REFUND_AUTHORIZATION_COLLECTION,
  type RefundAuthorization,
} from '../returns/refund-authorizations';
import type { DocumentWrite, Storage } from '../storage/storage';
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

/** Receipt-less, marked offline, or refunding cash (online: it needs an authorisation). */
const needsGuard = (doc: Record<string, unknown>): boolean =>
  doc.receiptless === true ||
  doc.offline !== undefined ||
  (Array.isArray(doc.tenders) && doc.tenders.some((t: { method?: unknown }) => t?.method === 'cash'));

const authorizationIdOf = (doc: Record<string, unknown>): string | undefined => {
  const id = (doc.refundAuthorization as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
};

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

function run(
  principal: Principal,
  limits: RefundLimits,
  approvers: Map<string, ApproverRecord>,
  authorizationIds: readonly string[],
): GuardRun {
  let spell: OfflineSpell | undefined;
  let changed = false;
  let authorizations = new Map<string, RefundAuthorization>();
  let redeemed: RefundAuthorization[] = [];
  let at = '';
  return {
    async begin(tx) {
      changed = false;
      redeemed = [];
      at = new Date().toISOString();
      const stored = (await tx.getDocuments(OFFLINE_REFUND_COLLECTION, [principal.deviceId])).get(principal.deviceId);
      spell = stored ? (stored.data as unknown as OfflineSpell) : undefined;
      authorizations = new Map();
      if (authorizationIds.length > 0) {
        for (const [id, doc] of await tx.getDocuments(REFUND_AUTHORIZATION_COLLECTION, authorizationIds)) {
          if (!doc.deleted) authorizations.set(id, doc.data as unknown as RefundAuthorization);
        }
      }
    },
    check(doc) {
      const ret = doc as unknown as ReturnForLimits & { id: string };
      const issue = receiptlessIssue(ret, limits, (id) => approvers.get(id));
      if (issue) return issue;
      const amount = offlineRefundAmount(ret);
      if (amount === 0) return null;
      if (!ret.offline) {
        // Online: a valid authorisation is redeemed (once); anything else is capped like offline.
        const authId = authorizationIdOf(doc);
        const auth = authId === undefined ? undefined : authorizations.get(authId);
        if (redeemable(auth, principal.deviceId, ret.id, amount, at)) {
          const used = { ...auth, usedAt: at };
          authorizations.set(auth.id, used);
          redeemed.push(used);
          return null;
        }
      }
      // A newer spell starts from zero; a return of the current or an earlier spell adds to the
      // current one, and so does an online refund without a valid authorisation.
      const since = ret.offline?.since;
      const sameSpell = spell !== undefined && (since === undefined || since <= spell.since);
      const alreadyOut = sameSpell ? spell!.total : 0;
      const over = offlineRefundIssue(alreadyOut, amount, limits);
      if (over) return over;
      spell = {
        id: principal.deviceId,
        deviceId: principal.deviceId,
        since: sameSpell ? spell!.since : (since ?? at),
        total: alreadyOut + amount,
        updatedAt: at,
      };
      changed = true;
      return null;
    },
    writes() {
      const writes: DocumentWrite[] = redeemed.map(authorizationWrite);
      if (changed && spell) writes.push(hqOnlyWrite(OFFLINE_REFUND_COLLECTION, spell));
      return writes;
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
    const authorizationIds = [
      ...new Set(guarded.filter((d) => d.offline === undefined).flatMap((d) => authorizationIdOf(d) ?? [])),
    ];
    const checks = run(principal, limits, approvers, authorizationIds);
    return {
      begin: (tx) => checks.begin(tx),
      check: (doc) => (needsGuard(doc) ? checks.check(doc) : null),
      writes: () => checks.writes(),
    };
  },
};
