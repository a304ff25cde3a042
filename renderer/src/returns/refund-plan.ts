// The desk's refund for what the clerk has selected: shared/returns quotes each line (its share of
// what was paid plus exactly the tax charged) and plans where the money goes under the policy.
import type { Role } from '../../../shared/pricing';
import {
  countedReturns,
  planRefund,
  quoteRefund,
  soldLinesFromOrder,
  type RefundPlan,
  type CustomerReturnRecord,
  type RefundQuote,
  type ReturnPolicy,
} from '../../../shared/returns';
import type { FoundSale, GrantedReturnApproval, ReturnLineInput } from './returns-port';

export interface DeskPlan {
  quote: RefundQuote;
  plan: RefundPlan;
  /** Approvals the plan needs that no manager has given yet. */
  missing: RefundPlan['approvals'];
}

export function selectedLines(selections: Readonly<Record<string, ReturnLineInput>>): ReturnLineInput[] {
  return Object.values(selections).filter((l) => l.quantity > 0);
}

export function deskPlan(
  found: FoundSale,
  lines: readonly ReturnLineInput[],
  policy: ReturnPolicy,
  actorRole: Role,
  granted: readonly GrantedReturnApproval[],
  now: string,
  customerReturns?: readonly CustomerReturnRecord[],
  /** In an exchange: the part of the refund that pays for the new items (never refunded). */
  appliedToExchange = 0,
): DeskPlan {
  const { view } = found;
  // Quantities are checked against the authority's returnable (server or replica + own returns);
  // the port builds the return document from the same count (countedReturns).
  const counted = countedReturns(view);
  const sold = soldLinesFromOrder(view.order);
  const quote = quoteRefund(sold, counted, lines);
  const plan = planRefund({
    currency: view.order.currency,
    refundTotal: Math.max(0, quote.total - appliedToExchange),
    withReceipt: true,
    saleAt: view.order.completedAt ?? view.order.createdAt,
    now,
    originalTenders: view.tenders.map((t) => ({
      paymentId: t.paymentId,
      method: t.method,
      amount: t.amount,
      refunded: t.refunded,
      ...(t.token !== undefined ? { token: t.token } : {}),
      ...(t.last4 !== undefined ? { last4: t.last4 } : {}),
    })),
    policy,
    actorRole,
    ...(customerReturns && view.order.customerId ? { customerReturns } : {}),
  });
  const missing = plan.approvals.filter((a) => !granted.some((g) => g.kind === a.kind));
  return { quote, plan, missing };
}
