// Post-void: cancelling a completed sale on the same till shift it was rung up on (the customer
// changed their mind at the counter, the wrong card was charged). A completed order is never
// edited, so the void is a return of every line, all back to stock, each tender refunded in full
// to itself (card to the same card, cash to the drawer, gift card to the same card, store credit
// back), flagged `postVoid` so the X/Z report counts it as a void, with a manager's approval.
import { DomainError } from '../errors';
import { ApprovalKind, type RequiredApproval, type Role } from '../pricing';
import { ReturnError } from './errors';
import type { RefundAllocation } from './policy';
import type { ReturnableView } from './returnable-view';

export interface PostVoidInput {
  view: ReturnableView;
  /** The register's open till shift; undefined when no till is open. */
  openShiftId: string | undefined;
  actorRole: Role;
  approverRole: Role;
  selfApprovingRoles: readonly Role[];
}

export interface PostVoidPlan {
  lines: { lineId: string; quantity: number }[];
  allocations: RefundAllocation[];
  approvals: RequiredApproval[];
}

export function planPostVoid(input: PostVoidInput): PostVoidPlan {
  const { order } = input.view;
  if (order.status !== 'completed' || order.channel !== 'pos')
    throw new DomainError(
      ReturnError.POST_VOID_REFUSED,
      `Sale ${order.orderNumber} is not a completed register sale; it cannot be post-voided.`,
    );
  if (!input.openShiftId || order.tillShiftId !== input.openShiftId)
    throw new DomainError(
      ReturnError.POST_VOID_REFUSED,
      `Sale ${order.orderNumber} was not rung up on this till's open shift, so it cannot be voided. Take a return instead.`,
    );
  if (input.view.lines.some((l) => l.returned > 0) || input.view.tenders.some((t) => t.refunded > 0))
    throw new DomainError(
      ReturnError.POST_VOID_REFUSED,
      `Part of sale ${order.orderNumber} was already returned, so it cannot be voided as a whole. Return the remaining items instead.`,
    );
  const allocations: RefundAllocation[] = input.view.tenders
    .filter((t) => t.amount > 0)
    .map((t) => ({
      method: t.method === 'gift_card' ? 'store_credit' : t.method,
      amount: t.amount,
      paymentId: t.paymentId,
      ...(t.token !== undefined ? { token: t.token } : {}),
      ...(t.last4 !== undefined ? { last4: t.last4 } : {}),
    }));
  const approvals: RequiredApproval[] = input.selfApprovingRoles.includes(input.actorRole)
    ? []
    : [
        {
          kind: ApprovalKind.VOID_SALE,
          subject: order.id,
          minimumRole: input.approverRole,
          reason: `Void of the completed sale ${order.orderNumber}: every payment goes back.`,
        },
      ];
  return {
    lines: input.view.lines.map((l) => ({ lineId: l.lineId, quantity: l.bought })),
    allocations,
    approvals,
  };
}
