// Where a refund goes and who must approve it, from the store's return policy. Defaults follow
// what chains do: back to the original tender (card to the same token, cash to cash), receipt-less
// returns capped and paid as store credit with a manager's approval, big cash refunds approved.
import { DomainError } from '../errors';
import { formatMoney, money } from '../money';
import { ApprovalKind, type RequiredApproval, type Role } from '../pricing';
import { ReturnError } from './errors';
import { customerLimitExceeded, type CustomerReturnLimit, type CustomerReturnRecord } from './customer-limit';

export type TenderMethod = 'card' | 'cash' | 'store_credit' | 'gift_card';

export interface ReturnPolicy {
  returnWindowDays: number;
  /** After the window: refuse, or accept as store credit with an approval. */
  afterWindow: 'refuse' | 'store_credit_with_approval';
  receiptlessCap: number; // minor units per return
  receiptlessNeedsApproval: boolean;
  cashRefundApprovalOver: number; // cash refunds above this need approval
  approverRole: Role;
  selfApprovingRoles: readonly Role[];
  /** Returns per customer per period before a manager must approve (absent: no limit). */
  customerLimit?: CustomerReturnLimit;
}

export interface OriginalTender {
  paymentId: string;
  method: TenderMethod;
  amount: number; // applied to the sale (cash: net of change)
  refunded: number; // already refunded to it by earlier returns
  token?: string; // card token, never a card number
  last4?: string;
}

export interface RefundAllocation {
  method: TenderMethod;
  amount: number;
  paymentId?: string; // the original payment it goes back to
  token?: string;
  last4?: string;
}

export interface RefundPlanInput {
  currency: string;
  refundTotal: number;
  withReceipt: boolean;
  saleAt?: string; // ISO; required with a receipt
  now: string; // ISO
  originalTenders: readonly OriginalTender[];
  policy: ReturnPolicy;
  actorRole: Role;
  /**
   * The customer's earlier returns (for the policy's customer limit); absent when the return has
   * no customer. The register passes what it can see: its store's returns and its own unsynced.
   */
  customerReturns?: readonly CustomerReturnRecord[];
}

export interface RefundPlan {
  allocations: RefundAllocation[];
  approvals: RequiredApproval[];
}

const DAY_MS = 86_400_000;

export function daysBetween(fromIso: string, toIso: string): number {
  const a = Date.parse(fromIso);
  const b = Date.parse(toIso);
  if (Number.isNaN(a) || Number.isNaN(b)) {
    throw new DomainError(
      ReturnError.INVALID_DATE,
      `"${Number.isNaN(a) ? fromIso : toIso}" is not a date. This is a program error; report it.`,
    );
  }
  return Math.floor((b - a) / DAY_MS);
}

// Cards and gift cards first: money goes back where it came from without cash leaving the drawer.
const ORDER: Record<TenderMethod, number> = { card: 0, gift_card: 1, store_credit: 2, cash: 3 };

