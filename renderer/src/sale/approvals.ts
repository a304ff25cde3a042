// Which manager approvals a change to the sale needs, under the store's policy (shared/pricing
// decides; this file applies it to "the cart as it would be after the change").
import {
  approvalForVoid,
  approvalsForCart,
  missingApprovals,
  ApprovalKind,
  type GrantedApproval,
  type RequiredApproval,
  type Role,
} from '../../../shared/pricing';
import type { Approval, Cart } from '../model/cart-types';
import type { SaleContext } from '../model/sale-context';
import { computeSaleTotals } from '../model/totals';

export function granted(approvals: readonly Approval[]): GrantedApproval[] {
  return approvals.map((a) => ({
    kind: a.kind,
    subject: a.subject,
    approverId: a.approverId,
    approverRole: a.approverRole,
  }));
}

/** Approvals still missing if `candidate` became the sale. */
export function approvalsNeeded(candidate: Cart, context: SaleContext, actorRole: Role): RequiredApproval[] {
  const totals = computeSaleTotals(candidate, context);
  return missingApprovals(approvalsForCart(totals, context.discountPolicy, actorRole), granted(candidate.approvals));
}

export function voidSaleApprovals(cart: Cart, context: SaleContext, actorRole: Role): RequiredApproval[] {
  return approvalForVoid(ApprovalKind.VOID_SALE, cart.saleId, context.discountPolicy, actorRole);
}
