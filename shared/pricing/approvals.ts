// Manager approval as data: given a policy and what the clerk is about to do, list the approvals
// that must be collected (manager PIN) before the action may complete. The register asks, the
// approval is recorded as an order event, and the server can re-check the same function.
import { DomainError } from '../errors';
import { type Ratio, compareRatios, formatMoney, money, percent, ratio } from '../money';
import type { CartTotals } from './cart';
import { PricingError } from './errors';

import { StaffRole as Role, hasRoleAtLeast } from '../staff/roles';

/** Approvals speak of staff roles (shared/staff/roles.ts). */
export { Role, hasRoleAtLeast as roleAtLeast };

export const ApprovalKind = {
  LINE_DISCOUNT: 'line_discount',
  ORDER_DISCOUNT: 'order_discount',
  PRICE_OVERRIDE: 'price_override',
  VOID_LINE: 'void_line',
  VOID_SALE: 'void_sale',
  RECEIPTLESS_RETURN: 'receiptless_return',
  RETURN_OUTSIDE_WINDOW: 'return_outside_window',
  CASH_REFUND: 'cash_refund',
  PAID_OUT: 'paid_out',
  NO_SALE: 'no_sale',
  OFFLINE_CARD: 'offline_card',
  TAX_EXEMPT: 'tax_exempt',
  RETURN_LIMIT: 'return_limit',
} as const;
export type ApprovalKind = (typeof ApprovalKind)[keyof typeof ApprovalKind];

/**
 * The `action` recorded in an order's approval reference (shared/schemas approvalRef). A late
 * return has no action of its own there yet; it is recorded as a receipt-less return.
 */
export const APPROVAL_ACTION = {
  line_discount: 'discount',
  order_discount: 'discount',
  price_override: 'price_override',
  void_line: 'void',
  void_sale: 'void',
  receiptless_return: 'receiptless_return',
  return_outside_window: 'receiptless_return',
  cash_refund: 'cash_refund',
  paid_out: 'paid_out',
  no_sale: 'no_sale',
  offline_card: 'offline_card',
  tax_exempt: 'tax_exempt',
  return_limit: 'return_limit',
} as const satisfies Record<ApprovalKind, string>;

export interface RequiredApproval {
  kind: ApprovalKind;
  subject: string; // line key, order id, return line… what the approval is for
  minimumRole: Role;
  reason: string; // a sentence shown to the manager
}

export interface GrantedApproval {
  kind: ApprovalKind;
  subject: string;
  approverId: string;
  approverRole: Role;
}

export interface DiscountPolicy {
  /** A discount on one line above this percent of the line's price needs approval. */
  maxLineDiscountPercent: string;
  maxLineDiscountAmount?: number; // minor units
  maxOrderDiscountPercent: string;
  maxOrderDiscountAmount?: number;
  /** Any price override needs approval unless it is an increase and this is true. */
  allowPriceIncreaseWithoutApproval: boolean;
  voidLineNeedsApproval: boolean;
  voidSaleNeedsApproval: boolean;
  approverRole: Role;
  /** Roles that can approve their own actions (a manager ringing a sale does not ask themselves). */
  selfApprovingRoles: readonly Role[];
}

function exceeds(part: number, whole: number, limit: Ratio): boolean {
  if (whole <= 0) return part > 0;
  return compareRatios(ratio(BigInt(part), BigInt(whole)), limit) > 0;
}

function limitOf(text: string): Ratio {
  try {
    return percent(text);
  } catch {
    throw new DomainError(
      PricingError.INVALID_POLICY,
      `The approval limit "${text}" is not a percentage. Fix the store policy.`,
    );
  }
}

/** Approvals a priced cart needs before it can be paid for. */
export function approvalsForCart(cart: CartTotals, policy: DiscountPolicy, actorRole: Role): RequiredApproval[] {
  if (policy.selfApprovingRoles.includes(actorRole)) return [];
  const out: RequiredApproval[] = [];
  const fmt = (amount: number): string => formatMoney(money(amount, cart.currency));
  const lineLimit = limitOf(policy.maxLineDiscountPercent);
  for (const l of cart.lines) {
    if (
      l.unitPrice !== l.listUnitPrice &&
      !(l.unitPrice > l.listUnitPrice && policy.allowPriceIncreaseWithoutApproval)
    ) {
      out.push({
        kind: ApprovalKind.PRICE_OVERRIDE,
        subject: l.key,
        minimumRole: policy.approverRole,
        reason: `Price of ${l.sku} changed from ${fmt(l.listUnitPrice)} to ${fmt(l.unitPrice)}.`,
      });
    }
    if (
      exceeds(l.lineDiscount, l.extended, lineLimit) ||
      (policy.maxLineDiscountAmount !== undefined && l.lineDiscount > policy.maxLineDiscountAmount)
    ) {
      out.push({
        kind: ApprovalKind.LINE_DISCOUNT,
        subject: l.key,
        minimumRole: policy.approverRole,
        reason: `Discount of ${fmt(l.lineDiscount)} on ${l.sku} is over the clerk limit.`,
      });
    }
  }
  const manual = cart.orderDiscounts.find((d) => d.source === 'manual');
  if (manual) {
    const base = cart.lines.reduce((s, l) => s + l.discounted, 0) + manual.amount;
    if (
      exceeds(manual.amount, base, limitOf(policy.maxOrderDiscountPercent)) ||
      (policy.maxOrderDiscountAmount !== undefined && manual.amount > policy.maxOrderDiscountAmount)
    ) {
      out.push({
        kind: ApprovalKind.ORDER_DISCOUNT,
        subject: 'order',
        minimumRole: policy.approverRole,
        reason: `Order discount of ${fmt(manual.amount)} is over the clerk limit.`,
      });
    }
  }
  return out;
}

export function approvalForVoid(
  kind: typeof ApprovalKind.VOID_LINE | typeof ApprovalKind.VOID_SALE,
  subject: string,
  policy: DiscountPolicy,
  actorRole: Role,
): RequiredApproval[] {
  if (policy.selfApprovingRoles.includes(actorRole)) return [];
  const needed = kind === ApprovalKind.VOID_LINE ? policy.voidLineNeedsApproval : policy.voidSaleNeedsApproval;
  return needed
    ? [
        {
          kind,
          subject,
          minimumRole: policy.approverRole,
          reason: kind === ApprovalKind.VOID_SALE ? 'Voiding the whole sale.' : 'Voiding a line.',
        },
      ]
    : [];
}

/** The required approvals that the granted ones do not yet cover; empty means go ahead. */
export function missingApprovals(
  required: readonly RequiredApproval[],
  granted: readonly GrantedApproval[],
): RequiredApproval[] {
  return required.filter(
    (r) =>
      !granted.some(
        (g) => g.kind === r.kind && g.subject === r.subject && hasRoleAtLeast(g.approverRole, r.minimumRole),
      ),
  );
}
