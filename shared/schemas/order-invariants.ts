// Rules across fields of an order that a shape cannot say: the status belongs to the channel's
// lifecycle, line ids are unique, and a totals snapshot equals what its lines add up to (the
// derivation is domain-B's, shared/pricing/order-totals), so totals can never drift from lines.
import type { z } from 'zod';
import { isDomainError } from '../errors';
import { deriveOrderTotals } from '../pricing/order-totals';
import { PosOrderStatus, WebOrderStatus } from '../orders/statuses';
import type { Order } from './order-shape';

const POS: readonly string[] = Object.values(PosOrderStatus);
const REMOTE: readonly string[] = Object.values(WebOrderStatus);

export function checkOrderInvariants(order: Order, ctx: z.RefinementCtx): void {
  const allowed = order.channel === 'pos' ? POS : REMOTE;
  if (!allowed.includes(order.status)) {
    ctx.addIssue({
      code: 'custom',
      path: ['status'],
      message: `A ${order.channel} order cannot be "${order.status}"; use one of ${allowed.join(', ')}.`,
    });
  }
  const seen = new Set<string>();
  order.lines.forEach((line, i) => {
    if (seen.has(line.id))
      ctx.addIssue({
        code: 'custom',
        path: ['lines', i, 'id'],
        message: 'Two lines share this id; every line needs its own.',
      });
    seen.add(line.id);
    if (line.weightGrams !== undefined && line.quantity !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['lines', i, 'quantity'],
        message: 'A weighed line has quantity 1; its amount comes from weightGrams.',
      });
    }
    if (order.taxExempt && line.taxes.some((t) => t.amount !== 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['lines', i, 'taxes'],
        message: 'This order is tax exempt but the line carries tax.',
      });
    }
  });
  if (!order.totals) return;
  try {
    const derived = deriveOrderTotals(order);
    for (const key of ['subtotal', 'discountTotal', 'taxTotal', 'total'] as const) {
      if (derived[key] !== order.totals[key]) {
        ctx.addIssue({
          code: 'custom',
          path: ['totals', key],
          message: `The stored ${key} (${order.totals[key]}) differs from what the lines add up to (${derived[key]}); re-price the order.`,
        });
      }
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    ctx.addIssue({ code: 'custom', path: ['lines'], message: error.message });
  }
}
