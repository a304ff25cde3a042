// Refund limits that hold on the server as well as at the till: a receipt-less return is refunded
// only as store credit, up to the store policy's cap, with a manager of the store approving it; and
// what one register refunds in cash or receipt-less while offline (when it cannot check with the
// server) is capped per offline spell. The register checks these before it writes a return; the
// sync server checks the same functions on push, so a register that skips them changes nothing.
import { Role } from '../pricing/approvals';
import { SyncErrorCode } from '../protocol/errors';
import type { ReturnPolicy } from '../returns/policy';

/** Roles whose approval a receipt-less return needs (their PINs have at least 6 digits). */
export const RECEIPTLESS_APPROVER_ROLES: readonly string[] = ['manager', 'admin'];
export const RECEIPTLESS_APPROVAL_ACTION = 'receiptless_return';

/** The limits of a store's policy (config `policy` payload, store override or 'default'). */
export interface RefundLimits {
  receiptlessCap: number;
  receiptlessNeedsApproval: boolean;
  /** Per register and offline spell: cash refunds plus receipt-less refunds. */
  offlineRefundCap: number;
}

interface PolicyLike {
  returns: { receiptlessCap: number; receiptlessNeedsApproval: boolean; offlineRefundCap?: number | undefined };
  offlineCard: { perRegisterCap: number };
}

/** Strict when no policy is published: no receipt-less refunds and nothing refunded in cash offline. */
export function refundLimitsOf(policy: PolicyLike | undefined): RefundLimits {
  return {
    receiptlessCap: policy?.returns.receiptlessCap ?? 0,
    receiptlessNeedsApproval: policy?.returns.receiptlessNeedsApproval ?? true,
    // Before the policy had its own refund cap, refunds shared the offline card exposure limit.
    offlineRefundCap: policy?.returns.offlineRefundCap ?? policy?.offlineCard.perRegisterCap ?? 0,
  };
}

/** What the rules read of a return document (shared/schemas/returns). */
export interface ReturnForLimits {
  storeId: string;
  receiptless: boolean;
  refundTotal: number;
  tenders: readonly { method: string; amount: number }[];
  approvals: readonly { action: string; approvedBy: string }[];
  offline?: { since: string } | undefined;
}

/** What the rules read of a staff document (shared/schemas/staff). */
export interface ApproverRecord {
  role: string;
  active: boolean;
  allStores: boolean;
  storeIds: readonly string[];
}

export interface RefundLimitIssue {
  code: string;
  field: string;
  message: string;
}

const amountText = (minor: number): string => (minor / 100).toFixed(2);

/** A staff member who may approve a receipt-less return at `storeId`. */
export function isReceiptlessApprover(staff: ApproverRecord | undefined, storeId: string): boolean {
  return (
    staff !== undefined &&
    staff.active &&
    RECEIPTLESS_APPROVER_ROLES.includes(staff.role) &&
    (staff.allStores || staff.storeIds.includes(storeId))
  );
}

/**
 * A receipt-less return: store credit only, at most the cap, and (when the policy says so) an
 * approval recorded on the return by an active manager or admin of the return's store.
 */
export function receiptlessIssue(
  ret: ReturnForLimits,
  limits: RefundLimits,
  approverOf: (staffId: string) => ApproverRecord | undefined,
): RefundLimitIssue | null {
  if (!ret.receiptless) return null;
  if (ret.tenders.some((t) => t.method !== 'store_credit')) {
    return {
      code: SyncErrorCode.RECEIPTLESS_OVER_CAP,
      field: 'tenders',
      message: 'A return without a receipt is refunded as store credit only; take it again with a store credit refund.',
    };
  }
  if (ret.refundTotal > limits.receiptlessCap) {
    return {
      code: SyncErrorCode.RECEIPTLESS_OVER_CAP,
      field: 'refundTotal',
      message: `Without a receipt at most ${amountText(limits.receiptlessCap)} can be refunded; this return is ${amountText(ret.refundTotal)}. Look the sale up by its receipt instead.`,
    };
  }
  if (!limits.receiptlessNeedsApproval) return null;
  const approved = ret.approvals.some(
    (a) => a.action === RECEIPTLESS_APPROVAL_ACTION && isReceiptlessApprover(approverOf(a.approvedBy), ret.storeId),
  );
  if (!approved) {
    return {
      code: SyncErrorCode.APPROVAL_MISSING,
      field: 'approvals',
      message:
        'A return without a receipt needs the approval of a manager of this store, recorded on the return. Ask a manager to approve it with their PIN.',
    };
  }
  return null;
}

/** What a return puts at risk while the register cannot check with the server: cash out, and receipt-less credit. */
export function offlineRefundAmount(ret: Pick<ReturnForLimits, 'receiptless' | 'refundTotal' | 'tenders'>): number {
  if (ret.receiptless) return ret.refundTotal;
  return ret.tenders.filter((t) => t.method === 'cash').reduce((sum, t) => sum + t.amount, 0);
}

/** `alreadyOut`: what this register already refunded (cash or receipt-less) in the same offline spell. */
export function offlineRefundIssue(alreadyOut: number, amount: number, limits: RefundLimits): RefundLimitIssue | null {
  if (amount === 0 || alreadyOut + amount <= limits.offlineRefundCap) return null;
  return {
    code: SyncErrorCode.OFFLINE_REFUND_CAP,
    field: 'offline',
    message: `Offline a register may refund at most ${amountText(limits.offlineRefundCap)} in cash or without a receipt; ${amountText(alreadyOut)} was already refunded and this return adds ${amountText(amount)}. Refund to the card or wait until the register is online.`,
  };
}

/**
 * Receipt-less approvals need a manager: the return policy for shared/returns planRefund that asks
 * for one (a manager or admin taking the return approves it themself).
 */
export function withReceiptlessApprovers(policy: ReturnPolicy): ReturnPolicy {
  return { ...policy, approverRole: Role.MANAGER, selfApprovingRoles: [Role.MANAGER, Role.ADMIN] };
}