export function planRefund(input: RefundPlanInput): RefundPlan {
  const { policy, refundTotal } = input;
  if (!Number.isSafeInteger(refundTotal) || refundTotal < 0) {
    throw new DomainError(
      ReturnError.INVALID_QUANTITY,
      `A refund of ${String(refundTotal)} is not valid. This is a program error; report it.`,
    );
  }
  if (
    !Number.isInteger(policy.returnWindowDays) ||
    policy.returnWindowDays < 0 ||
    !Number.isSafeInteger(policy.receiptlessCap) ||
    policy.receiptlessCap < 0
  ) {
    throw new DomainError(
      ReturnError.INVALID_POLICY,
      'The return policy has an invalid window or cap. Ask an administrator to fix it.',
    );
  }
  for (const t of input.originalTenders) {
    if (![t.amount, t.refunded].every((v) => Number.isSafeInteger(v) && v >= 0)) {
      throw new DomainError(
        ReturnError.INVALID_QUANTITY,
        `Payment ${t.paymentId} has an invalid amount; the refund cannot be planned. Report it to a manager.`,
        { paymentId: t.paymentId },
      );
    }
  }
  const approvals: RequiredApproval[] = [];
  const fmt = (amount: number): string => formatMoney(money(amount, input.currency));
  const selfApproved = policy.selfApprovingRoles.includes(input.actorRole);
  const need = (kind: RequiredApproval['kind'], reason: string): void => {
    if (!selfApproved) approvals.push({ kind, subject: 'return', minimumRole: policy.approverRole, reason });
  };

  if (policy.customerLimit && input.customerReturns) {
    const over = customerLimitExceeded(
      policy.customerLimit,
      input.customerReturns,
      refundTotal,
      input.now,
      input.currency,
    );
    if (over) need(ApprovalKind.RETURN_LIMIT, over);
  }

  if (!input.withReceipt) {
    if (refundTotal > policy.receiptlessCap) {
      throw new DomainError(
        ReturnError.RECEIPTLESS_OVER_CAP,
        `Without a receipt at most ${fmt(policy.receiptlessCap)} can be refunded; this return is ${fmt(refundTotal)}. Ask for the receipt or look the sale up.`,
        {
          cap: policy.receiptlessCap,
          refundTotal,
        },
      );
    }
    if (policy.receiptlessNeedsApproval)
      need(ApprovalKind.RECEIPTLESS_RETURN, 'Return without a receipt, refunded as store credit.');
    return { allocations: refundTotal > 0 ? [{ method: 'store_credit', amount: refundTotal }] : [], approvals };
  }

  if (input.saleAt === undefined)
    throw new DomainError(
      ReturnError.INVALID_DATE,
      'A return with a receipt needs the sale date. This is a program error; report it.',
    );
  if (daysBetween(input.saleAt, input.now) > policy.returnWindowDays) {
    if (policy.afterWindow === 'refuse') {
      throw new DomainError(
        ReturnError.OUTSIDE_WINDOW,
        `This sale is older than the ${policy.returnWindowDays}-day return window; it cannot be returned.`,
        {
          windowDays: policy.returnWindowDays,
        },
      );
    }
    need(
      ApprovalKind.RETURN_OUTSIDE_WINDOW,
      `Return after the ${policy.returnWindowDays}-day window, refunded as store credit.`,
    );
    return { allocations: refundTotal > 0 ? [{ method: 'store_credit', amount: refundTotal }] : [], approvals };
  }

  const allocations: RefundAllocation[] = [];
  let left = refundTotal;
  const tenders = input.originalTenders
    .map((t, i) => ({ t, i }))
    .sort((a, b) => ORDER[a.t.method] - ORDER[b.t.method] || a.i - b.i);
  for (const { t } of tenders) {
    if (left === 0) break;
    const room = Math.max(0, t.amount - t.refunded);
    const amount = Math.min(room, left);
    if (amount === 0) continue;
    // Store credit and gift cards are refunded as store credit; cards to the same token.
    const method: TenderMethod = t.method === 'gift_card' ? 'store_credit' : t.method;
    const a: RefundAllocation = { method, amount, paymentId: t.paymentId };
    if (t.token !== undefined) a.token = t.token;
    if (t.last4 !== undefined) a.last4 = t.last4;
    allocations.push(a);
    left -= amount;
  }
  if (left > 0) allocations.push({ method: 'store_credit', amount: left }); // tenders already refunded elsewhere
  const cash = allocations.filter((a) => a.method === 'cash').reduce((s, a) => s + a.amount, 0);
  if (cash > policy.cashRefundApprovalOver)
    need(
      ApprovalKind.CASH_REFUND,
      `Cash refund of ${fmt(cash)} is over the limit of ${fmt(policy.cashRefundApprovalOver)}.`,
    );
  return { allocations, approvals };
}
